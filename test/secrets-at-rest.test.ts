/**
 * Secrets at rest, checked where they would leak: the database files themselves. A server on a
 * Postgres cluster of its own stores a secret env variable and an integration credential; after
 * a CHECKPOINT (data pages written out) every file of the cluster (tables, indexes, WAL) is
 * searched for the plaintext, which must appear nowhere, while the API still hands the
 * credential to an agent that may have it.
 */
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { EnvService } from "../gen/ts/mitosis/v1/env_pb.js";
import { IntegrationService } from "../gen/ts/mitosis/v1/integration_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { createLogger } from "../src/log.js";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../src/store/embedded-postgres.js";
import { clientFor } from "./support/clients.js";
import { createTestDatabase } from "./support/postgres.js";
import { startTestServer, type TestServer } from "./support/server.js";

const ENV_SECRET = "env-secret-Zq81x7NeverOnDisk";
const GITHUB_TOKEN = "ghp_credentialNeverOnDisk_55aa";
/** Stored in plaintext on purpose (an office name): the search must find it, or it searches nothing. */
const CANARY = "office-name-canary-3e7d1f";

let cluster: EmbeddedPostgres;
let clusterDir: string;
let server: TestServer;
beforeAll(async () => {
  clusterDir = await mkdtemp(path.join(os.tmpdir(), "mi-secrets-pg-"));
  cluster = await startEmbeddedPostgres(clusterDir, createLogger("warn"));
  const database = await createTestDatabase(cluster.url);
  server = await startTestServer({ DATABASE_URL: database.url });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await cluster?.stop();
  await rm(clusterDir, { recursive: true, force: true });
});

/** Every regular file under `dir`. */
async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(full)));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

it("keeps no plaintext secret in any file of the database cluster", async () => {
  const officeId = (await clientFor(OfficeService, server.url, server.adminKey).createOffice({ name: CANARY })).office!.id;
  await clientFor(CreditService, server.url, server.adminKey).addCredits({ officeId, amount: 10n });
  await clientFor(EnvService, server.url, server.adminKey).setEnvVar({ officeId, key: "DEPLOY_KEY", value: ENV_SECRET, secret: true });
  await clientFor(IntegrationService, server.url, server.adminKey).setIntegrationSecret({
    officeId,
    integrationId: "github",
    data: { GITHUB_TOKEN },
  });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query("checkpoint");
  } finally {
    await admin.end();
  }
  const files = await filesUnder(cluster.clusterDir);
  let bytes = 0;
  const leaks: string[] = [];
  let canaries = 0;
  for (const file of files) {
    const content = await readFile(file).catch(() => undefined);
    if (!content) continue;
    bytes += (await stat(file)).size;
    if (content.includes(CANARY)) canaries++;
    for (const secret of [ENV_SECRET, GITHUB_TOKEN]) if (content.includes(secret)) leaks.push(`${secret} in ${file}`);
  }
  expect(files.length).toBeGreaterThan(100);
  expect(bytes).toBeGreaterThan(10 * 2 ** 20);
  expect(canaries).toBeGreaterThan(0);
  expect(leaks).toEqual([]);
});
