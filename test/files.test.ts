/**
 * The shared drive against a real server, Postgres and the run's object store: streamed upload
 * and download (verified size and SHA-256, refused uploads leave the old file), small files over
 * REST, listing, deletion, the change log, path checks, and another account's office.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileChangeType, FileService, type UploadFileRequest, UploadFileRequestSchema } from "../gen/ts/mitosis/v1/file_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { ArtifactKind, TaskService } from "../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ apiKey: key } = await server.newAccount("files"));
});
afterAll(async () => server?.stop());

const files = (apiKey = key) => clientFor(FileService, server.url, apiKey);
const newOffice = async () => (await clientFor(OfficeService, server.url, key).createOffice({ name: "drive" })).office!.id;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function* uploadStream(
  officeId: string,
  path: string,
  content: Uint8Array,
  header: Partial<{ sizeBytes: bigint; sha256: string }> = {},
) {
  yield create(UploadFileRequestSchema, { part: { case: "header", value: { officeId, path, ...header } } });
  for (let at = 0; at < content.byteLength; at += 256 * 1024) {
    yield create(UploadFileRequestSchema, { part: { case: "chunk", value: content.subarray(at, at + 256 * 1024) } });
  }
}

async function download(officeId: string, path: string, apiKey = key) {
  const parts: Uint8Array[] = [];
  let info: unknown;
  for await (const res of files(apiKey).downloadFile({ officeId, path })) {
    if (res.part.case === "file") info = res.part.value;
    else if (res.part.case === "chunk") parts.push(res.part.value);
  }
  return { info, content: Buffer.concat(parts) };
}

describe("streamed files", () => {
  it("upload and download round-trip with size, SHA-256 and metadata", async () => {
    const officeId = await newOffice();
    const content = Buffer.alloc(3 * 1024 * 1024 + 17, "abc");
    const { file } = await files().uploadFile(uploadStream(officeId, "reports/big.bin", content, { sha256: sha(content) }));
    expect(file).toMatchObject({ path: "reports/big.bin", sizeBytes: BigInt(content.byteLength), sha256: sha(content) });
    expect(file!.modifiedBy).toMatch(/^operator:/);
    const back = await download(officeId, "reports/big.bin");
    expect(back.content.equals(content)).toBe(true);
    expect(back.info).toMatchObject({ path: "reports/big.bin", contentType: "application/octet-stream" });
  });

  it("refuses an upload whose bytes do not match its header, and keeps the old file", async () => {
    const officeId = await newOffice();
    const original = Buffer.from("version 1");
    await files().uploadFile(uploadStream(officeId, "notes.md", original));
    const other = Buffer.from("version 2, tampered");
    for (const header of [{ sha256: sha(Buffer.from("something else")) }, { sizeBytes: 3n }]) {
      const err = ConnectError.from(
        await files()
          .uploadFile(uploadStream(officeId, "notes.md", other, header))
          .catch((e) => e),
      );
      expect(err.code).toBe(Code.InvalidArgument);
      expect(err.rawMessage).toMatch(/nothing was stored/);
    }
    expect((await download(officeId, "notes.md")).content.toString()).toBe("version 1");
    const changes = await files().listFileChanges({ officeId });
    expect(changes.changes.map((c) => c.type)).toEqual([FileChangeType.CREATED]);
  });

  it("refuses an upload that does not start with its header, or names a bad path", async () => {
    const officeId = await newOffice();
    async function* chunkFirst(): AsyncGenerator<UploadFileRequest> {
      yield create(UploadFileRequestSchema, { part: { case: "chunk", value: new Uint8Array([1]) } });
    }
    expect(
      ConnectError.from(
        await files()
          .uploadFile(chunkFirst())
          .catch((e) => e),
      ).code,
    ).toBe(Code.InvalidArgument);
    for (const path of ["../etc/passwd", "/abs", "a//b", "a/./b", "x\u0001y"]) {
      const err = ConnectError.from(
        await files()
          .uploadFile(uploadStream(officeId, path, Buffer.from("x")))
          .catch((e) => e),
      );
      expect(err.code).toBe(Code.InvalidArgument);
      expect(err.rawMessage).toContain("path");
    }
    expect((await files().listFiles({ officeId })).files).toEqual([]);
  });

  it("never lets another account upload into or download from an office", async () => {
    const officeId = await newOffice();
    await files().uploadFile(uploadStream(officeId, "secret.txt", Buffer.from("mine")));
    const { apiKey: strangerKey } = await server.newAccount("file-stranger");
    const upload = ConnectError.from(
      await files(strangerKey)
        .uploadFile(uploadStream(officeId, "evil.txt", Buffer.from("x")))
        .catch((e) => e),
    );
    expect(upload.code).toBe(Code.NotFound);
    const down = ConnectError.from(await download(officeId, "secret.txt", strangerKey).catch((e) => e));
    expect(down.code).toBe(Code.NotFound);
    expect((await files().listFiles({ officeId })).files.map((f) => f.path)).toEqual(["secret.txt"]);
  });
});

describe("files as raw bytes over REST", () => {
  const auth = (apiKey = key) => ({ authorization: `Bearer ${apiKey}` });
  const url = (officeId: string, path: string, verb: "upload" | "download") =>
    `${server.url}/api/offices/${officeId}/files/${path.split("/").map(encodeURIComponent).join("/")}:${verb}`;
  /** A PUT whose body streams in pieces, as curl -T sends a file. */
  const put = (target: string, content: Buffer, headers: Record<string, string> = auth()) =>
    fetch(target, {
      method: "PUT",
      headers,
      body: Readable.toWeb(
        Readable.from(
          (function* () {
            for (let at = 0; at < content.byteLength; at += 100_000) yield content.subarray(at, at + 100_000);
          })(),
        ),
      ) as ReadableStream,
      duplex: "half",
    } as RequestInit);

  it("uploads the body as the file and downloads it as it is, with its metadata in headers", async () => {
    const officeId = await newOffice();
    const content = Buffer.alloc(3 * 1024 * 1024 + 5, "xyz");
    const path = "raw/résumé 1.pdf";
    const up = await put(`${url(officeId, path, "upload")}?header.sha256=${sha(content)}`, content);
    expect(up.status).toBe(200);
    expect(((await up.json()) as { file: unknown }).file).toMatchObject({
      path,
      sizeBytes: String(content.byteLength),
      sha256: sha(content),
    });
    // The same file through gRPC: one drive, whichever protocol wrote it.
    expect((await download(officeId, path)).content.equals(content)).toBe(true);

    const down = await fetch(url(officeId, path, "download"), { headers: auth() });
    expect(down.status).toBe(200);
    expect(down.headers.get("content-type")).toBe("application/pdf");
    expect(down.headers.get("content-length")).toBe(String(content.byteLength));
    expect(JSON.parse(down.headers.get("x-mi-file")!)).toMatchObject({ path, sha256: sha(content), contentType: "application/pdf" });
    expect(Buffer.from(await down.arrayBuffer()).equals(content)).toBe(true);

    // An empty file is a file.
    expect((await put(url(officeId, "empty.txt", "upload"), Buffer.alloc(0))).status).toBe(200);
    const empty = await fetch(url(officeId, "empty.txt", "download"), { headers: auth() });
    expect([empty.status, empty.headers.get("content-length"), (await empty.arrayBuffer()).byteLength]).toEqual([200, "0", 0]);
  });

  it("answers JSON errors before any byte, keeps the old file when an upload is refused", async () => {
    const officeId = await newOffice();
    await put(url(officeId, "keep.txt", "upload"), Buffer.from("version 1"));
    const wrong = await put(`${url(officeId, "keep.txt", "upload")}?header.sha256=${sha(Buffer.from("other"))}`, Buffer.from("version 2"));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/sha256.*nothing was stored/);
    const short = await put(`${url(officeId, "keep.txt", "upload")}?header.sizeBytes=100`, Buffer.from("version 2"));
    expect(short.status).toBe(400);
    expect(await (await fetch(url(officeId, "keep.txt", "download"), { headers: auth() })).text()).toBe("version 1");

    const missing = await fetch(url(officeId, "nothing.txt", "download"), { headers: auth() });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/nothing.txt not found/);
    const badPath = await put(`${server.url}/api/offices/${officeId}/files/bad%01name:upload`, Buffer.from("x"));
    expect(badPath.status).toBe(400);
    expect(((await badPath.json()) as { message: string }).message).toMatch(/path/);
    expect((await fetch(url(officeId, "keep.txt", "download"))).status).toBe(401);

    const { apiKey: strangerKey } = await server.newAccount("raw-stranger");
    expect((await fetch(url(officeId, "keep.txt", "download"), { headers: auth(strangerKey) })).status).toBe(404);
    expect((await put(url(officeId, "evil.txt", "upload"), Buffer.from("x"), auth(strangerKey))).status).toBe(404);
    expect((await files().listFiles({ officeId })).files.map((f) => f.path)).toEqual(["keep.txt"]);
  });
});

