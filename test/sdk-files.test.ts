/**
 * `client.files` against a real server, Postgres and the run's object store, following the
 * docs (`client.files.list(colonyId)`, `upload`, `download`, `delete`, `changes(colonyId,
 * since?)`): streamed round trips of a few MiB from memory, from a stream and from a local file,
 * downloads to a path that never leave a partial file, small files, listing with prefixes and
 * pages, the change log, and the typed errors of bad paths and other accounts' offices.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, MitosisError, NotFoundError, OS1Client } from "../sdk/src/index.js";
import { failure } from "./support/sdk.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let apiKey: string;
let accountId: string;
let dir: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ apiKey, accountId } = await server.newAccount("sdk-files"));
  dir = await mkdtemp(join(tmpdir(), "mi-sdk-files-"));
});
afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const client = (transport: "connect" | "grpc" = "connect", token = apiKey) =>
  new OS1Client({ endpoint: server.url, auth: { type: "token", token }, transport });
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Bytes that differ from chunk to chunk, so a reordered or repeated chunk shows. */
function content(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) bytes.writeUInt32LE((i * 2654435761 + seed) >>> 0, Math.min(i, size - 4));
  return bytes;
}

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

const newColony = async (c: OS1Client, name = "drive") => (await c.offices.create({ name })).id;

describe.each(["connect", "grpc"] as const)("client.files over %s", (transport) => {
  it("uploads a few MiB from memory and downloads them back, size and SHA-256 checked", async () => {
    const c = client(transport);
    const colonyId = await newColony(c);
    const data = content(3 * 1024 * 1024 + 17);
    const progress: number[] = [];
    const stored = await c.files.upload(colonyId, "reports/big.bin", data, { onProgress: (p) => progress.push(p.bytes) });
    expect(stored).toEqual({
      path: "reports/big.bin",
      size: data.byteLength,
      contentType: "application/octet-stream",
      sha256: sha(data),
      createdAt: expect.stringMatching(ISO),
      modifiedAt: expect.stringMatching(ISO),
      modifiedBy: `operator:${accountId}`,
    });
    expect(progress).toEqual([0, 1048576, 2097152, 3145728, data.byteLength]);

    const { file, content: chunks } = await c.files.download(colonyId, "reports/big.bin");
    expect(file).toEqual(stored);
    const sizes: number[] = [];
    const back = await bytesOf(
      (async function* () {
        for await (const chunk of chunks) {
          sizes.push(chunk.byteLength);
          yield chunk;
        }
      })(),
    );
    expect(back.equals(data)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1024 * 1024);
    expect(await c.files.get(colonyId, "reports/big.bin")).toEqual(stored);
  });

  it("uploads a local file and a stream, and downloads to a path", async () => {
    const c = client(transport);
    const colonyId = await newColony(c);
    // More than the server takes in one request (MI_MAX_REQUEST_BYTES, 8 MiB): a stream's limit is per message.
    const data = content(9 * 1024 * 1024 + 3, 7);
    const local = join(dir, `upload-${transport}.bin`);
    await writeFile(local, data);

    const fromFile = await c.files.uploadFile(colonyId, "src/data.bin", local);
    expect(fromFile).toMatchObject({ path: "src/data.bin", size: data.byteLength, sha256: sha(data) });
    const fromStream = await c.files.upload(colonyId, "src/stream.md", createReadStream(local));
    expect(fromStream).toMatchObject({ size: data.byteLength, sha256: sha(data), contentType: "text/markdown" });

    const target = join(dir, `download-${transport}.bin`);
    const totals: (number | undefined)[] = [];
    const got = await c.files.downloadFile(colonyId, "src/data.bin", target, { onProgress: (p) => totals.push(p.total) });
    expect(got).toEqual(fromFile);
    expect(sha(await readFile(target))).toBe(sha(data));
    expect(new Set(totals)).toEqual(new Set([data.byteLength]));
    // Replaces what was there.
    await c.files.downloadFile(colonyId, "src/stream.md", target);
    expect((await readFile(target)).equals(data)).toBe(true);
  });
});

