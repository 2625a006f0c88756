import { describe, expect, it } from "vitest";
import { Backoff, sleep } from "./backoff.js";

describe("Backoff", () => {
  it("doubles its ceiling per failure up to the cap, never waiting less than half of it", () => {
    const lowest = new Backoff(100, 1_000, () => 0);
    const highest = new Backoff(100, 1_000, () => 1);
    expect(Array.from({ length: 6 }, () => lowest.next())).toEqual([50, 100, 200, 400, 500, 500]);
    expect(Array.from({ length: 6 }, () => highest.next())).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it("spreads retries: the same failure count gives different delays", () => {
    const delays = new Set(Array.from({ length: 20 }, () => new Backoff(1_000, 10_000).next()));
    expect(delays.size).toBeGreaterThan(1);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(500);
  });

  it("starts over after reset", () => {
    const backoff = new Backoff(100, 1_000, () => 1);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});

describe("sleep", () => {
  it("ends early when its signal aborts", async () => {
    const abort = new AbortController();
    const slept = sleep(60_000, abort.signal);
    abort.abort();
    await expect(slept).resolves.toBeUndefined();
  });
});
