import { expect, it } from "vitest";
import { markRan } from "./marker.js";

// Run alone by scripts/test.sh before the suite, which requires the run to exit non-zero.
it("fails on purpose", () => {
  markRan();
  expect(1).toBe(2);
});
