import { parentPort, workerData } from "node:worker_threads";
import { threadCpuMs } from "./cpu.js";
import type { Load, LoadMessage, LoadRequest, LoadResult } from "./in-worker.js";
import { measure } from "./measure.js";

/** Load generator thread: builds the requested load, warms it up, measures it and reports back. */
const request = workerData as LoadRequest;
const post = (msg: LoadMessage) => parentPort!.postMessage(msg);
const { createLoad } = (await import(request.module)) as { createLoad(params: Record<string, unknown>): Promise<Load> };
const load = await createLoad(request.params);
let result: LoadResult;
try {
  const op = () => load.op();
  await measure(`${request.name} (warm-up)`, op, {
    seconds: request.warmupSeconds ?? 1,
    concurrency: request.concurrency,
    warmupSeconds: 0,
  });
  load.reset?.();
  post({ kind: "measuring" });
  const cpuBefore = threadCpuMs();
  const m = await measure(request.name, op, { seconds: request.seconds, concurrency: request.concurrency, warmupSeconds: 0 });
  const probed = new Promise((resolve) => parentPort!.once("message", resolve));
  post({ kind: "measured" });
  await probed;
  result = { ...m, figures: { ...load.figures?.(), clientCpuMs: threadCpuMs() - cpuBefore } };
} finally {
  await load.close?.();
}
post({ kind: "result", result });
