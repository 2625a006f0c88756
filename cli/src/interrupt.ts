/**
 * Commands that run until stopped (`mi tasks watch`, `mi agents logs --follow`): Ctrl-C is the
 * normal way out, so it ends them with exit code 0.
 */
import type { OutStream } from "./io.js";

/**
 * Runs `work` until it ends, the process gets SIGINT/SIGTERM, or `stdout` fails (the reader
 * went away, as in `mi tasks watch | head -1`); each aborts its signal.
 */
export async function untilInterrupted(stdout: OutStream, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  const stream = stdout as Partial<Pick<NodeJS.EventEmitter, "on" | "off">>;
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  stream.on?.("error", stop);
  try {
    await work(controller.signal);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    stream.off?.("error", stop);
  }
}
