/**
 * The blob store contract (test/blob-contract.ts) against both adapters:
 * local-fs in a temp directory, and MinIO — the run's shared server from
 * MI_TEST_MINIO_* when the global setup started one, else our own — with a
 * fresh bucket per run.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBlobStore } from "../src/blob/index.js";
import { blobStoreContract } from "./blob-contract.js";
import { startMinio } from "./support/minio.js";

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

blobStoreContract("minio", async () => {
  const minio = await startMinio();
  const bucket = `mi-blob-test-${randomBytes(4).toString("hex")}`;
  const store = await createBlobStore({ dataDir: "/nonexistent", minio: { ...minio, bucket } });
  return {
    store,
    async dispose() {
      await store.close();
      await minio.stop();
    },
  };
});

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

  it("uses MinIO when an endpoint is set, creating the bucket once", async () => {
    const minio = await startMinio();
    const config = { dataDir: "/nonexistent", minio: { ...minio, bucket: `mi-blob-boot-${randomBytes(4).toString("hex")}` } };
    const first = await createBlobStore(config);
    expect(first.description).toBe(`blob store: minio ${minio.endpoint} bucket ${config.minio.bucket}`);
    await first.put("k", "v");
    const second = await createBlobStore(config); // bucket exists now: no error, same objects
    expect((await second.stat("k")).size).toBe(1);
    await Promise.all([first.close(), second.close()]);
    await minio.stop();
  });
});
