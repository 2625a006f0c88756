/**
 * Where the task queue reads the time for leases and availability. Production uses the system
 * clock; tests use a clock they can move ahead, so a lease runs out without waiting for it
 * and without rewriting rows.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };
