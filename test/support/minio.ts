import { execFile, type ChildProcess } from "node:child_process";
import { freePort } from "../../src/lifecycle/ports.js";
import { hasExited, spawnTethered, stopChild } from "../../src/lifecycle/tether.js";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** A running MinIO server: where it listens, its root credentials, and how to stop it. */
export interface TestMinio {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** The server's process id (undefined for the shared server from the environment). */
  pid?: number;
  stop(): Promise<void>;
}

const MINIO_SCRIPT = fileURLToPath(new URL("../../scripts/minio.sh", import.meta.url));
const READY_DEADLINE_MS = 60_000;

/**
 * A MinIO server for tests: the one in MI_TEST_MINIO_ENDPOINT (+ _ACCESS_KEY,
 * _SECRET_KEY) if set, else a fresh one on free loopback ports with random
 * root credentials, storing in `dataDir` (default: a temp dir removed on stop);
 * `own` always starts a fresh one, for tests that stop or freeze it.
 * The binary is MI_MINIO_BIN or whatever scripts/minio.sh installs.
 */
export async function startMinio(opts: { dataDir?: string; own?: boolean } = {}): Promise<TestMinio> {
  const shared = opts.own ? undefined : fromEnv();
  if (shared) return shared;
  const bin = process.env.MI_MINIO_BIN || (await installMinio());
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "mi-test-minio-")));
  const accessKey = `mi${randomBytes(6).toString("hex")}`;
  const secretKey = randomBytes(20).toString("hex");
  try {
    // A free port can be taken between our probe and MinIO's bind; try again then.
    for (let attempt = 1; ; attempt++) {
      const [port, consolePort] = [await freePort(), await freePort()];
      const endpoint = `http://127.0.0.1:${port}`;
      const child = spawnTethered(
        bin,
        ["server", dataDir, "--address", `127.0.0.1:${port}`, "--console-address", `127.0.0.1:${consolePort}`, "--quiet"],
        {
          env: { ...process.env, MINIO_ROOT_USER: accessKey, MINIO_ROOT_PASSWORD: secretKey, MINIO_UPDATE: "off" },
          stdio: ["ignore", "pipe", "pipe"],
          parentDeathSignal: "SIGTERM",
        },
      );
      const output: string[] = [];
      child.stdout!.on("data", (d: Buffer) => output.push(d.toString()));
      child.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
      try {
        await waitReady(endpoint, child, output);
      } catch (err) {
        await stopChild(child, "SIGTERM", 10_000);
        if (attempt < 3 && /address already in use/i.test(output.join(""))) continue;
        throw err;
      }
      return {
        endpoint,
        accessKey,
        secretKey,
        pid: child.pid,
        async stop() {
          await stopChild(child, "SIGTERM", 10_000);
          if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
        },
      };
    }
  } catch (err) {
    if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

function fromEnv(): TestMinio | undefined {
  const endpoint = process.env.MI_TEST_MINIO_ENDPOINT;
  if (!endpoint) return undefined;
  const accessKey = process.env.MI_TEST_MINIO_ACCESS_KEY;
  const secretKey = process.env.MI_TEST_MINIO_SECRET_KEY;
  if (!accessKey || !secretKey) {
    throw new Error("MI_TEST_MINIO_ENDPOINT is set but MI_TEST_MINIO_ACCESS_KEY / MI_TEST_MINIO_SECRET_KEY are not");
  }
  return { endpoint, accessKey, secretKey, stop: async () => {} };
}

/** Runs scripts/minio.sh (instant once cached, minutes on a fresh machine) and returns the binary path. */
async function installMinio(): Promise<string> {
  const { stdout } = await promisify(execFile)("bash", [MINIO_SCRIPT], { maxBuffer: 16 * 1024 * 1024 });
  const bin = stdout.trim().split("\n").at(-1);
  if (!bin) throw new Error("scripts/minio.sh printed no binary path");
  return bin;
}

async function waitReady(endpoint: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`minio exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output.join("")}`);
    }
    try {
      const res = await fetch(`${endpoint}/minio/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`minio at ${endpoint} not ready after ${READY_DEADLINE_MS / 1000}s:\n${output.join("")}`);
}
