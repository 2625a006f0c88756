/**
 * The blob store contract (test/blob-contract.ts) against both adapters:
 * local-fs in a temp directory, and the S3 adapter on two servers — MinIO
 * (archived upstream) and versitygw (maintained; what docker-compose.yml runs).
 * Each server is the run's shared one from MI_TEST_MINIO_* / MI_TEST_VERSITYGW_*
 * when the global setup started it, else our own, with a fresh bucket per run.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBlobStore } from "../src/blob/index.js";
import { blobStoreContract } from "./blob-contract.js";
import { startMinio } from "./support/minio.js";
import type { TestS3Server } from "./support/s3-server.js";
import { startVersitygw } from "./support/versitygw.js";

/** The S3 servers the S3 adapter must work on, by name. */
const s3Servers: [string, () => Promise<TestS3Server>][] = [
  ["minio", () => startMinio()],
  ["versitygw", () => startVersitygw()],
];

blobStoreContract("local-fs", async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-blob-test-"));
  const store = await createBlobStore({ dataDir });
  return {
    store,
    async dispose() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

for (const [name, start] of s3Servers) {
  blobStoreContract(name, async () => {
    const server = await start();
    const bucket = `mi-blob-test-${randomBytes(4).toString("hex")}`;
    try {
      const store = await createBlobStore({ dataDir: "/nonexistent", minio: { ...server, bucket } });
      return {
        store,
        async dispose() {
          await store.close();
          await server.stop();
        },
      };
    } catch (err) {
      await server.stop(); // afterAll has no fixture to dispose of then
      throw err;
    }
  });
}

describe("createBlobStore", () => {
  it("uses local-fs under <dataDir>/blobs when no MinIO endpoint is set", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-blob-test-"));
    const store = await createBlobStore({ dataDir });
    expect(store.description).toBe(`blob store: local-fs ${path.join(dataDir, "blobs")}`);
    await store.put("offices/1/files/a.txt", "a");
    expect(await readdir(path.join(dataDir, "blobs", "offices", "1", "files"))).toEqual(["a.txt"]);
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const [name, start] of s3Servers) {
    it(`uses the S3 adapter on ${name} when an endpoint is set, creating the bucket once`, async () => {
      const server = await start();
      try {
        const config = { dataDir: "/nonexistent", minio: { ...server, bucket: `mi-blob-boot-${randomBytes(4).toString("hex")}` } };
        const first = await createBlobStore(config);
        expect(first.description).toBe(`blob store: minio ${server.endpoint} bucket ${config.minio.bucket}`);
        await first.put("k", "v");
        const second = await createBlobStore(config); // bucket exists now: no error, same objects
        expect((await second.stat("k")).size).toBe(1);
        await Promise.all([first.close(), second.close()]);
      } finally {
        await server.stop();
      }
    });
  }
});