describe("small files, listing, deletion and changes", () => {
  it("writes and reads over REST, lists in path order with pages, deletes, and logs every change", async () => {
    const officeId = await newOffice();
    const auth = { authorization: `Bearer ${key}` };
    const put = await fetch(`${server.url}/api/offices/${officeId}/file-contents/docs/readme.md`, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ content: Buffer.from("# Hello").toString("base64") }),
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { file: { contentType: string } }).file.contentType).toBe("text/markdown");
    const read = (await (await fetch(`${server.url}/api/offices/${officeId}/file-contents/docs/readme.md`, { headers: auth })).json()) as {
      content: string;
    };
    expect(Buffer.from(read.content, "base64").toString()).toBe("# Hello");

    for (const path of ["b.txt", "a.txt", "docs/readme.md", "c/d.txt"]) {
      await files().writeFile({ officeId, path, content: Buffer.from(path) });
    }
    const first = await files().listFiles({ officeId, pageSize: 2 });
    const second = await files().listFiles({ officeId, pageSize: 10, pageToken: first.nextPageToken });
    expect([...first.files, ...second.files].map((f) => f.path)).toEqual(["a.txt", "b.txt", "c/d.txt", "docs/readme.md"]);
    expect(second.nextPageToken).toBe("");
    expect((await files().listFiles({ officeId, prefix: "docs/" })).files.map((f) => f.path)).toEqual(["docs/readme.md"]);

    const before = await files().listFileChanges({ officeId });
    expect(before.changes.map((c) => [c.type, c.path])).toEqual([
      [FileChangeType.CREATED, "docs/readme.md"],
      [FileChangeType.CREATED, "b.txt"],
      [FileChangeType.CREATED, "a.txt"],
      [FileChangeType.UPDATED, "docs/readme.md"],
      [FileChangeType.CREATED, "c/d.txt"],
    ]);
    const del = await fetch(`${server.url}/api/offices/${officeId}/files/a.txt`, { method: "DELETE", headers: auth });
    expect(del.status).toBe(200);
    const after = await files().listFileChanges({ officeId, sinceId: before.nextSinceId });
    expect(after.changes.map((c) => [c.type, c.path])).toEqual([[FileChangeType.DELETED, "a.txt"]]);
    expect(after.changes[0]!.file).toBeUndefined();
    const idle = await files().listFileChanges({ officeId, sinceId: after.nextSinceId });
    expect(idle).toMatchObject({ changes: [], nextSinceId: after.nextSinceId, hasMore: false });
    expect(
      ConnectError.from(
        await files()
          .getFile({ officeId, path: "a.txt" })
          .catch((e) => e),
      ).code,
    ).toBe(Code.NotFound);
    expect(
      ConnectError.from(
        await files()
          .deleteFile({ officeId, path: "a.txt" })
          .catch((e) => e),
      ).code,
    ).toBe(Code.NotFound);
  });

  it("sends big files to DownloadFile instead of ReadFile", async () => {
    const officeId = await newOffice();
    const content = Buffer.alloc(4 * 1024 * 1024 + 1, 1);
    await files().uploadFile(uploadStream(officeId, "huge.bin", content));
    const err = ConnectError.from(
      await files()
        .readFile({ officeId, path: "huge.bin" })
        .catch((e) => e),
    );
    expect(err.code).toBe(Code.FailedPrecondition);
    expect(err.rawMessage).toMatch(/DownloadFile/);
  });
});

