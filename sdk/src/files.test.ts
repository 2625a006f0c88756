import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { createConnectRouter, type ServiceImpl } from "@connectrpc/connect";
import { connectNodeAdapter, createConnectTransport } from "@connectrpc/connect-node";
import { createRestTranscoder } from "../../src/rest/transcoder.js";
import { inProcessCalls } from "../../src/rpc/in-process.js";
import { FileRoutes } from "./file-http.js";
import { FileChangeSchema, FileChangeType, FileInfoSchema, FileService, type UploadFileHeader } from "../../gen/ts/mitosis/v1/file_pb.js";
import { InvalidArgumentError, type MitosisError } from "./errors.js";
import { FILE_CHANGE_TYPES, filePath, filePrefix, sha256Input, toFileChange, toFileInfo } from "./file-mapping.js";
import { CHUNK_BYTES, limitChunks, prepareSource } from "./file-transfer.js";
import { FilesClient } from "./files.js";

const OFFICE = "0b7c6a3e-5f1d-4c2a-9e8b-1d2c3b4a5f60";
const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
const at = (iso: string) => timestampFromDate(new Date(iso));

/** The error a synchronous call throws (fails the test if it does not throw). */
function thrown(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    return err as InvalidArgumentError;
  }
  throw new Error("expected a throw");
}

/** The error a call rejects with (fails the test if it succeeds). */
async function rejection(p: Promise<unknown>): Promise<MitosisError> {
  try {
    await p;
  } catch (err) {
    return err as MitosisError;
  }
  throw new Error("expected a rejection");
}

const info = (content: Uint8Array, path = "report.md") =>
  create(FileInfoSchema, {
    path,
    sizeBytes: BigInt(content.byteLength),
    contentType: "text/markdown",
    sha256: sha(content),
    createdAt: at("2026-04-27T10:00:00Z"),
    modifiedAt: at("2026-04-27T11:00:00.123Z"),
    modifiedBy: "operator:acc-1",
  });

describe("drive paths", () => {
  it("take relative paths the server takes", () => {
    for (const ok of ["report.md", "src/rate-limiter.go", ".env", "a/.hidden/b", "...", "..x", "x".repeat(1024), "with space/ünï"]) {
      expect(filePath(ok)).toBe(ok);
    }
  });

  it("refuse traversal, absolute paths, empty segments and control characters before sending, naming the field", () => {
    const cases: [string, RegExp][] = [
      ["../etc/passwd", /segments/],
      ["a/../../b", /segments/],
      ["a/./b", /segments/],
      ["a//b", /segments/],
      ["a/", /segments/],
      ["/shared/files/report.md", /relative to the drive root.*is report\.md/],
      ["x\u0001y", /control characters/],
      ["x\u007fy", /control characters/],
      ["", /must be a path/],
      ["x".repeat(1025), /at most 1024/],
    ];
    for (const [bad, why] of cases) {
      const err = thrown(() => filePath(bad));
      expect(err, bad).toBeInstanceOf(InvalidArgumentError);
      expect(err.message, bad).toMatch(/^path must/);
      expect(err.message, bad).toMatch(why);
      expect(err.violations).toEqual([{ field: "path", message: expect.any(String) }]);
    }
    expect(thrown(() => filePath(undefined as never, "file.name")).message).toMatch(/^file\.name must be a path/);
  });

  it("take prefixes that may end with '/', and none", () => {
    expect(filePrefix(undefined)).toBe("");
    expect(filePrefix("")).toBe("");
    expect(filePrefix("reports/")).toBe("reports/");
    expect(filePrefix("reports/2026")).toBe("reports/2026");
    for (const bad of ["../", "/reports", "a//", "./"]) expect(thrown(() => filePrefix(bad)).message, bad).toMatch(/^prefix must/);
  });

  it("take a SHA-256 in any case, as lowercase hex", () => {
    const hex = sha("x");
    expect(sha256Input(hex.toUpperCase())).toBe(hex);
    expect(thrown(() => sha256Input("abc")).message).toMatch(/^sha256 must be 64 hex characters/);
  });
});

