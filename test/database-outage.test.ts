import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Code, ConnectError } from "@connectrpc/connect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "../gen/ts/grpc/health/v1/health_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { TaskService } from "../gen/ts/mitosis/v1/task_pb.js";
import { sleep } from "../src/lifecycle/backoff.js";
import { createLogger } from "../src/log.js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../src/store/embedded-postgres.js";
import { DEFAULT_POOL_SIZE } from "../src/store/orm.js";
import { clientFor } from "./support/clients.js";
import { createTestDatabase, postmasterPid } from "./support/postgres.js";
import { spawnServer, type ServerProcess } from "./support/server-process.js";
import { allEvents } from "./support/task-helpers.js";
import { startWatcher } from "./support/task-watcher.js";

// These tests stop, hang and restart Postgres, so they run on a cluster of their own.
let cluster: EmbeddedPostgres;
let clusterDir: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  clusterDir = await mkdtemp(path.join(os.tmpdir(), "mi-outage-pg-"));
  cluster = await startEmbeddedPostgres(clusterDir, createLogger("warn"));
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await cluster?.stop();
  await rm(clusterDir, { recursive: true, force: true });
});

const EVENTUALLY = { timeout: 60_000, interval: 250 };

/** A server process on its own database of the cluster. */
async function serverOnCluster(env: Record<string, string> = {}): Promise<{ server: ServerProcess; database: string }> {
  const database = await createTestDatabase(cluster.url);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-outage-data-"));
  const server = await spawnServer({ DATABASE_URL: database.url, MI_DATA_DIR: dataDir, ...env });
  cleanups.push(async () => {
    await server.stop(1_000);
    await database.drop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });
  return { server, database: new URL(database.url).pathname.slice(1) };
}

