import { REAP_BATCH, type Tasks } from "./tasks.js";
import { startLoop, type Loop } from "../lifecycle/loop.js";
import type { Logger } from "../log.js";

/**
 * Every `intervalMs`, hands the tasks whose worker lease ran out to the queue's rules (requeue
 * or fail). Batches are bounded and skip locked rows, so every replica can run this loop; while
 * the database is away it backs off instead of failing every tick.
 */
export function startLeaseReaper(tasks: Tasks, intervalMs: number, log: Logger): Loop {
  return startLoop(
    "lease reaper",
    async (signal) => {
      let handled: number;
      do {
        handled = await tasks.reapExpiredLeases();
        if (handled) log.info({ count: handled }, "expired task leases handled");
      } while (handled === REAP_BATCH && !signal.aborted);
    },
    { intervalMs, log },
  );
}
