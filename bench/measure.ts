/** Result of driving one operation as fast as possible with a fixed number of callers. */
export interface Measurement {
  name: string;
  calls: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Runs `op` from `concurrency` concurrent callers for `seconds` (after a short warm-up) and
 * reports throughput and latency percentiles.
 */
export async function measure(
  name: string,
  op: () => Promise<unknown>,
  opts: { seconds: number; concurrency: number; warmupSeconds?: number },
): Promise<Measurement> {
  await drive(op, opts.warmupSeconds ?? 1, opts.concurrency, []);
  const latencies: number[] = [];
  const started = performance.now();
  await drive(op, opts.seconds, opts.concurrency, latencies);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { name, calls: latencies.length, seconds, perSecond: latencies.length / seconds, p50Ms: pct(0.5), p99Ms: pct(0.99) };
}

async function drive(op: () => Promise<unknown>, seconds: number, concurrency: number, latencies: number[]): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await op();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Prints measurements as an aligned table, each with its ratio to `baseline`. */
export function report(title: string, rows: { m: Measurement; baseline: Measurement }[]): void {
  console.log(`\n${title}`);
  const header = ["benchmark", "calls/s", "p50 ms", "p99 ms", "baseline calls/s", "ratio"];
  const lines = rows.map(({ m, baseline }) => [
    m.name,
    m.perSecond.toFixed(0),
    m.p50Ms.toFixed(2),
    m.p99Ms.toFixed(2),
    baseline.perSecond.toFixed(0),
    (m.perSecond / baseline.perSecond).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines]) console.log(line.map((c, i) => c.padEnd(widths[i]!)).join("  "));
}
