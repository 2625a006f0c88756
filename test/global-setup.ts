import { buildSdk } from "./support/build-sdk.js";
import { startTestPostgres } from "./support/postgres.js";
import type { TestS3Server } from "./support/s3-server.js";

/**
 * Starts one real Postgres and two S3 servers for the whole run — MinIO, which most tests use,
 * and versitygw, the maintained server the blob contract also runs on — and hands their
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
  try {
    const postgres = await startTestPostgres();
    stops.push(postgres.stop);
    process.env.MI_TEST_DATABASE_URL = postgres.url;
    // The S3 servers start side by side (about 1 s each once their binaries are cached).
    const s3: Promise<void>[] = [];
    const share = async (prefix: string, start: () => Promise<TestS3Server>) => {
      const server = await start();
      stops.push(server.stop);
      process.env[`${prefix}_ENDPOINT`] = server.endpoint;
      process.env[`${prefix}_ACCESS_KEY`] = server.accessKey;
      process.env[`${prefix}_SECRET_KEY`] = server.secretKey;
    };
    if (process.env.MI_TEST_SKIP_MINIO !== "1" && !process.env.MI_TEST_MINIO_ENDPOINT) {
      s3.push(share("MI_TEST_MINIO", async () => (await import("./support/minio.js")).startMinio()));
    }
    if (process.env.MI_TEST_SKIP_VERSITYGW !== "1" && !process.env.MI_TEST_VERSITYGW_ENDPOINT) {
      s3.push(share("MI_TEST_VERSITYGW", async () => (await import("./support/versitygw.js")).startVersitygw()));
    }
    // allSettled: a server that did start is in `stops` before we give up on the other.
    const failed = (await Promise.allSettled(s3)).find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    await built;
  } catch (err) {
    await stopAll();
    throw err;
  }
  return stopAll;
}
