import { expect, it } from "vitest";
import { tuneGarbageCollection } from "./gc-tuning.js";

it("leaves a V8 older than 13.6 alone (its new space is 8 MiB already)", () => {
  expect(tuneGarbageCollection("12.4.254.21-node.33")).toBe(false);
  expect(tuneGarbageCollection("13.5.212.10")).toBe(false);
});
