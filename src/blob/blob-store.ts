/**
 * The object storage port: what the rest of the server needs from a blob
 * store, whatever holds the bytes (MinIO/S3 or a local directory). Files of an
 * office live under `offices/{office_id}/files/{path}`; agent workspace backups
 * and other large payloads live beside them.
 */
import type { Readable } from "node:stream";

export { BlobNotFoundError, BlobSizeMismatchError, InvalidBlobKeyError } from "./errors.js";

/** What `put` accepts: a stream (any size, read once) or bytes already in memory. */
export type BlobBody = Readable | Uint8Array | string;

/** Options of {@link BlobStore.put}. */
export interface PutOptions {
  /** MIME type returned by `get`/`stat`; default `application/octet-stream`. */
  contentType?: string;
  /** Exact body length when known; a body of another length is refused. */
  size?: number;
}

/** What a completed `put` stored. */
export interface PutResult {
  key: string;
  size: number;
  /** Opaque content tag: equal for `put`, `stat`, `get` and `list` of the same write. */
  etag: string;
}

/** Metadata of a stored object. */
export interface BlobInfo {
  key: string;
  size: number;
  contentType: string;
  etag: string;
  lastModified: Date;
}

/** An object opened for reading: metadata plus a stream of its bytes. */
export interface BlobObject extends BlobInfo {
  /** The content; the caller must consume or destroy it. */
  body: Readable;
}

/** One entry of a listing (no content type: S3 listings do not carry it). */
export interface BlobListEntry {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
}

/** Options of {@link BlobStore.list}. */
export interface ListOptions {
  /** Only keys sorting after this one (exclusive), e.g. the last key of the previous page. */
  startAfter?: string;
  /** Stop after this many entries. */
  limit?: number;
}

/**
 * Object storage. Keys are '/'-separated paths checked by one shared validator
 * (see keys.ts): odd names round-trip exactly, unsafe ones throw
 * `InvalidBlobKeyError`. Writes are atomic: a reader sees the old object or
 * the complete new one, never part of a write. Memory stays bounded whatever
 * the object size.
 *
 * A key should not also be the folder of other keys (`a` next to `a/b`): S3
 * allows it, but MinIO then lists only one of them. Callers such as the file
 * drive keep files and folders apart.
 */
export interface BlobStore {
  /** One line for the server's start-up log, e.g. `blob store: local-fs /data/blobs`. */
  readonly description: string;

  /** Stores `body` under `key`, replacing any previous object there. */
  put(key: string, body: BlobBody, opts?: PutOptions): Promise<PutResult>;

  /** Opens an object for streaming. @throws BlobNotFoundError */
  get(key: string): Promise<BlobObject>;

  /** Reads an object's metadata. @throws BlobNotFoundError */
  stat(key: string): Promise<BlobInfo>;

  /**
   * Objects whose key starts with `prefix`, in S3 order (UTF-8 bytes). Pages
   * through any number of keys lazily; `offices/a/` never matches `offices/ab/`.
   */
  list(prefix: string, opts?: ListOptions): AsyncIterable<BlobListEntry>;

  /** Removes an object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;

  /**
   * Removes every object under a folder prefix (must end in '/'), e.g. all of
   * an office's objects when it is deleted. Resolves to how many were removed.
   */
  deletePrefix(prefix: string): Promise<number>;

  /** Resolves when the store answers and its bucket or folder is there (readiness checks). */
  ping(): Promise<void>;

  /** Releases connections and handles; the store is unusable afterwards. */
  close(): Promise<void>;
}
