import { startLoop, type Loop } from "../lifecycle/loop.js";
import type { Logger } from "../log.js";
import type { TaskStore } from "../store/tasks.js";

const BATCH = 100;

/**
 * Every `intervalMs`, requeues (or fails, after the last attempt) the tasks whose worker lease
 * ran out. Batches are bounded and use SKIP LOCKED, so every replica can run this loop; while
 * the database is away it backs off instead of failing every tick.
 */
export function startLeaseReaper(store: TaskStore, opts: { intervalMs: number; maxAttempts: number; backoffMs: number }, log: Logger): Loop {
  return startLoop(
    "lease reaper",
    async (signal) => {
      let reaped: number;
      do {
        reaped = await store.reapExpiredLeases({ batch: BATCH, maxAttempts: opts.maxAttempts, backoffMs: opts.backoffMs });
        if (reaped) log.info("expired task leases handled", { count: reaped });
      } while (reaped === BATCH && !signal.aborted);
    },
    { intervalMs: opts.intervalMs, log },
  );
}
