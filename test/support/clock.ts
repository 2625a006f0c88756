import type { Clock } from "../../src/domain/clock.js";

/** Longer than any lease a claim can ask for (task.proto allows up to an hour). */
export const PAST_ANY_LEASE_MS = 3_600_000 + 1_000;

/**
 * The system clock plus an offset the test moves forward: leases run out when the test says
 * so, through the same code paths as in production, without waiting and without touching rows.
 */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves time forward by `ms` for every server sharing this clock. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
