import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { BlobNotFoundError, BlobSizeMismatchError, type BlobStore } from "../blob/blob-store.js";
import type { Clock } from "../domain/clock.js";
import type { OfficeScope } from "../domain/office-scope.js";
import { keysetPage, type Page, type PageKey, type PageRequest } from "../domain/paging.js";
import { actorOf } from "../domain/principal.js";
import { fail } from "../errors.js";
import { officeBlobPrefix } from "../offices/model.js";
import type { FileChangeRecord, FileRecord, FileStore, StoredFile } from "./model.js";
import { checkPath, contentTypeOf, MAX_SMALL_FILE_BYTES, tooLargeToRead } from "./rules.js";

/** What an upload says about its bytes before sending them. */
export interface UploadHeader {
  path: string;
  contentType: string;
  /** Exact size, when known: other sizes are refused and nothing is stored. */
  sizeBytes?: number;
  /** SHA-256 in hex, when known: other content is refused and nothing is stored. */
  sha256?: string;
}

const BY_PATH: PageKey<FileRecord, string> = {
  of: (f) => f.path,
  parse: (v) => (typeof v === "string" && v.length > 0 ? v : undefined),
};

/** Where a file's bytes go: a new object per write, `offices/<office>/files/<uuid>`. */
function newDriveObjectKey(officeId: string): string {
  return `${officeBlobPrefix(officeId)}files/${randomUUID()}`;
}

/** Every office's objects are under this prefix; the drive's are the keys {@link DRIVE_OBJECT} matches. */
const OFFICES_PREFIX = officeBlobPrefix("").replace(/\/+$/, "/");
const DRIVE_OBJECT = /^offices\/([0-9a-f-]{36})\/files\/[0-9a-f-]{36}$/;
/** Objects checked against Postgres per query. */
const SWEEP_BATCH = 500;

/**
 * The office's shared drive on object storage. Each write streams into a new object while its
 * size and SHA-256 are measured; only a complete, verified object is switched in (with its
 * change-log entry, in one transaction), and the object it replaced is deleted afterwards. So
 * readers never see part of a write, a refused upload leaves the old file, and memory stays
 * bounded whatever the size.
 */
export class Files {
  constructor(
    private readonly store: FileStore,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
  ) {}