describe("responses as the docs' objects", () => {
  it("maps a file: size in bytes as a number, times as ISO strings", () => {
    const content = Buffer.from("# Report");
    expect(toFileInfo(info(content))).toEqual({
      path: "report.md",
      size: 8,
      contentType: "text/markdown",
      sha256: sha(content),
      createdAt: "2026-04-27T10:00:00.000Z",
      modifiedAt: "2026-04-27T11:00:00.123Z",
      modifiedBy: "operator:acc-1",
    });
  });

  it("maps changes, with no file for deletions", () => {
    expect(FILE_CHANGE_TYPES).toEqual(["created", "updated", "deleted"]);
    const base = { id: 7n, path: "report.md", changedBy: "analyst", changedAt: at("2026-04-27T12:00:00Z") };
    const updated = toFileChange(create(FileChangeSchema, { ...base, type: FileChangeType.UPDATED, file: info(Buffer.from("x")) }));
    expect(updated).toMatchObject({
      id: 7,
      type: "updated",
      path: "report.md",
      changedBy: "analyst",
      changedAt: "2026-04-27T12:00:00.000Z",
    });
    expect(updated.file?.size).toBe(1);
    expect(toFileChange(create(FileChangeSchema, { ...base, type: FileChangeType.DELETED })).file).toBeNull();
  });
});

