import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { installServer, launchS3Server, s3ServerFromEnv, type TestS3Server } from "./s3-server.js";

/** A running versitygw (Versity S3 Gateway) server. */
export type TestVersitygw = TestS3Server;

const VERSITYGW_SCRIPT = fileURLToPath(new URL("../../scripts/versitygw.sh", import.meta.url));
const HEALTH_PATH = "/health";

/**
 * A versitygw server for tests, the maintained S3 server we run next to MinIO: the one in
 * MI_TEST_VERSITYGW_ENDPOINT (+ _ACCESS_KEY, _SECRET_KEY) if set, else a fresh one on a free
 * loopback port with random root credentials, serving the posix backend on `dataDir` (default:
 * a temp dir removed on stop; each bucket is a folder in it); `own` always starts a fresh one.
 * The binary is MI_VERSITYGW_BIN or whatever scripts/versitygw.sh installs.
 */
export async function startVersitygw(opts: { dataDir?: string; own?: boolean } = {}): Promise<TestVersitygw> {
  const shared = opts.own ? undefined : s3ServerFromEnv("MI_TEST_VERSITYGW");
  if (shared) return shared;
  const bin = process.env.MI_VERSITYGW_BIN || (await installServer(VERSITYGW_SCRIPT));
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "mi-test-versitygw-")));
  const accessKey = `mi${randomBytes(6).toString("hex")}`;
  const secretKey = randomBytes(20).toString("hex");
  return launchS3Server({
    name: "versitygw",
    bin,
    // Global flags go before the backend subcommand; --quiet drops the per-request log lines.
    args: async (port) => ["--port", `127.0.0.1:${port}`, "--quiet", "posix", dataDir],
    // Root credentials by env var, not flags, so they never show in `ps`; VGW_HEALTH turns on
    // an unauthenticated GET endpoint for the ready check.
    env: { ...process.env, ROOT_ACCESS_KEY: accessKey, ROOT_SECRET_KEY: secretKey, VGW_HEALTH: HEALTH_PATH },
    readyPath: HEALTH_PATH,
    accessKey,
    secretKey,
    async cleanup() {
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  });
}
