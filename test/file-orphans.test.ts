/**
 * The drive's sweep of objects no file points at (left by a server that died between storing an
 * upload's bytes and committing its file, or by a failed delete of a replaced object), against
 * the run's real object store and Postgres: old orphans go, files and young objects stay.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OS1Client } from "../sdk/src/index.js";
import type { BlobStore } from "../src/blob/blob-store.js";
import { createBlobStore } from "../src/blob/index.js";
import { Files } from "../src/files/files.js";
import { PgFileStore } from "../src/files/store.js";
import pg from "pg";
import { until } from "./support/agents.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let client: OS1Client;
let blobs: BlobStore;
beforeAll(async () => {
  server = await startTestServer({ MI_FILES_ORPHAN_SWEEP_MS: "200" });
  client = new OS1Client({ endpoint: server.url, auth: { type: "token", token: (await server.newAccount("orphans")).apiKey } });
  blobs = await createBlobStore({ dataDir: server.dataDir, minio: server.minio });
});
afterAll(async () => {
  await blobs?.close();
  await server?.stop();
});

const exists = (key: string) =>
  blobs.stat(key).then(
    () => true,
    () => false,
  );

describe("the orphan sweep", () => {
  // First: the next test moves the server's clock an hour on, after which its own sweep takes every object.
  it("leaves objects younger than its cutoff (an upload about to commit its file)", async () => {
    const office = await client.offices.create({ name: "young orphans" });
    const old = `offices/${office.id}/files/${randomUUID()}`;
    const young = `offices/${office.id}/files/${randomUUID()}`;
    await blobs.put(old, Buffer.from("old"));
    const oldAt = (await blobs.stat(old)).lastModified.getTime();
    // Object stores keep times to the second: the young one must be written in a later second.
    await new Promise((r) => setTimeout(r, 1100));
    await blobs.put(young, Buffer.from("young"));
    const cutoff = (await blobs.stat(young)).lastModified;
    expect(cutoff.getTime()).toBeGreaterThan(oldAt);
    // The drive itself, on the server's database and object store, swept with that cutoff.
    const pool = new pg.Pool({ connectionString: server.databaseUrl });
    try {
      const files = new Files(new PgFileStore(pool), blobs, server.clock);
      expect(await files.sweepOrphans(cutoff, new AbortController().signal)).toBeGreaterThanOrEqual(1);
    } finally {
      await pool.end();
    }
    expect(await exists(old)).toBe(false);
    expect(await exists(young)).toBe(true);
  });

  it("runs on the server and deletes old drive objects no file points at; files and other objects stay", async () => {
    const office = await client.offices.create({ name: "orphans" });
    await client.files.write(office.id, "kept.md", "still here\n");
    const orphan = `offices/${office.id}/files/${randomUUID()}`;
    const backup = `offices/${office.id}/backups/agents/x/old.tar.gz`;
    for (const key of [orphan, backup]) await blobs.put(key, Buffer.from("left behind"));
    server.clock.advance(60 * 60_000 + 1000); // an hour passes: both are old now
    await until(
      "the orphan gone",
      () => exists(orphan),
      (there) => !there,
    );
    expect(await exists(backup)).toBe(true);
    expect((await client.files.read(office.id, "kept.md")).content.toString()).toBe("still here\n");
  });
});
