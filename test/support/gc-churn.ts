/**
 * Churns 512 MiB of 64 KiB Buffers, each garbage at once (what streaming a file through the
 * server does), and prints how many full (major) and young (minor) GCs that took. With "tuned"
 * it first applies the server's garbage-collection tuning. Run in its own process: V8 flags are
 * per process.
 */
import { PerformanceObserver, constants } from "node:perf_hooks";
import { tuneGarbageCollection } from "../../src/lifecycle/gc-tuning.js";
if (process.argv[2] === "tuned") tuneGarbageCollection();
let major = 0;
let minor = 0;
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
  }
});
obs.observe({ entryTypes: ["gc"] });
let x = 0;
for (let i = 0; i < 8192; i++) {
  const b = Buffer.allocUnsafe(65536);
  x ^= b[0]!;
  if (i % 16 === 0) await new Promise((r) => setImmediate(r));
}
await new Promise((r) => setTimeout(r, 100));
obs.disconnect();
// x keeps the reads from being optimised away.
console.log(JSON.stringify({ major, minor, read: x >= 0 }));
