import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { tuneGarbageCollection } from "./gc-tuning.js";

it("leaves a V8 older than 13.6 alone (its new space is 8 MiB already)", () => {
  expect(tuneGarbageCollection("12.4.254.21-node.33")).toBe(false);
  expect(tuneGarbageCollection("13.5.212.10")).toBe(false);
});

it("lets a process churn 512 MiB of short-lived 64 KiB Buffers with at most one full GC", async () => {
  // Untuned on Node 24 the same churn runs a full GC every 64 MiB (5 here), each marking the whole heap.
  const script = fileURLToPath(new URL("../../test/support/gc-churn.ts", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script, "tuned"]);
  const { major, minor } = JSON.parse(stdout) as { major: number; minor: number };
  expect(major).toBeLessThanOrEqual(1);
  expect(minor).toBeGreaterThan(0);
});
