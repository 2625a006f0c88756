/**
 * The embedded blob store: objects as files under one root directory
 * (`$MI_DATA_DIR/blobs`), for a server started without MinIO.
 *
 * Key `offices/7/files/a b.md` is stored in `offices/7/files/a b.md/.blob`
 * (each segment escaped by segment-names.ts), content and metadata in that one
 * file (local-fs-format.ts). A write goes to a temp file in the same
 * directory, is flushed to disk, then renamed over `.blob`: readers see the
 * old object or the whole new one, and the last writer wins intact.
 */
import { createHash, randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { access, mkdir, open, readdir, rename, rm, rmdir, unlink, type FileHandle } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import type { BlobBody, BlobInfo, BlobListEntry, BlobObject, BlobStore, ListOptions, PutOptions, PutResult } from "./blob-store.js";
import { bodyChunks, discardBody, sizedChunks } from "./body.js";
import { BlobNotFoundError } from "./errors.js";
import { assertValidFolderPrefix, assertValidKey, assertValidPrefix } from "./keys.js";
import { encodeTrailer, readTrailer, type ObjectFile, type ObjectMeta } from "./local-fs-format.js";
import { DATA_FILE, errnoCode, listObjects } from "./local-fs-list.js";
import { escapeSegment } from "./segment-names.js";

const DEFAULT_CONTENT_TYPE = "application/octet-stream";
const TEMP_PREFIX = ".tmp-";

/** Opens a local-fs blob store rooted at `root`, creating the directory if needed. */
export async function createLocalFsBlobStore(root: string): Promise<BlobStore> {
  const absolute = resolve(root);
  await mkdir(absolute, { recursive: true });
  return new LocalFsBlobStore(absolute);
}

class LocalFsBlobStore implements BlobStore {
  readonly description: string;

  constructor(private readonly root: string) {
    this.description = `blob store: local-fs ${root}`;
  }

  private objectDir(key: string): string {
    return join(this.root, ...key.split("/").map(escapeSegment));
  }

  async put(key: string, body: BlobBody, opts: PutOptions = {}): Promise<PutResult> {
    let dir: string, file: FileHandle, temp: string;
    try {
      assertValidKey(key);
      dir = this.objectDir(key);
      ({ file, path: temp } = await this.openTemp(dir));
    } catch (err) {
      discardBody(body);
      throw err;
    }
    const meta: ObjectMeta = { key, size: 0, contentType: opts.contentType ?? DEFAULT_CONTENT_TYPE, etag: "" };
    try {
      await file.writeFile(withTrailer(sizedChunks(key, bodyChunks(body), opts.size), meta));
      await file.datasync(); // so a crash after the rename cannot leave an empty object
      await file.close();
      await rename(temp, join(dir, DATA_FILE));
    } catch (err) {
      await file.close().catch(() => {});
      await rm(temp, { force: true });
      await this.pruneEmptyDirs(dir);
      throw err;
    }
    return { key, size: meta.size, etag: meta.etag };
  }

  /** Creates the object's directory and a temp file in it; retries if a concurrent delete prunes the directory in between. */
  private async openTemp(dir: string): Promise<{ file: FileHandle; path: string }> {
    for (let attempt = 1; ; attempt++) {
      await mkdir(dir, { recursive: true });
      const path = join(dir, TEMP_PREFIX + randomUUID());
      try {
        return { file: await open(path, "wx"), path };
      } catch (err) {
        if (errnoCode(err) !== "ENOENT" || attempt >= 5) throw err;
      }
    }
  }

  private async openObject(key: string): Promise<{ file: FileHandle; meta: ObjectFile }> {
    assertValidKey(key);
    const path = join(this.objectDir(key), DATA_FILE);
    let file: FileHandle;
    try {
      file = await open(path, "r");
    } catch (err) {
      if (errnoCode(err) === "ENOENT" || errnoCode(err) === "ENOTDIR") throw new BlobNotFoundError(key);
      throw err;
    }
    try {
      return { file, meta: await readTrailer(file, path) };
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  async get(key: string): Promise<BlobObject> {
    // The open handle keeps reading this version even if a put renames a new one over it.
    const { file, meta } = await this.openObject(key);
    let body: Readable;
    if (meta.size === 0) {
      await file.close();
      body = Readable.from([]);
    } else {
      body = file.createReadStream({ start: 0, end: meta.size - 1, autoClose: true });
    }
    return { ...info(meta), body };
  }

  async stat(key: string): Promise<BlobInfo> {
    const { file, meta } = await this.openObject(key);
    await file.close();
    return info(meta);
  }

  async *list(prefix: string, opts: ListOptions = {}): AsyncGenerator<BlobListEntry> {
    assertValidPrefix(prefix);
    yield* listObjects(this.root, prefix, opts.startAfter, opts.limit ?? Infinity);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    const dir = this.objectDir(key);
    await rm(join(dir, DATA_FILE), { force: true });
    await this.pruneEmptyDirs(dir);
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertValidFolderPrefix(prefix);
    const dir = this.objectDir(prefix.slice(0, -1));
    let removed = 0;
    // Only the subdirectories: the folder's own `.blob` is the object named
    // like the folder (`offices/a`), which is not under `offices/a/`.
    for (const entry of await readdirOrEmpty(dir)) {
      if (entry.isDirectory() && !entry.name.startsWith(".")) removed += await removeTree(join(dir, entry.name));
    }
    await this.pruneEmptyDirs(dir);
    return removed;
  }

  /** Removes `dir` and its empty ancestors below the root, stopping at the first one still in use. */
  private async pruneEmptyDirs(dir: string): Promise<void> {
    for (let current = dir; current.startsWith(this.root + "/"); current = join(current, "..")) {
      try {
        await rmdir(current);
      } catch (err) {
        if (errnoCode(err) === "ENOENT") continue;
        return; // ENOTEMPTY: something else lives here
      }
    }
  }

  async ping(): Promise<void> {
    await access(this.root, constants.R_OK | constants.W_OK);
  }

  async close(): Promise<void> {}
}

/** Streams the content while hashing and counting it, then appends the trailer. */
async function* withTrailer(content: AsyncIterable<Buffer>, meta: ObjectMeta): AsyncGenerator<Buffer> {
  const md5 = createHash("md5");
  for await (const chunk of content) {
    md5.update(chunk);
    meta.size += chunk.length;
    yield chunk;
  }
  meta.etag = md5.digest("hex");
  yield encodeTrailer(meta);
}

function info(meta: ObjectFile): BlobInfo {
  return { key: meta.key, size: meta.size, contentType: meta.contentType, etag: meta.etag, lastModified: meta.lastModified };
}

async function readdirOrEmpty(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (errnoCode(err) === "ENOENT" || errnoCode(err) === "ENOTDIR") return [];
    throw err;
  }
}

/** Deletes a subtree, counting the objects in it. */
async function removeTree(dir: string): Promise<number> {
  let removed = 0;
  for (const entry of await readdirOrEmpty(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removed += await removeTree(path);
    else {
      const gone = await unlink(path).then(
        () => true,
        (err: unknown) => {
          if (errnoCode(err) === "ENOENT") return false; // a concurrent delete got there first
          throw err;
        },
      );
      if (gone && entry.name === DATA_FILE) removed++;
    }
  }
  await rmdir(dir).catch(() => {}); // a concurrent put may have just added a file
  return removed;
}
