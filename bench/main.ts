import { benchAgentList, benchHires } from "./agents.bench.js";
import { benchCli } from "./cli.bench.js";
import { benchCredits } from "./credits.bench.js";
import { benchFiles } from "./files.bench.js";
import { benchOffices } from "./offices.bench.js";
import { benchTasks } from "./tasks.bench.js";
import { benchWorkers } from "./worker.bench.js";
import { startTestPostgres } from "../test/support/postgres.js";

/**
 * `npm run bench`: every benchmark, each printed as ratios against a baseline measured in the
 * same run. BENCH_SECONDS and BENCH_CONCURRENCY tune the length and load; BENCH_CLAIMERS
 * (default "1,8,32") the claimer counts of the task queue benchmark; BENCH_CLI_RUNS (default
 * 20) the runs per command of the mi start-up benchmark; BENCH_CREDIT_WRITERS (default 16)
 * the concurrent writers of the credit debit benchmark; BENCH_HIRES (default 20) the hires timed
 * from hire to Running; BENCH_FILE_MIB (default 1024) the file moved through the server;
 * BENCH_WORKERS (default "1,4,16") the local worker counts of the worker benchmark. BENCH_ONLY (e.g. "cli" or
 * "offices,tasks") runs some of them.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const claimers = (process.env.BENCH_CLAIMERS ?? "1,8,32").split(",").map(Number);
const cliRuns = Number(process.env.BENCH_CLI_RUNS ?? 20);
const creditWriters = Number(process.env.BENCH_CREDIT_WRITERS ?? 16);
const hires = Number(process.env.BENCH_HIRES ?? 20);
const fileMiB = Number(process.env.BENCH_FILE_MIB ?? 1024);
const workerCounts = (process.env.BENCH_WORKERS ?? "1,4,16").split(",").map(Number);
const benchmarks = {
  offices: () => benchOffices({ seconds, concurrency }),
  tasks: () => benchTasks({ seconds, claimers }),
  cli: () => benchCli({ runs: cliRuns }),
  credits: () => benchCredits({ seconds, writers: creditWriters }),
  hires: () => benchHires({ hires }),
  "agent-list": () => benchAgentList({ seconds, concurrency: 8 }),
  files: () => benchFiles({ sizeMiB: fileMiB }),
  workers: () => benchWorkers({ counts: workerCounts, tasksPerWorker: 25 }),
};
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
for (const name of only ?? []) {
  if (!(name in benchmarks))
    throw new Error(`BENCH_ONLY: no benchmark ${JSON.stringify(name)}; there are ${Object.keys(benchmarks).join(", ")}`);
}
const postgres = await startTestPostgres();
process.env.MI_TEST_DATABASE_URL = postgres.url;
try {
  for (const [name, bench] of Object.entries(benchmarks)) {
    if (!only || only.includes(name)) await bench();
  }
} finally {
  await postgres.stop();
}
