import { buildSdk } from "./support/build-sdk.js";
import { startTestPostgres } from "./support/postgres.js";

/**
 * Starts one real Postgres (and MinIO, for the blob tests) for the whole run and hands their
 * addresses to the test files through environment variables. Each server under test then
 * creates its own database, so test files run in parallel without sharing state. Meanwhile it
 * builds the SDK package, whose compiled `mi` the CLI tests run, as users do.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  const built = buildSdk();
  // Awaited once the servers are up; until then a failure must not count as unhandled.
  built.catch(() => {});
  const postgres = await startTestPostgres();
  stops.push(postgres.stop);
  process.env.MI_TEST_DATABASE_URL = postgres.url;
  if (process.env.MI_TEST_SKIP_MINIO !== "1" && !process.env.MI_TEST_MINIO_ENDPOINT) {
    const { startMinio } = await import("./support/minio.js");
    const minio = await startMinio();
    stops.push(minio.stop);
    process.env.MI_TEST_MINIO_ENDPOINT = minio.endpoint;
    process.env.MI_TEST_MINIO_ACCESS_KEY = minio.accessKey;
    process.env.MI_TEST_MINIO_SECRET_KEY = minio.secretKey;
  }
  try {
    await built;
  } catch (err) {
    await stopAll();
    throw err;
  }
  return stopAll;
}