describe("client.files, following the docs", () => {
  it("never leaves a partial file when a download to a path is refused or cancelled", async () => {
    const c = client();
    const colonyId = await newColony(c);
    const target = join(dir, "refused", "report.md");
    await mkdir(join(dir, "refused"));

    const missing = await failure(c.files.downloadFile(colonyId, "missing.md", target));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toContain("missing.md");
    expect(await readdir(join(dir, "refused"))).toEqual([]);

    await c.files.upload(colonyId, "big.bin", content(3 * 1024 * 1024));
    const stop = new AbortController();
    const cancelled = await failure(
      c.files.downloadFile(colonyId, "big.bin", target, { signal: stop.signal, onProgress: (p) => p.bytes > 0 && stop.abort() }),
    );
    expect(cancelled).toBeInstanceOf(MitosisError);
    expect(cancelled.code).toBe("canceled");
    expect(await readdir(join(dir, "refused"))).toEqual([]);
  });

  it("reads and writes small files whole, and sends big ones to download", async () => {
    const c = client();
    const colonyId = await newColony(c);
    const written = await c.files.write(colonyId, "notes/todo.md", "# Todo\n- ship files\n");
    expect(written).toMatchObject({ path: "notes/todo.md", size: 20, contentType: "text/markdown" });
    const read = await c.files.read(colonyId, "notes/todo.md");
    expect(read.file).toEqual(written);
    expect(read.content.toString()).toBe("# Todo\n- ship files\n");
    const binary = await c.files.write(colonyId, "x.dat", new Uint8Array([0, 1, 2, 255]), { contentType: "application/x-thing" });
    expect(binary.contentType).toBe("application/x-thing");
    expect([...(await c.files.read(colonyId, "x.dat")).content]).toEqual([0, 1, 2, 255]);

    await c.files.upload(colonyId, "huge.bin", content(4 * 1024 * 1024 + 1));
    const tooLarge = await failure(c.files.read(colonyId, "huge.bin"));
    expect(tooLarge).toMatchObject({ code: "failed_precondition", reason: "FILE_TOO_LARGE" });
  });

  it("lists in path order, under a prefix, page by page and up to a limit", async () => {
    const c = client();
    const colonyId = await newColony(c);
    const paths = ["b.txt", "a.txt", "docs/readme.md", "docs/guide/intro.md", "c/d.txt"];
    for (const path of paths) await c.files.write(colonyId, path, path);
    const sorted = [...paths].sort();
    expect((await c.files.list(colonyId)).map((f) => f.path)).toEqual(sorted);
    expect((await c.files.list(colonyId, { pageSize: 2 })).map((f) => f.path)).toEqual(sorted);
    expect((await c.files.list(colonyId, { prefix: "docs/" })).map((f) => f.path)).toEqual(["docs/guide/intro.md", "docs/readme.md"]);
    expect((await c.files.list(colonyId, { limit: 3, pageSize: 2 })).map((f) => f.path)).toEqual(sorted.slice(0, 3));
    const iterated: string[] = [];
    for await (const f of c.files.iterate(colonyId, { prefix: "docs", pageSize: 1 })) iterated.push(f.path);
    expect(iterated).toEqual(["docs/guide/intro.md", "docs/readme.md"]);
    expect(await c.files.list(colonyId, { prefix: "nothing/" })).toEqual([]);
  });

  it("deletes, and reports every change after a cursor for incremental polling", async () => {
    const c = client();
    const colonyId = await newColony(c);
    expect(await c.files.changes(colonyId)).toEqual({ changes: [], next: 0, hasMore: false });

    await c.files.write(colonyId, "report.md", "v1");
    await c.files.upload(colonyId, "report.md", "v2, longer");
    const first = await c.files.changes(colonyId);
    expect(first.changes.map((ch) => [ch.type, ch.path])).toEqual([
      ["created", "report.md"],
      ["updated", "report.md"],
    ]);
    expect(first.changes[1]).toEqual({
      id: first.next,
      type: "updated",
      path: "report.md",
      file: expect.objectContaining({ size: 10, sha256: sha(Buffer.from("v2, longer")) }),
      changedBy: `operator:${accountId}`,
      changedAt: expect.stringMatching(ISO),
    });
    expect(first.hasMore).toBe(false);

    await c.files.delete(colonyId, "report.md");
    await c.files.write(colonyId, "other.md", "x");
    // The docs' form, changes(colonyId, since), and the options form agree.
    const after = await c.files.changes(colonyId, first.next);
    expect(after.changes.map((ch) => [ch.type, ch.path, ch.file === null])).toEqual([
      ["deleted", "report.md", true],
      ["created", "other.md", false],
    ]);
    expect(await c.files.changes(colonyId, { since: first.next })).toEqual(after);
    const one = await c.files.changes(colonyId, { since: first.next, limit: 1 });
    expect(one).toMatchObject({ changes: [after.changes[0]], next: after.changes[0]!.id, hasMore: true });
    expect(await c.files.changes(colonyId, after.next)).toEqual({ changes: [], next: after.next, hasMore: false });

    expect(await failure(c.files.get(colonyId, "report.md"))).toBeInstanceOf(NotFoundError);
    expect(await failure(c.files.delete(colonyId, "report.md"))).toBeInstanceOf(NotFoundError);
    expect((await c.files.list(colonyId)).map((f) => f.path)).toEqual(["other.md"]);
  });

  it("refuses path traversal with an InvalidArgumentError naming path, and stores nothing", async () => {
    const c = client();
    const colonyId = await newColony(c);
    const attempts: [string, () => Promise<unknown>][] = [
      ["upload", () => c.files.upload(colonyId, "../etc/passwd", "x")],
      ["uploadFile", () => c.files.uploadFile(colonyId, "a/../../b", join(dir, "upload-connect.bin"))],
      ["write", () => c.files.write(colonyId, "/etc/passwd", "x")],
      ["read", () => c.files.read(colonyId, "..")],
      ["download", () => c.files.download(colonyId, "a/./b")],
      ["downloadFile", () => c.files.downloadFile(colonyId, "../x", join(dir, "never"))],
      ["get", () => c.files.get(colonyId, "a//b")],
      ["delete", () => c.files.delete(colonyId, "../shared")],
    ];
    for (const [what, attempt] of attempts) {
      const err = (await failure(attempt())) as InvalidArgumentError;
      expect(err, what).toBeInstanceOf(InvalidArgumentError);
      expect(
        err.violations.map((v) => v.field),
        what,
      ).toEqual(["path"]);
    }
    const prefix = (await failure(c.files.list(colonyId, { prefix: "../" }))) as InvalidArgumentError;
    expect(prefix.violations.map((v) => v.field)).toEqual(["prefix"]);
    expect(await c.files.list(colonyId)).toEqual([]);
    expect(await readdir(dir)).not.toContain("never");
  });

  it("treats another account's office as not found, for every call", async () => {
    const c = client();
    const colonyId = await newColony(c);
    await c.files.write(colonyId, "secret.md", "mine");
    const { apiKey: strangerKey } = await server.newAccount("files-stranger");
    const stranger = client("connect", strangerKey);
    const attempts: [string, () => Promise<unknown>][] = [
      ["list", () => stranger.files.list(colonyId)],
      ["get", () => stranger.files.get(colonyId, "secret.md")],
      ["read", () => stranger.files.read(colonyId, "secret.md")],
      ["download", () => stranger.files.download(colonyId, "secret.md")],
      ["downloadFile", () => stranger.files.downloadFile(colonyId, "secret.md", join(dir, "stolen.md"))],
      ["upload", () => stranger.files.upload(colonyId, "evil.md", "x")],
      ["write", () => stranger.files.write(colonyId, "evil.md", "x")],
      ["delete", () => stranger.files.delete(colonyId, "secret.md")],
      ["changes", () => stranger.files.changes(colonyId)],
    ];
    for (const [what, attempt] of attempts) expect(await failure(attempt()), what).toBeInstanceOf(NotFoundError);
    expect((await c.files.list(colonyId)).map((f) => f.path)).toEqual(["secret.md"]);
    expect(await readdir(dir)).not.toContain("stolen.md");
  });
});
