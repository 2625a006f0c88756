import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startServer } from "../../src/main.js";
import type { TestServer } from "./server.js";

/** A second server process-equivalent (own pool, LISTEN connection and reaper) on a test server's database. */
export interface Replica {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts another replica of `primary` on the same database, as a second pod behind a load
 * balancer would run: it shares all state through Postgres (and the test's clock) and nothing
 * else. The primary's keys work on it.
 */
export async function startReplica(primary: TestServer, env: Record<string, string> = {}): Promise<Replica> {
  if (!primary.databaseUrl) throw new Error("the primary test server does not expose its database");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-test-replica-"));
  const config = {
    ...loadConfig({
      MI_DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: primary.databaseUrl,
      MI_AGENT_WARM_POOL: "0",
      ...env,
    }),
    printAdminKey: false,
  };
  const server = await startServer(config, createLogger(process.env.MI_TEST_LOG_LEVEL === "debug" ? "debug" : "warn"), {
    clock: primary.clock,
  });
  return {
    url: server.url,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
