import { benchOffices } from "./offices.bench.js";
import { benchTasks } from "./tasks.bench.js";
import { startTestPostgres } from "../test/support/postgres.js";

/**
 * `npm run bench`: every benchmark, each printed as ratios against a baseline measured in the
 * same run. BENCH_SECONDS and BENCH_CONCURRENCY tune the length and load; BENCH_CLAIMERS
 * (default "1,8,32") the claimer counts of the task queue benchmark.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const claimers = (process.env.BENCH_CLAIMERS ?? "1,8,32").split(",").map(Number);
const postgres = await startTestPostgres();
process.env.MI_TEST_DATABASE_URL = postgres.url;
try {
  await benchOffices({ seconds, concurrency });
  await benchTasks({ seconds, claimers });
} finally {
  await postgres.stop();
}
