import type { Logger } from "../log.js";
import { Backoff, sleep } from "./backoff.js";
import { OutageLog } from "./outage.js";

/** A background loop started by {@link startLoop}. */
export interface Loop {
  /** Ends the loop after the step in progress; resolves when it has ended. */
  stop(): Promise<void>;
  /** Runs the next step now instead of after the interval (once more, if a step is running). */
  wake(): void;
}

/**
 * Runs `step` every `intervalMs` until stopped (the first time at once, or after one interval
 * with `waitFirst`, for steps too costly to run at every start-up). A failing step is retried with capped,
 * jittered backoff (up to `maxBackoffMs`) and logged once when the failures start and once
 * when they end, so a database outage costs one retry loop and two log lines.
 */
export function startLoop(
  what: string,
  step: (signal: AbortSignal) => Promise<void>,
  opts: { intervalMs: number; maxBackoffMs?: number; waitFirst?: boolean; log: Logger },
): Loop {
  const stopping = new AbortController();
  const outage = new OutageLog(opts.log, what);
  const backoff = new Backoff(opts.intervalMs, Math.max(opts.intervalMs, opts.maxBackoffMs ?? 10_000));
  let woken = new AbortController();
  const done = (async () => {
    if (opts.waitFirst) await sleep(opts.intervalMs, stopping.signal);
    while (!stopping.signal.aborted) {
      woken = new AbortController();
      let delay = opts.intervalMs;
      try {
        await step(stopping.signal);
        outage.succeeded();
        backoff.reset();
      } catch (err) {
        if (stopping.signal.aborted) break;
        outage.failed(err);
        delay = Math.max(opts.intervalMs, backoff.next());
      }
      // A wake during a failure streak does not cut the backoff short.
      if (woken.signal.aborted && delay === opts.intervalMs) continue;
      await sleep(delay, AbortSignal.any([stopping.signal, woken.signal]));
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await done;
    },
    wake: () => woken.abort(),
  };
}