describe("artifacts on the drive", () => {
  it("show the drive file a /shared/files/ artifact names, while it exists", async () => {
    const officeId = await newOffice();
    const tasks = clientFor(TaskService, server.url, key);
    const task = (await tasks.createTask({ officeId, title: "write the report" })).task!;
    const { file } = await files().writeFile({ officeId, path: "reports/q3.md", content: Buffer.from("# Q3") });
    const linked = await tasks.addTaskArtifact({ officeId, taskId: task.id, kind: ArtifactKind.FILE, path: "/shared/files/reports/q3.md" });
    expect(linked.artifact!.file).toMatchObject({ path: "reports/q3.md", sizeBytes: 4n, sha256: file!.sha256 });
    await tasks.addTaskArtifact({ officeId, taskId: task.id, kind: ArtifactKind.FILE, path: "/shared/files/reports/missing.md" });
    await tasks.addTaskArtifact({ officeId, taskId: task.id, kind: ArtifactKind.BRANCH, path: "feature/q3" });
    const detail = await tasks.getTask({ officeId, taskId: task.id });
    expect(detail.artifacts.map((a) => [a.path, a.file?.path])).toEqual([
      ["/shared/files/reports/q3.md", "reports/q3.md"],
      ["/shared/files/reports/missing.md", undefined],
      ["feature/q3", undefined],
    ]);
    await files().deleteFile({ officeId, path: "reports/q3.md" });
    const after = await tasks.listTaskArtifacts({ officeId, taskId: task.id });
    expect(after.artifacts.every((a) => a.file === undefined)).toBe(true);
  });
});
