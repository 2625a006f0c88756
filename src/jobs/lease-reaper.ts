import type { Logger } from "../log.js";
import type { TaskStore } from "../store/tasks.js";

/**
 * Every `intervalMs`, requeues (or fails, after the last attempt) the tasks whose worker lease
 * ran out. Batches are bounded and use SKIP LOCKED, so every replica can run this loop.
 */
export function startLeaseReaper(store: TaskStore, opts: { intervalMs: number; maxAttempts: number; backoffMs: number }, log: Logger): { stop(): Promise<void> } {
  let stopped = false;
  let busy = false;
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      let reaped: number;
      do {
        reaped = await store.reapExpiredLeases({ batch: 100, maxAttempts: opts.maxAttempts, backoffMs: opts.backoffMs });
        if (reaped) log.info("expired task leases handled", { count: reaped });
      } while (reaped === 100 && !stopped);
    } catch (err) {
      log.error("lease reaper failed; will try again", { err });
    }
  };
  const timer = setInterval(() => {
    if (busy) return; // a slow sweep is still going: skip this tick rather than pile up
    busy = true;
    running = sweep().finally(() => (busy = false));
  }, opts.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
