/**
 * The behaviour every BlobStore adapter must have, as one suite run against
 * each adapter by test/blob-store.test.ts. Each test works under its own
 * top-level folder of one store, so tests never see each other's objects.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "../src/blob/blob-store.js";
import { BlobNotFoundError, BlobSizeMismatchError, compareKeys, InvalidBlobKeyError } from "../src/blob/index.js";
import { generatedBody, generatedSha256, hashStream, heldBody, inBatches, MemoryPeak, readAll } from "./blob-streams.js";

const MiB = 1024 * 1024;

/** How the contract gets a fresh, empty store of one adapter, and disposes of it. */
export interface StoreFixture {
  store: BlobStore;
  dispose(): Promise<void>;
}

async function text(store: BlobStore, key: string): Promise<string> {
  return (await readAll((await store.get(key)).body)).toString("utf8");
}

async function keys(store: BlobStore, prefix: string, opts?: { startAfter?: string; limit?: number }): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of store.list(prefix, opts)) out.push(entry.key);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (err: Error) => err,
  );
}

/** Defines the contract suite for one adapter. */
export function blobStoreContract(adapter: string, open: () => Promise<StoreFixture>): void {
  describe(`blob store contract: ${adapter}`, () => {
    let fixture: StoreFixture;
    let store: BlobStore;
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterAll(async () => fixture?.dispose());

    it("round-trips strings, bytes and streams with their metadata", async () => {
      const put = await store.put("rt/note.md", "# hello", { contentType: "text/markdown" });
      expect(put).toMatchObject({ key: "rt/note.md", size: 7 });
      expect(put.etag).toMatch(/^[0-9a-f]{32}/);
      const got = await store.get("rt/note.md");
      expect((await readAll(got.body)).toString()).toBe("# hello");
      expect(got).toMatchObject({ key: "rt/note.md", size: 7, contentType: "text/markdown", etag: put.etag });
      expect(await store.stat("rt/note.md")).toMatchObject({ size: 7, contentType: "text/markdown", etag: put.etag });

      await store.put("rt/bytes.bin", new Uint8Array([0, 1, 2, 255]));
      expect([...(await readAll((await store.get("rt/bytes.bin")).body))]).toEqual([0, 1, 2, 255]);
      expect((await store.stat("rt/bytes.bin")).contentType).toBe("application/octet-stream");

      await store.put("rt/stream.txt", Readable.from(["a", "b", Buffer.from("c")]));
      expect(await text(store, "rt/stream.txt")).toBe("abc");

      await store.put("rt/empty", "");
      expect(await store.stat("rt/empty")).toMatchObject({ size: 0 });
      expect(await text(store, "rt/empty")).toBe("");
    });

    it("replaces an object on overwrite", async () => {
      const first = await store.put("ow/file", "first version", { contentType: "text/plain" });
      const second = await store.put("ow/file", "v2", { contentType: "application/json" });
      expect(second.etag).not.toBe(first.etag);
      expect(await text(store, "ow/file")).toBe("v2");
      expect(await store.stat("ow/file")).toMatchObject({ size: 2, contentType: "application/json", etag: second.etag });
      expect(await keys(store, "ow/")).toEqual(["ow/file"]);
    });

    it("throws BlobNotFoundError naming the missing key", async () => {
      // One call at a time: a second promise created up front could reject before it is awaited.
      for (const op of [() => store.get("missing/x y"), () => store.stat("missing/x y")]) {
        const err = await rejection(op());
        expect(err).toBeInstanceOf(BlobNotFoundError);
        expect(err.message).toContain('"missing/x y"');
      }
    });

    it("answers ping while it is reachable", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it("deletes idempotently", async () => {
      await store.put("del/a", "a");
      await store.delete("del/a");
      await expect(store.stat("del/a")).rejects.toBeInstanceOf(BlobNotFoundError);
      await store.delete("del/a");
      await store.delete("del/never-existed");
      expect(await keys(store, "del/")).toEqual([]);
    });

    it("round-trips odd names exactly and lists them in S3 order", async () => {
      const names = [
        "with space",
        "ünïcödé/日本語.txt",
        "emoji 😀",
        "\ufffd replacement",
        "#hash",
        "q?x=1&y=2",
        "100%",
        "100%25",
        "a+b",
        ".hidden",
        "trailing.",
        "trailing ",
        "back\\slash",
        'colon:star*pipe|lt<gt>"',
        "042",
        "1e5",
        "a-b",
        "a/b",
        ["s".repeat(255), "t".repeat(255), "u".repeat(255), "v".repeat(252)].join("/"),
      ];
      const all = names.map((n) => `odd/${n}`);
      expect(Buffer.byteLength(all.at(-1)!)).toBe(1024);
      for (const key of all) await store.put(key, key);
      expect(await keys(store, "odd/")).toEqual([...all].sort(compareKeys));
      for (const key of all) expect(await text(store, key)).toBe(key);
    });

    it("rejects unsafe keys everywhere with InvalidBlobKeyError", async () => {
      const unsafe = ["", "/abs", "a//b", "a/", "..", "a/../b", "a/./b", "nul\u0000byte", "x".repeat(1025), "a/" + "s".repeat(256)];
      for (const key of unsafe) {
        const body = Readable.from(["data"]);
        await expect(store.put(key, body)).rejects.toBeInstanceOf(InvalidBlobKeyError);
        expect(body.destroyed).toBe(true); // the caller's stream is released, not left hanging
        await expect(store.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.stat(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      }
      await expect(keys(store, "../")).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.deletePrefix("offices/a")).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.deletePrefix("")).rejects.toBeInstanceOf(InvalidBlobKeyError);
    });

    it("keeps prefixes apart: offices/a/ never lists offices/ab/", async () => {
      const all = ["iso/offices/a/1", "iso/offices/a/z/2", "iso/offices/a-b/3", "iso/offices/ab/4", "iso/offices/b/5"];
      for (const key of all) await store.put(key, key);
      expect(await keys(store, "iso/offices/a/")).toEqual(["iso/offices/a/1", "iso/offices/a/z/2"]);
      expect(await keys(store, "iso/offices/ab/")).toEqual(["iso/offices/ab/4"]);
      // A prefix that stops mid-name matches names starting with it, in byte order.
      expect(await keys(store, "iso/offices/a")).toEqual(["iso/offices/a-b/3", "iso/offices/a/1", "iso/offices/a/z/2", "iso/offices/ab/4"]);
      expect(await keys(store, "iso/offices/c/")).toEqual([]);
    });

    it("refuses a body that does not match its announced size, storing nothing", async () => {
      for (const body of ["four", "sixteen bytes!!!"]) {
        const err = await rejection(store.put("size/x", Readable.from([body]), { size: 8 }));
        expect(err).toBeInstanceOf(BlobSizeMismatchError);
        await expect(store.stat("size/x")).rejects.toBeInstanceOf(BlobNotFoundError);
      }
      await store.put("size/x", Readable.from(["8 bytes!"]), { size: 8 });
      expect(await text(store, "size/x")).toBe("8 bytes!");
    });

    it("pages past 1,000 keys in order, then deletes them all by prefix", async () => {
      const all = Array.from({ length: 1100 }, (_, i) => `many/k${String(i).padStart(4, "0")}`);
      await inBatches(all, 16, (key) => store.put(key, "x"));
      expect(await keys(store, "many/")).toEqual(all);
      const paged: string[] = [];
      for (let startAfter: string | undefined; ; ) {
        const page = await keys(store, "many/", { startAfter, limit: 400 });
        paged.push(...page);
        if (page.length < 400) break;
        startAfter = page.at(-1);
      }
      expect(paged).toEqual(all);
      expect(await keys(store, "many/", { startAfter: "many/k1049" })).toEqual(all.slice(1050));
      expect(await store.deletePrefix("many/")).toBe(1100);
      expect(await keys(store, "many/")).toEqual([]);
    });

    it("deletePrefix removes only that folder", async () => {
      const keep = ["dp/offices/ab/x", "dp/offices/a-b/y", "dp/offices/b/a/z"];
      const drop = ["dp/offices/a/1", "dp/offices/a/files/deep/2", "dp/offices/a/files/3"];
      for (const key of [...keep, ...drop]) await store.put(key, key);
      expect(await store.deletePrefix("dp/offices/a/")).toBe(3);
      expect(await keys(store, "dp/")).toEqual([...keep].sort(compareKeys));
      expect(await store.deletePrefix("dp/offices/none/")).toBe(0);
    });

    it("never shows a write in progress: readers see the old object until the new one is whole", async () => {
      const old = await store.put("atomic/file", "old content");
      const writer = heldBody(16 * MiB, 12 * MiB, 0x6e);
      const writing = store.put("atomic/file", writer.stream);
      await writer.held; // 12 MiB are in the store's hands; the write is not finished
      expect(await store.stat("atomic/file")).toMatchObject({ size: old.size, etag: old.etag });
      expect(await text(store, "atomic/file")).toBe("old content");
      await writer.release();
      const done = await writing;
      expect(await store.stat("atomic/file")).toMatchObject({ size: 16 * MiB, etag: done.etag });
    });

    it("leaves one complete object when writers race on a key", async () => {
      const size = 10 * MiB; // above one part, so S3 adapters go multipart
      const fills = [0x11, 0x22, 0x33, 0x44];
      const puts = await Promise.all(fills.map((fill) => store.put("race/file", Readable.from(chunksOf(size, fill)))));
      const got = await store.get("race/file");
      const content = await readAll(got.body);
      expect(content.length).toBe(size);
      const winner = fills.indexOf(content[0]!);
      expect(winner).toBeGreaterThanOrEqual(0);
      expect(content.every((b) => b === fills[winner])).toBe(true);
      expect(got.etag).toBe(puts[winner]!.etag);
    });

    it("streams a 256 MiB object through put and get in bounded memory", async () => {
      const size = 256 * MiB;
      const memory = new MemoryPeak();
      let chunks = 0;
      const sample = () => ++chunks % 16 === 0 && memory.sample();
      const put = await store.put("big/object.bin", generatedBody(size, sample), { contentType: "application/x-test" });
      expect(put.size).toBe(size);
      const got = await store.get("big/object.bin");
      expect(got.size).toBe(size);
      const read = await hashStream(got.body, sample);
      memory.sample();
      expect(read).toEqual({ size, sha256: generatedSha256(size) });
      const growth = memory.growthMiB();
      console.info(
        `${adapter}: 256 MiB put+get, peak growth rss ${growth.rss.toFixed(1)} MiB, arrayBuffers ${growth.arrayBuffers.toFixed(1)} MiB`,
      );
      // Live buffers (arrayBuffers, sampled after a GC) are the real bound: one part in flight.
      // RSS also holds what the allocator keeps after 8 MiB parts are freed, which varies with
      // load (0.5 to 97 MiB seen); holding the object would still put it past 256 MiB.
      expect(growth.arrayBuffers).toBeLessThan(64);
      expect(growth.rss).toBeLessThan(160);
      await store.delete("big/object.bin");
    });
  });
}

function* chunksOf(size: number, fill: number): Generator<Buffer> {
  for (let sent = 0; sent < size; sent += MiB) yield Buffer.alloc(Math.min(MiB, size - sent), fill);
}
