import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.js";
import { createLogger, type DestinationStream, type LogLevel } from "../../src/log.js";
import { startServer } from "../../src/main.js";
import { AccountService } from "../../gen/ts/mitosis/v1/auth_pb.js";
import { clientFor } from "./clients.js";
import { TestClock } from "./clock.js";
import { createTestDatabase, startTestPostgres } from "./postgres.js";

/** A real server (own database, own data dir) on a free port, for one test file. */
export interface TestServer {
  url: string;
  port: number;
  /** Key of the administrator created on first start. */
  adminKey: string;
  dataDir: string;
  /** The server's own database, for tests that inspect or nudge queue state directly. */
  databaseUrl?: string;
  /** The blob store settings the server runs with (undefined: local files in dataDir). */
  minio?: { endpoint: string; accessKey: string; secretKey: string; bucket: string };
  /** The time the server's task queue reads; tests move it forward to run leases out. */
  clock: TestClock;
  /** Stops the server and starts it again on the same database, data dir, port and clock (a server restart). */
  restart(): Promise<void>;
  /** Creates another account (through the API) and returns its first key. */
  newAccount(name: string): Promise<{ accountId: string; apiKey: string }>;
  stop(): Promise<void>;
}

/** Options of startTestServer. */
export interface TestServerOptions {
  /** Where the server's log lines go, from which level (default: stderr from warn; debug with MI_TEST_LOG_LEVEL=debug). */
  log?: { level: LogLevel; destination: DestinationStream };
}

/** Starts the server with the production wiring against the run's Postgres (see global-setup). */
export async function startTestServer(env: Record<string, string> = {}, opts: TestServerOptions = {}): Promise<TestServer> {
  let cluster: { url: string; stop(): Promise<void> } | undefined;
  if (!process.env.MI_TEST_DATABASE_URL) cluster = await startTestPostgres();
  const database = await createTestDatabase(process.env.MI_TEST_DATABASE_URL ?? cluster!.url);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-test-data-"));
  const minio = s3EnvFor(dataDir);
  const config = {
    // No warm agent workers unless a test asks: most test servers never hire, and each worker is a Node process.
    ...loadConfig({
      MI_DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      MI_AGENT_WARM_POOL: "0",
      ...minio,
      ...env,
    }),
    printAdminKey: false,
  };
  const log = opts.log
    ? createLogger(opts.log.level, opts.log.destination)
    : createLogger(process.env.MI_TEST_LOG_LEVEL === "debug" ? "debug" : "warn");
  const clock = new TestClock();
  let server = await startServer(config, log, { clock });
  const adminKey = server.adminKey!;
  const admin = clientFor(AccountService, server.url, adminKey);
  return {
    url: server.url,
    port: server.port,
    adminKey,
    dataDir,
    databaseUrl: database.url,
    minio: config.minio,
    clock,
    async restart() {
      await server.stop();
      server = await startServer({ ...config, port: server.port }, log, { clock });
    },
    async newAccount(name) {
      const res = await admin.createAccount({ name });
      return { accountId: res.account!.id, apiKey: res.apiKey };
    },
    async stop() {
      await server.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
      await cluster?.stop();
    },
  };
}

/** With the run's MinIO available, the MINIO_* settings of a server with its own bucket on it, like production; else none. */
export function s3EnvFor(dataDir: string): Record<string, string> {
  if (!process.env.MI_TEST_MINIO_ENDPOINT) return {};
  return {
    MINIO_ENDPOINT: process.env.MI_TEST_MINIO_ENDPOINT,
    MINIO_ACCESS_KEY: process.env.MI_TEST_MINIO_ACCESS_KEY!,
    MINIO_SECRET_KEY: process.env.MI_TEST_MINIO_SECRET_KEY!,
    MINIO_BUCKET: `mi-test-${path
      .basename(dataDir)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")}`,
  };
}
