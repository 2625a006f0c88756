import { benchOffices } from "./offices.bench.js";
import { startTestPostgres } from "../test/support/postgres.js";

/**
 * `npm run bench`: every benchmark, each printed as ratios against a baseline measured in the
 * same run. BENCH_SECONDS and BENCH_CONCURRENCY tune the length and load.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const postgres = await startTestPostgres();
process.env.MI_TEST_DATABASE_URL = postgres.url;
try {
  await benchOffices({ seconds, concurrency });
} finally {
  await postgres.stop();
}
