import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createLogger } from "../../src/log.js";
import { startEmbeddedPostgres } from "../../src/store/embedded-postgres.js";

/** A Postgres cluster for the whole test run: the one in MI_TEST_DATABASE_URL or an embedded one. */
export async function startTestPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.MI_TEST_DATABASE_URL) return { url: process.env.MI_TEST_DATABASE_URL, stop: async () => {} };
  const dir = await mkdtemp(path.join(os.tmpdir(), "mi-test-pg-"));
  const db = await startEmbeddedPostgres(dir, createLogger("warn"));
  return {
    url: db.url,
    async stop() {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Creates an empty database on the test cluster, so each server under test has its own. */
export async function createTestDatabase(clusterUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mi_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: clusterUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Where a server's embedded cluster lives (its data dir's postgres.json says). */
export async function clusterDirOf(dataDir: string): Promise<string> {
  return JSON.parse(await readFile(path.join(dataDir, "postgres.json"), "utf8")).clusterDir as string;
}

/** The process id of a running cluster's postmaster (first line of postmaster.pid). */
export async function postmasterPid(clusterDir: string): Promise<number> {
  return Number((await readFile(path.join(clusterDir, "postmaster.pid"), "utf8")).split("\n")[0]);
}
