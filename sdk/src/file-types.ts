/**
 * The shapes of `client.files`: a file of the office's shared drive (mounted at /shared/files/
 * in every agent), its change log, and the inputs and options of the calls.
 */
import type { Readable } from "node:stream";

/** A file of the shared drive. */
export interface FileInfo {
  /** Path relative to the drive root, e.g. `reports/summary.md` (an agent's /shared/files/reports/summary.md). */
  path: string;
  /** Size in bytes. */
  size: number;
  /** Media type, e.g. `text/markdown`; `application/octet-stream` when unknown. */
  contentType: string;
  /** SHA-256 of the content, 64 lowercase hex characters. */
  sha256: string;
  /** When the file was first written at this path (ISO 8601). */
  createdAt: string;
  /** When the content last changed (ISO 8601). */
  modifiedAt: string;
  /** Who last wrote it: an agent name or `operator:<account id>`. */
  modifiedBy: string;
}

/** What happened to a path. */
export type FileChangeType = "created" | "updated" | "deleted";

/** One entry of the drive's change log. */
export interface FileChange {
  /** Change id, increasing within the office. */
  id: number;
  /** What happened. */
  type: FileChangeType;
  /** Path that changed. */
  path: string;
  /** The file right after the change; null for deletions. */
  file: FileInfo | null;
  /** Who made the change: an agent name or `operator:<account id>`. */
  changedBy: string;
  /** When it happened (ISO 8601). */
  changedAt: string;
}

/** A batch of changes from `client.files.changes` and the cursor to poll from next. */
export interface FileChangePage {
  /** Changes, oldest first. */
  changes: FileChange[];
  /** Pass as `since` on the next call; the same `since` again when nothing changed. */
  next: number;
  /** True when more changes are ready now (the batch was full): call again at once. */
  hasMore: boolean;
}

/** Options of `client.files.changes`. */
export interface FileChangesOptions {
  /** Only changes after this cursor (the `next` of the previous call); 0 or absent: from the oldest kept. */
  since?: number;
  /** At most this many changes, 1 to 1000 (default 100). */
  limit?: number;
}

/** Options of `client.files.list` and `client.files.iterate`. */
export interface ListFilesOptions {
  /** Only paths starting with this, e.g. `reports/`. */
  prefix?: string;
  /** At most this many files (all when absent). */
  limit?: number;
  /** Files fetched per request, 1 to 1000. */
  pageSize?: number;
}

/**
 * What a transfer is doing: `hashing` reads a local file or Blob once for its SHA-256 before an
 * upload sends it; then `sending` (uploads) or `receiving` (downloads).
 */
export type FileTransferStage = "hashing" | "sending" | "receiving";

/** How far a transfer is: reported by `onProgress` as bytes move. */
export interface FileProgress {
  /** What the bytes are counting. */
  stage: FileTransferStage;
  /** Bytes hashed, sent (upload) or written (download) so far in this stage. */
  bytes: number;
  /** The file's size, when known (always for downloads, local files, Blobs and bytes). */
  total: number | undefined;
}

/**
 * What `client.files.upload` can send: bytes (a Buffer is a Uint8Array), text (sent as
 * UTF-8), a Blob or File, a Node Readable, or any async iterable of byte chunks. Local files go
 * through `client.files.uploadFile`.
 */
export type UploadSource = Uint8Array | string | Blob | Readable | AsyncIterable<Uint8Array | string>;

/** Options of `client.files.upload` and `client.files.uploadFile`. */
export interface UploadOptions {
  /** Media type; by default the Blob's type, else guessed by the server from the path's extension. */
  contentType?: string;
  /**
   * The content's size in bytes, for streams whose size you know: shown in `onProgress` and
   * checked by the server, which stores nothing if a different number of bytes arrives.
   * Measured by the SDK for bytes, text, Blobs and local files.
   */
  size?: number;
  /**
   * The content's SHA-256 (hex), for streams whose hash you know: the server stores nothing if
   * the bytes do not match. Computed by the SDK for bytes, text, Blobs and local files.
   */
  sha256?: string;
  /**
   * Called as bytes are hashed (local files and Blobs) and then handed to the connection: at
   * the start of each stage with 0, then after each chunk of at most 1 MiB.
   */
  onProgress?: (progress: FileProgress) => void;
  /** Cancels the upload, while hashing too: the call fails with code `canceled`, and the server stores nothing. */
  signal?: AbortSignal;
}

/** Options of `client.files.download`. */
export interface DownloadOptions {
  /** Cancels the download. */
  signal?: AbortSignal;
}

/** Options of `client.files.downloadFile`. */
export interface DownloadFileOptions extends DownloadOptions {
  /** Called as bytes are written: first with 0, then after each chunk of at most 1 MiB. */
  onProgress?: (progress: FileProgress) => void;
}

/** A download in progress: `client.files.download`. */
export interface DownloadedFile {
  /** The file's metadata, as of the moment the download started. */
  file: FileInfo;
  /**
   * The bytes, in chunks of at most 1 MiB. Iterate it to the end, or break out of the loop,
   * so the connection closes. At the end, the size and SHA-256 of what arrived are checked
   * against `file`; a mismatch throws a `MitosisError` with code `data_loss`.
   */
  content: AsyncIterableIterator<Uint8Array>;
}

/** A small file, whole: `client.files.read`. */
export interface FileContent {
  /** The file's metadata. */
  file: FileInfo;
  /** Its bytes; `content.toString()` reads them as UTF-8 text. */
  content: Buffer;
}

/** Options of `client.files.write`. */
export interface WriteFileOptions {
  /** Media type; by default guessed by the server from the path's extension. */
  contentType?: string;
}