describe("upload sources", () => {
  const collect = async (chunks: AsyncIterable<Uint8Array>) => {
    const all: Uint8Array[] = [];
    for await (const c of chunks) all.push(c);
    return all;
  };

  it("are cut into chunks of at most 1 MiB without copying", async () => {
    const big = Buffer.alloc(2 * CHUNK_BYTES + 5, 7);
    const chunks = await collect(
      limitChunks(
        (async function* () {
          yield big;
          yield new Uint8Array(0);
          yield Buffer.from("tail");
        })(),
      ),
    );
    expect(chunks.map((c) => c.byteLength)).toEqual([CHUNK_BYTES, CHUNK_BYTES, 5, 4]);
    expect(chunks[0]!.buffer).toBe(big.buffer);
  });

  it("know their size and SHA-256 up front when they can be read twice", async () => {
    const text = await prepareSource("héllo");
    expect({ size: text.size, sha256: text.sha256 }).toEqual({ size: 6, sha256: sha("héllo") });
    const blob = await prepareSource(new Blob(["abc"], { type: "text/plain" }));
    expect({ size: blob.size, sha256: blob.sha256, contentType: blob.contentType }).toEqual({
      size: 3,
      sha256: sha("abc"),
      contentType: "text/plain",
    });
    expect(Buffer.concat(await collect(blob.chunks())).toString()).toBe("abc");
    // A hash the caller knows is trusted as given (the server checks it).
    expect((await prepareSource(Buffer.from("abc"), { sha256: "f".repeat(64) })).sha256).toBe("f".repeat(64));
  });

  it("read streams once, as they are sent, text chunks as UTF-8", async () => {
    const stream = await prepareSource(Readable.from(["a", Buffer.from("b")]));
    expect({ size: stream.size, sha256: stream.sha256 }).toEqual({ size: undefined, sha256: undefined });
    expect(Buffer.concat(await collect(stream.chunks())).toString()).toBe("ab");
    const bad = await prepareSource(Readable.from([{ not: "bytes" }]));
    await expect(collect(bad.chunks())).rejects.toThrow(/^source must yield Uint8Array or string chunks/);
    await expect(prepareSource(42 as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("transfers against a local FileService", () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  /** `impl` served over Connect and, through the server's REST transcoder, over the byte routes. */
  async function serving(impl: Partial<ServiceImpl<typeof FileService>>): Promise<FilesClient> {
    const { router, call } = inProcessCalls(createConnectRouter(), []);
    router.service(FileService, impl);
    const quiet = { info() {}, error() {} };
    const rest = createRestTranscoder({ handlers: router.handlers, call, maxBodyBytes: 2 ** 20, dialect: "docs", log: quiet });
    const server = createServer(
      connectNodeAdapter({
        routes: (r) => r.service(FileService, impl),
        fallback: (req, res) =>
          void rest.handle(req, res as ServerResponse).then((handled) => handled || (res as ServerResponse).writeHead(404).end()),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new FilesClient(createConnectTransport({ baseUrl, httpVersion: "1.1" }), new FileRoutes({ endpoint: baseUrl }));
  }

  /** A server that keeps what it was sent and answers with metadata of `stored` (the bytes it got, by default). */
  async function uploadServer(stored?: Uint8Array) {
    const seen = { header: undefined as UploadFileHeader | undefined, chunks: [] as number[] };
    const files = await serving({
      async uploadFile(requests) {
        const parts: Uint8Array[] = [];
        for await (const req of requests) {
          if (req.part.case === "header") seen.header = req.part.value;
          if (req.part.case === "chunk") {
            seen.chunks.push(req.part.value.byteLength);
            parts.push(req.part.value);
          }
        }
        return { file: info(stored ?? Buffer.concat(parts), seen.header?.path) };
      },
    });
    return { files, seen };
  }

  it("uploads bytes with their size and SHA-256 in the header, in chunks of at most 1 MiB, reporting progress", async () => {
    const { files, seen } = await uploadServer();
    const content = Buffer.alloc(CHUNK_BYTES * 2 + 10, 3);
    const progress: [number, number | undefined][] = [];
    const file = await files.upload(OFFICE, "data/big.bin", content, { onProgress: (p) => progress.push([p.bytes, p.total]) });
    expect(file).toMatchObject({ path: "data/big.bin", size: content.byteLength, sha256: sha(content) });
    expect(seen.header).toMatchObject({
      officeId: OFFICE,
      path: "data/big.bin",
      sizeBytes: BigInt(content.byteLength),
      sha256: sha(content),
    });
    // The body arrives as the network cuts it, never in messages over 1 MiB.
    expect(seen.chunks.every((n) => n > 0 && n <= CHUNK_BYTES)).toBe(true);
    expect(seen.chunks.reduce((a, b) => a + b, 0)).toBe(content.byteLength);
    const total = content.byteLength;
    expect(progress).toEqual([
      [0, total],
      [CHUNK_BYTES, total],
      [2 * CHUNK_BYTES, total],
      [total, total],
    ]);
  });

  it("uploads a local file read twice: hashed first (the hashing stage), then sent with its size and SHA-256", async () => {
    const { files, seen } = await uploadServer();
    const dir = await mkdtemp(join(tmpdir(), "mi-files-unit-"));
    try {
      const content = Buffer.alloc(CHUNK_BYTES + 1, 9);
      await writeFile(join(dir, "data.bin"), content);
      const progress: string[] = [];
      await files.uploadFile(OFFICE, "data.bin", join(dir, "data.bin"), {
        onProgress: (p) => progress.push(`${p.stage} ${p.bytes}/${p.total}`),
      });
      expect(seen.header).toMatchObject({ sizeBytes: BigInt(content.byteLength), sha256: sha(content) });
      const n = content.byteLength;
      expect(progress).toEqual([
        `hashing 0/${n}`,
        `hashing ${CHUNK_BYTES}/${n}`,
        `hashing ${n}/${n}`,
        `sending 0/${n}`,
        `sending ${CHUNK_BYTES}/${n}`,
        `sending ${n}/${n}`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("stops hashing a local file when the upload is cancelled, and sends nothing", async () => {
    const { files, seen } = await uploadServer();
    const dir = await mkdtemp(join(tmpdir(), "mi-files-unit-"));
    try {
      await writeFile(join(dir, "data.bin"), Buffer.alloc(4 * CHUNK_BYTES));
      const stop = new AbortController();
      const hashed: number[] = [];
      const onProgress = (p: { stage: string; bytes: number }) => {
        if (p.stage === "hashing") hashed.push(p.bytes);
        if (p.bytes === CHUNK_BYTES) stop.abort();
      };
      const err = await rejection(files.uploadFile(OFFICE, "data.bin", join(dir, "data.bin"), { onProgress, signal: stop.signal }));
      expect(err.code).toBe("canceled");
      expect(hashed).toEqual([0, CHUNK_BYTES]);
      expect(seen.header).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("uploads a stream without a size or hash, unless the caller gives them, and the docs' File under its name", async () => {
    const { files, seen } = await uploadServer();
    await files.upload(OFFICE, "log.txt", Readable.from([Buffer.from("one\n"), Buffer.from("two\n")]));
    expect(seen.header).toMatchObject({ path: "log.txt", sha256: "", contentType: "" });
    expect(seen.header?.sizeBytes).toBeUndefined();
    await files.upload(OFFICE, "log.txt", Readable.from([Buffer.from("x")]), {
      size: 1,
      sha256: sha("x").toUpperCase(),
      contentType: "text/plain",
    });
    expect(seen.header).toMatchObject({ sizeBytes: 1n, sha256: sha("x"), contentType: "text/plain" });
    await files.upload(OFFICE, new File(["# Notes"], "notes.md", { type: "text/markdown" }));
    expect(seen.header).toMatchObject({ path: "notes.md", sizeBytes: 7n, sha256: sha("# Notes"), contentType: "text/markdown" });
  });

  it("fails with data_loss when the server stored other bytes than were sent", async () => {
    const { files } = await uploadServer(Buffer.from("something else"));
    const err = await rejection(files.upload(OFFICE, "log.txt", Readable.from([Buffer.from("mine")])));
    expect(err.code).toBe("data_loss");
    expect(err.message).toMatch(/^The server stored log\.txt as 14 bytes .* but 4 bytes .* were sent\. Upload it again\.$/);
  });

  it("rethrows the caller's own source failure as it was", async () => {
    const { files } = await uploadServer();
    const broken = new Readable({
      read() {
        this.destroy(new Error("disk on fire"));
      },
    });
    await expect(files.upload(OFFICE, "x.bin", broken)).rejects.toThrow("disk on fire");
    await expect(files.uploadFile(OFFICE, "x.bin", "/nonexistent/mi-file")).rejects.toMatchObject({ code: "ENOENT" });
    await expect(files.uploadFile(OFFICE, "x.bin", tmpdir())).rejects.toThrow(/^localPath must be a regular file/);
  });

  /** A server whose download sends metadata for `content` but the bytes `sent`. */
  async function downloadServer(content: Uint8Array, sent: Uint8Array) {
    const seen = { closed: false };
    const files = await serving({
      async *downloadFile(req, ctx) {
        ctx.signal.addEventListener("abort", () => (seen.closed = true));
        yield { part: { case: "file", value: info(content, req.path) } };
        for (let i = 0; i < sent.byteLength; i += CHUNK_BYTES) yield { part: { case: "chunk", value: sent.subarray(i, i + CHUNK_BYTES) } };
      },
    });
    return { files, seen };
  }

  it("checks a download against its metadata: a damaged one throws data_loss and leaves no file behind", async () => {
    const content = Buffer.alloc(CHUNK_BYTES + 100, 1);
    const damaged = Buffer.from(content);
    damaged[5] = 2;
    const good = await downloadServer(content, content);
    const { file, content: chunks } = await good.files.download(OFFICE, "a.bin");
    expect(file.size).toBe(content.byteLength);
    const parts: Uint8Array[] = [];
    for await (const c of chunks) parts.push(c);
    expect(Buffer.concat(parts).equals(content)).toBe(true);

    const bad = await downloadServer(content, damaged);
    const read = await bad.files.download(OFFICE, "a.bin");
    const err = await rejection(
      (async () => {
        for await (const _ of read.content);
      })(),
    );
    expect(err.code).toBe("data_loss");
    expect(err.message).toMatch(/^The download of a\.bin is damaged/);

    const short = await downloadServer(content, content.subarray(0, 10));
    const dir = await mkdtemp(join(tmpdir(), "mi-files-unit-"));
    try {
      expect((await rejection(short.files.downloadFile(OFFICE, "a.bin", join(dir, "a.bin")))).code).toBe("data_loss");
      expect((await rejection(bad.files.downloadFile(OFFICE, "a.bin", join(dir, "a.bin")))).code).toBe("data_loss");
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("closes the download stream when the reader stops early", async () => {
    const content = Buffer.alloc(3 * CHUNK_BYTES, 1);
    const { files, seen } = await downloadServer(content, content);
    const { content: chunks } = await files.download(OFFICE, "a.bin");
    for await (const _ of chunks) break;
    await until(() => seen.closed);
    expect(await chunks.next()).toEqual({ done: true, value: undefined });
  });

  it("refuses content too large to write whole, before sending", async () => {
    const files = await serving({});
    const err = await rejection(files.write(OFFICE, "big.bin", Buffer.alloc(4 * 1024 * 1024 + 1)));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.message).toMatch(/^content is 4194305 bytes, more than write takes .*; use upload\.$/);
  });
});

/** Waits up to 2 s for `ok`. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; !ok(); i++) {
    if (i > 200) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
