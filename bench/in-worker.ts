import { Worker } from "node:worker_threads";
import type { Measurement } from "./measure.js";

/**
 * Load driven from a worker thread, so the callers and the server under test (in the main
 * thread) each get a core. A load module exports `createLoad(params): Promise<Load>`.
 */
export interface Load {
  /** One call, timed as a whole by measure(). */
  op(): Promise<unknown>;
  /** Called between warm-up and measurement, e.g. to drop figures gathered while warming up. */
  reset?(): void;
  /** Extra figures to report next to the measurement (say, latency of one step of `op`). */
  figures?(): Record<string, number>;
  close?(): Promise<void>;
}

/** A measurement plus the load's own figures (and the caller thread's CPU time while measuring, `clientCpuMs`). */
export interface LoadResult extends Measurement {
  figures: Record<string, number>;
}

/** What the worker thread receives. */
export interface LoadRequest {
  /** URL of the module exporting createLoad. */
  module: string;
  name: string;
  seconds: number;
  concurrency: number;
  warmupSeconds?: number;
  /** Passed to createLoad; must be structured-cloneable. */
  params: Record<string, unknown>;
}

/**
 * Messages from the worker: the measured phase starts, it ends (the worker then waits for any
 * message back before it closes its connections, so a probe sees them still open), the result.
 */
export type LoadMessage = { kind: "measuring" } | { kind: "measured" } | { kind: "result"; result: LoadResult };

/**
 * Starts sampling when the measured phase begins (after warm-up); the function it resolves to
 * is called when the phase ends and gives figures to add to the result.
 */
export type Probe = () => Promise<() => Promise<Record<string, number>>>;

/** Runs `createLoad(params)` of `module` in bench/load-worker.ts on a worker thread and resolves with its measurement. */
export function measureInWorker(module: URL, request: Omit<LoadRequest, "module">, probe?: Probe): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker.ts", import.meta.url), {
      workerData: { ...request, module: module.href } satisfies LoadRequest,
    });
    let reported = false;
    let started: Promise<(() => Promise<Record<string, number>>) | undefined> = Promise.resolve(undefined);
    let probed: Promise<Record<string, number>> = Promise.resolve({});
    worker.on("message", (msg: LoadMessage) => {
      if (msg.kind === "measuring" && probe) started = probe();
      if (msg.kind === "measured") {
        probed = started.then((stop) => stop?.() ?? {});
        void probed.finally(() => worker.postMessage("probed"));
      }
      if (msg.kind !== "result") return;
      reported = true;
      // Its keep-alive connections would otherwise hold the process open.
      void worker.terminate();
      probed.then((figures) => resolve({ ...msg.result, figures: { ...msg.result.figures, ...figures } }), reject);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!reported) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}
