import { writeFileSync } from "node:fs";

/** Leaves the file scripts/test.sh looks for, so it knows the self-check spec really ran. */
export function markRan(): void {
  const marker = process.env.MI_TEST_SELF_CHECK_MARKER;
  if (!marker) throw new Error("MI_TEST_SELF_CHECK_MARKER is not set: run this spec through scripts/test.sh");
  writeFileSync(marker, "ran\n");
}