  /** Stores a file from a stream of chunks. */
  async upload(scope: OfficeScope, header: UploadHeader, chunks: AsyncIterable<Uint8Array>): Promise<FileRecord> {
    checkPath(header.path);
    const key = newDriveObjectKey(scope.officeId);
    const hash = createHash("sha256");
    let size = 0;
    const measured = Readable.from(
      (async function* () {
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.byteLength;
          yield chunk;
        }
      })(),
      { objectMode: false },
    );
    try {
      await this.blobs.put(key, measured, { contentType: contentTypeOf(header.path, header.contentType), size: header.sizeBytes });
    } catch (err) {
      await this.blobs.delete(key).catch(() => {});
      // The store refuses a body of another length than announced (blob/body.ts), as it streams.
      if (err instanceof BlobSizeMismatchError) {
        throw fail.invalid(`size_bytes: the header said ${header.sizeBytes} bytes but ${size} were sent; nothing was stored`);
      }
      throw err;
    }
    const sha256 = hash.digest("hex");
    if (header.sha256 && header.sha256 !== sha256) {
      await this.blobs.delete(key).catch(() => {});
      throw fail.invalid(`sha256: the header said ${header.sha256} but the bytes sent hash to ${sha256}; nothing was stored`);
    }
    return this.commit(scope, key, { path: header.path, contentType: header.contentType, sizeBytes: size, sha256 });
  }

  /** Stores a small file given whole. */
  async write(scope: OfficeScope, path: string, content: Uint8Array, contentType: string): Promise<FileRecord> {
    if (content.byteLength > MAX_SMALL_FILE_BYTES) {
      throw fail.invalid(`content: ${content.byteLength} bytes is more than WriteFile takes (${MAX_SMALL_FILE_BYTES}); use UploadFile`);
    }
    return this.upload(
      scope,
      { path, contentType },
      (async function* () {
        yield content;
      })(),
    );
  }

  /** A file's metadata and its bytes as a stream (the caller must consume or destroy it). */
  async download(scope: OfficeScope, path: string): Promise<{ file: FileRecord; body: Readable }> {
    checkPath(path);
    // A write between reading the row and opening the object deletes the object read; the
    // row then names the new one, so one more look finds it.
    for (let attempt = 0; ; attempt++) {
      const file = await this.stored(scope, path);
      try {
        const object = await this.blobs.get(file.blobKey);
        return { file: publicOf(file), body: object.body };
      } catch (err) {
        if (!(err instanceof BlobNotFoundError) || attempt >= 2) throw err;
      }
    }
  }

  /** A small file whole. */
  async read(scope: OfficeScope, path: string): Promise<{ file: FileRecord; content: Uint8Array }> {
    const found = await this.get(scope, path);
    if (found.sizeBytes > MAX_SMALL_FILE_BYTES) throw tooLargeToRead(path, found.sizeBytes);
    const { file, body } = await this.download(scope, path);
    const parts: Buffer[] = [];
    for await (const part of body) parts.push(part as Buffer);
    return { file, content: Buffer.concat(parts) };
  }

  async get(scope: OfficeScope, path: string): Promise<FileRecord> {
    checkPath(path);
    return publicOf(await this.stored(scope, path));
  }

  /** The files among `paths` that exist, by path (server-internal: artifacts of the office's tasks). */
  async describe(officeId: string, paths: string[]): Promise<Map<string, FileRecord>> {
    return new Map((await this.store.getMany(officeId, paths)).map((f) => [f.path, publicOf(f)]));
  }

  list(scope: OfficeScope, prefix: string, page: PageRequest): Promise<Page<FileRecord>> {
    return keysetPage(page, BY_PATH, (limit, after) => this.store.list(scope.officeId, prefix, limit, after));
  }

  async delete(scope: OfficeScope, path: string): Promise<void> {
    checkPath(path);
    const blobKey = await this.store.delete(scope.officeId, path, actorOf(scope.principal), this.clock.now());
    if (blobKey === undefined) throw notFound(path);
    await this.blobs.delete(blobKey).catch(() => {});
  }

  /**
   * Deletes the drive's objects no file points at that are older than `olderThan`: those of
   * uploads whose server died between storing the bytes and committing the file, and replaced
   * objects whose delete failed. Younger ones are left alone (an upload commits right after its
   * object is complete). Returns how many were deleted.
   */
  async sweepOrphans(olderThan: Date, signal: AbortSignal): Promise<number> {
    let deleted = 0;
    let batch: { officeId: string; keys: string[] } | undefined;
    const flush = async () => {
      if (!batch) return;
      const kept = await this.store.referenced(batch.officeId, batch.keys);
      for (const key of batch.keys.filter((k) => !kept.has(k))) {
        await this.blobs.delete(key);
        deleted++;
      }
      batch = undefined;
    };
    for await (const entry of this.blobs.list(OFFICES_PREFIX)) {
      if (signal.aborted) break;
      const officeId = DRIVE_OBJECT.exec(entry.key)?.[1];
      if (!officeId || entry.lastModified >= olderThan) continue;
      if (batch && (batch.officeId !== officeId || batch.keys.length >= SWEEP_BATCH)) await flush();
      batch ??= { officeId, keys: [] };
      batch.keys.push(entry.key);
    }
    await flush();
    return deleted;
  }

  /** Changes after `sinceId`, oldest first, with the cursor to continue from and whether more are ready. */
  async changes(
    scope: OfficeScope,
    sinceId: number,
    pageSize: number,
  ): Promise<{ changes: FileChangeRecord[]; next: number; more: boolean }> {
    const limit = pageSize || 100;
    const rows = await this.store.changes(scope.officeId, sinceId, limit + 1);
    const changes = rows.slice(0, limit);
    return { changes, next: changes.at(-1)?.id ?? sinceId, more: rows.length > limit };
  }

  private async commit(
    scope: OfficeScope,
    key: string,
    file: { path: string; contentType: string; sizeBytes: number; sha256: string },
  ): Promise<FileRecord> {
    const now = this.clock.now();
    const stored: StoredFile = {
      path: file.path,
      blobKey: key,
      sizeBytes: file.sizeBytes,
      contentType: contentTypeOf(file.path, file.contentType),
      sha256: file.sha256,
      createdAt: now,
      modifiedAt: now,
      modifiedBy: actorOf(scope.principal),
    };
    let outcome: Awaited<ReturnType<FileStore["put"]>>;
    try {
      outcome = await this.store.put(scope.officeId, stored);
    } catch (err) {
      await this.blobs.delete(key).catch(() => {});
      throw err;
    }
    if (outcome.replaced) await this.blobs.delete(outcome.replaced).catch(() => {});
    const current = await this.store.get(scope.officeId, file.path);
    return publicOf(current && current.blobKey === key ? current : stored);
  }

  private async stored(scope: OfficeScope, path: string): Promise<StoredFile> {
    return (await this.store.get(scope.officeId, path)) ?? notFound(path);
  }
}

function notFound(path: string): never {
  throw fail.notFound(`file ${path} not found in the office's drive; list files with mi files list`);
}

function publicOf(file: StoredFile): FileRecord {
  const { blobKey: _key, ...rest } = file;
  return rest;
}
