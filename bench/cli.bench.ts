import { spawn } from "node:child_process";
import { installPackedSdk } from "../test/support/sdk-package.js";
import { startTestServer } from "../test/support/server.js";

/** One command's start-to-exit wall times, sorted. */
interface Timing {
  name: string;
  runs: number[];
}

/**
 * `mi` as users run it: installed from the packed tarball into a temporary global prefix, its
 * wall time from spawn to exit (median of `runs`, after two unmeasured warm-up runs). Measured:
 * `mi --version` (start-up alone; target under 150 ms) and `mi offices list` against a local
 * server (start-up, loading the SDK, one ListOffices). Baseline in the same run: `node -e ""`,
 * plain Node start-up, which no command can beat.
 */
export async function benchCli(opts: { runs: number }): Promise<Timing[]> {
  const server = await startTestServer();
  const sdk = await installPackedSdk().catch(async (err) => {
    await server.stop();
    throw err;
  });
  try {
    const login = await sdk.mi(["login", "--with-token", "--endpoint", server.url], server.adminKey);
    if (login.code !== 0) throw new Error(`mi login failed: ${login.stderr}`);
    const where = { cwd: sdk.dir, env: sdk.env() };
    const timings = [
      await time('node -e ""', process.execPath, ["-e", ""], where, opts.runs),
      await time("mi --version", "mi", ["--version"], where, opts.runs),
      await time("mi offices list", "mi", ["offices", "list"], where, opts.runs),
    ];
    printTimings(`mi installed from the packed tarball, wall time of ${opts.runs} runs each; baseline = node -e ""`, timings);
    return timings;
  } finally {
    await sdk.remove();
    await server.stop();
  }
}

/** Spawns the command `runs` times (plus two warm-ups), one at a time, failing on a non-zero exit. */
async function time(
  name: string,
  command: string,
  args: string[],
  where: { cwd: string; env: NodeJS.ProcessEnv },
  runs: number,
): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(command, args, { ...where, stdio: "ignore" });
      child.on("error", fail);
      child.on("close", done);
    });
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`${name} exited with ${code}`);
    if (i >= 2) times.push(ms);
  }
  return { name, runs: times.sort((a, b) => a - b) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function median(sorted: number[]): number {
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Prints median, min and p90 of each command, and its median as a multiple of the baseline's (the first). */
function printTimings(title: string, timings: Timing[]): void {
  console.log(`\n${title}`);
  const baseline = median(timings[0]!.runs);
  const header = ["command", "median ms", "min ms", "p90 ms", "baseline median ms", "ratio"];
  const lines = timings.map((t) => [
    t.name,
    median(t.runs).toFixed(1),
    t.runs[0]!.toFixed(1),
    percentile(t.runs, 0.9).toFixed(1),
    baseline.toFixed(1),
    (median(t.runs) / baseline).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines])
    console.log(
      line
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
}