async function readyz(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`)).status;
}

async function healthOf(url: string): Promise<ServingStatus> {
  return (await clientFor(Health, url, undefined).check({ service: "" })).status;
}

/** The connections open to `database`, as Postgres counts them. */
async function connectionsTo(database: string): Promise<{ all: number; listening: number }> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    const res = await client.query(
      `select count(*)::int as all, count(*) filter (where query ilike 'listen %')::int as listening
         from pg_stat_activity where datname = $1`,
      [database],
    );
    return res.rows[0];
  } finally {
    await client.end();
  }
}

/** Every process of the cluster (postmaster and its children), to freeze Postgres as a hung host would. */
async function clusterPids(): Promise<number[]> {
  const postmaster = await postmasterPid(cluster.clusterDir);
  const children = execFileSync("pgrep", ["-P", String(postmaster)], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map(Number);
  return [postmaster, ...children];
}

describe("a Postgres outage", () => {
  it("is waited out: readiness tells the truth, the server serves again within seconds, one LISTEN, bounded connections and memory, a watch stream without gaps", async () => {
    const { server, database } = await serverOnCluster();
    const key = await server.adminKey();
    const offices = clientFor(OfficeService, server.url, key);
    const tasks = clientFor(TaskService, server.url, key);
    const officeId = (await offices.createOffice({ name: "outage" })).office!.id;
    const watcher = startWatcher(tasks, { officeId, sinceId: 0n });
    cleanups.push(() => watcher.stop());
    await tasks.createTask({ officeId, title: "before the outage" });
    await vi.waitFor(() => expect(watcher.events).toHaveLength(1), EVENTUALLY);
    expect(await readyz(server.url)).toBe(200);
    const rssBefore = await server.rss();

    await cluster.stop();
    await vi.waitFor(async () => expect(await readyz(server.url)).toBe(503), EVENTUALLY);
    expect(await healthOf(server.url)).toBe(ServingStatus.NOT_SERVING);
    const during = await offices.listOffices({}).then(() => undefined, ConnectError.from);
    expect(during?.code).toBe(Code.Unavailable);
    expect(await fetch(`${server.url}/healthz`).then((r) => r.status)).toBe(200); // alive, just not ready
    await sleep(60_000);
    expect(await readyz(server.url)).toBe(503);

    await cluster.start();
    // Count connections from the moment Postgres is back until everything has reconnected.
    let most = 0;
    let recovered = false;
    const counting = (async () => {
      while (!recovered) {
        const { all } = await connectionsTo(database);
        most = Math.max(most, all);
        await sleep(100);
      }
    })();
    try {
      await vi.waitFor(async () => expect(await readyz(server.url)).toBe(200), EVENTUALLY);
      expect(await healthOf(server.url)).toBe(ServingStatus.SERVING);
      await vi.waitFor(async () => expect((await offices.listOffices({})).offices).toHaveLength(1), EVENTUALLY);
      await vi.waitFor(async () => expect((await connectionsTo(database)).listening).toBe(1), EVENTUALLY);
    } finally {
      recovered = true;
      await counting;
    }
    expect(most).toBeLessThanOrEqual(DEFAULT_POOL_SIZE + 1);

    // The stream opened before the outage is still open and misses nothing created after it.
    for (let i = 0; i < 5; i++) await tasks.createTask({ officeId, title: `after the outage ${i}` });
    await vi.waitFor(() => expect(watcher.events).toHaveLength(6), EVENTUALLY);
    expect(watcher.error).toBeUndefined();
    expect(watcher.events.map((e) => e.id)).toEqual((await allEvents(tasks, officeId)).map((e) => e.id));

    // One retry loop per background job: each logged the outage once and the recovery once.
    const linesOf = (job: string) => {
      const msgs = server.logs().map((l) => l.msg);
      return {
        lost: msgs.filter((m) => m === `${job} failed; retrying with backoff`).length,
        restored: msgs.filter((m) => m === `${job} recovered`).length,
      };
    };
    for (const job of ["task event listener", "lease reaper", "postgres check"]) {
      await vi.waitFor(() => expect(linesOf(job), job).toEqual({ lost: 1, restored: 1 }), EVENTUALLY);
    }
    expect(server.logs().filter((l) => l.level === "error")).toEqual([]);
    // A minute of retries did not pile up memory (the old listener grew by gigabytes).
    const grown = (await server.rss()) - rssBefore;
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    expect(await server.stop()).toBe(0);
  }, 240_000);
});

describe("shutdown", () => {
  it("exits cleanly on SIGTERM while the database is stopped", async () => {
    const { server } = await serverOnCluster();
    await cluster.stop();
    try {
      await vi.waitFor(async () => expect(await readyz(server.url)).toBe(503), EVENTUALLY);
      server.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    } finally {
      await cluster.start();
    }
  }, 120_000);

  it("exits within the drain bound when Postgres hangs under a request", async () => {
    const { server } = await serverOnCluster({ MI_SHUTDOWN_TIMEOUT_SECONDS: "2" });
    const offices = clientFor(OfficeService, server.url, await server.adminKey());
    await offices.listOffices({}); // a pooled connection is open, so the next request reaches the frozen server
    const frozen = await clusterPids();
    for (const pid of frozen) process.kill(pid, "SIGSTOP");
    try {
      const hanging = offices.listOffices({}).catch(() => "failed");
      await sleep(500);
      server.kill("SIGTERM");
      expect(await server.exited).toBe(1); // it would never exit if the shutdown waited for Postgres
      expect(server.logs().map((l) => l.msg)).toContain("shutdown did not finish in time; exiting anyway");
      expect(await hanging).toBe("failed");
    } finally {
      for (const pid of frozen) process.kill(pid, "SIGCONT");
    }
  }, 120_000);

  it("exits at once on a second signal", async () => {
    const { server } = await serverOnCluster({ MI_SHUTDOWN_TIMEOUT_SECONDS: "3600" });
    const offices = clientFor(OfficeService, server.url, await server.adminKey());
    await offices.listOffices({});
    const frozen = await clusterPids();
    for (const pid of frozen) process.kill(pid, "SIGSTOP");
    try {
      void offices.listOffices({}).catch(() => {});
      await sleep(500);
      server.kill("SIGTERM");
      await vi.waitFor(() => expect(server.logs().map((l) => l.msg)).toContain("shutting down"), EVENTUALLY);
      // A signal within a second of the first counts as the same one (Ctrl-C reaches the server
      // from the terminal and from npm); a later one is the operator insisting.
      await sleep(1_200);
      server.kill("SIGINT");
      expect(await server.exited).toBe(1);
      expect(server.logs().map((l) => l.msg)).toContain("second signal: exiting now");
    } finally {
      for (const pid of frozen) process.kill(pid, "SIGCONT");
    }
  }, 120_000);
});
