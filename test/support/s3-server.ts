/**
 * What the test S3 servers (test/support/minio.ts, test/support/versitygw.ts) share: a shared
 * server handed over by environment variables, the cached binary from its install script, and
 * one tethered process on a free loopback port with a ready check and a stop by PID.
 */
import { execFile, type ChildProcess } from "node:child_process";
import { freePort } from "../../src/lifecycle/ports.js";
import { hasExited, spawnTethered, stopChild } from "../../src/lifecycle/tether.js";
import { promisify } from "node:util";

/** A running S3 server: where it listens, its root credentials, and how to stop it. */
export interface TestS3Server {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** The server's process id (undefined for the shared server from the environment). */
  pid?: number;
  stop(): Promise<void>;
}

const READY_DEADLINE_MS = 60_000;
const STOP_KILL_AFTER_MS = 10_000;

/**
 * The shared server in `${prefix}_ENDPOINT` (+ `_ACCESS_KEY`, `_SECRET_KEY`), if set. Its stop
 * does nothing: whoever started it (the global setup) stops it.
 */
export function s3ServerFromEnv(prefix: string): TestS3Server | undefined {
  const endpoint = process.env[`${prefix}_ENDPOINT`];
  if (!endpoint) return undefined;
  const accessKey = process.env[`${prefix}_ACCESS_KEY`];
  const secretKey = process.env[`${prefix}_SECRET_KEY`];
  if (!accessKey || !secretKey) {
    throw new Error(`${prefix}_ENDPOINT is set but ${prefix}_ACCESS_KEY / ${prefix}_SECRET_KEY are not`);
  }
  return { endpoint, accessKey, secretKey, stop: async () => {} };
}

/** Runs an install script (instant once cached, minutes on a fresh machine) and returns the binary path it prints last. */
export async function installServer(script: string): Promise<string> {
  const { stdout } = await promisify(execFile)("bash", [script], { maxBuffer: 16 * 1024 * 1024 });
  const bin = stdout.trim().split("\n").at(-1);
  if (!bin) throw new Error(`${script} printed no binary path`);
  return bin;
}

/** How to run one server process; credentials travel in `env`, never on the command line. */
export interface S3ServerLaunch {
  /** For messages: "minio", "versitygw". */
  name: string;
  bin: string;
  /** Arguments for a server listening on 127.0.0.1:`port` (async: it may probe more ports). */
  args(port: number): Promise<string[]>;
  env: NodeJS.ProcessEnv;
  /** A path that answers 200 without credentials once the server serves S3. */
  readyPath: string;
  accessKey: string;
  secretKey: string;
  /** Runs after the process has stopped (removing a temp data dir). */
  cleanup(): Promise<void>;
}

/** Starts the server tethered to this process (so it dies with us) and waits until it is ready. */
export async function launchS3Server(launch: S3ServerLaunch): Promise<TestS3Server> {
  try {
    // A free port can be taken between our probe and the server's bind; try again then.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const endpoint = `http://127.0.0.1:${port}`;
      const child = spawnTethered(launch.bin, await launch.args(port), {
        env: launch.env,
        stdio: ["ignore", "pipe", "pipe"],
        parentDeathSignal: "SIGTERM",
      });
      const output: string[] = [];
      child.stdout!.on("data", (d: Buffer) => output.push(d.toString()));
      child.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
      try {
        await waitReady(launch, endpoint, child, output);
      } catch (err) {
        await stopChild(child, "SIGTERM", STOP_KILL_AFTER_MS);
        if (attempt < 3 && /address already in use/i.test(output.join(""))) continue;
        throw err;
      }
      return {
        endpoint,
        accessKey: launch.accessKey,
        secretKey: launch.secretKey,
        pid: child.pid,
        async stop() {
          await stopChild(child, "SIGTERM", STOP_KILL_AFTER_MS);
          await launch.cleanup();
        },
      };
    }
  } catch (err) {
    await launch.cleanup();
    throw err;
  }
}

async function waitReady(launch: S3ServerLaunch, endpoint: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`${launch.name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output.join("")}`);
    }
    try {
      const res = await fetch(`${endpoint}${launch.readyPath}`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${launch.name} at ${endpoint} not ready after ${READY_DEADLINE_MS / 1000}s:\n${output.join("")}`);
}
