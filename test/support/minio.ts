import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../src/lifecycle/ports.js";
import { installServer, launchS3Server, s3ServerFromEnv, type TestS3Server } from "./s3-server.js";

/** A running MinIO server: where it listens, its root credentials, and how to stop it. */
export type TestMinio = TestS3Server;

const MINIO_SCRIPT = fileURLToPath(new URL("../../scripts/minio.sh", import.meta.url));

/**
 * A MinIO server for tests: the one in MI_TEST_MINIO_ENDPOINT (+ _ACCESS_KEY,
 * _SECRET_KEY) if set, else a fresh one on free loopback ports with random
 * root credentials, storing in `dataDir` (default: a temp dir removed on stop);
 * `own` always starts a fresh one, for tests that stop or freeze it.
 * The binary is MI_MINIO_BIN or whatever scripts/minio.sh installs.
 */
export async function startMinio(opts: { dataDir?: string; own?: boolean } = {}): Promise<TestMinio> {
  const shared = opts.own ? undefined : s3ServerFromEnv("MI_TEST_MINIO");
  if (shared) return shared;
  const bin = process.env.MI_MINIO_BIN || (await installServer(MINIO_SCRIPT));
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "mi-test-minio-")));
  const accessKey = `mi${randomBytes(6).toString("hex")}`;
  const secretKey = randomBytes(20).toString("hex");
  return launchS3Server({
    name: "minio",
    bin,
    args: async (port) => [
      "server",
      dataDir,
      "--address",
      `127.0.0.1:${port}`,
      "--console-address",
      `127.0.0.1:${await freePort()}`,
      "--quiet",
    ],
    env: { ...process.env, MINIO_ROOT_USER: accessKey, MINIO_ROOT_PASSWORD: secretKey, MINIO_UPDATE: "off" },
    readyPath: "/minio/health/ready",
    accessKey,
    secretKey,
    async cleanup() {
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  });
}
