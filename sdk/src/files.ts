/**
 * `client.files`: the office's shared drive, which every agent sees at /shared/files/ (docs: the
 * SDK guide's "Files": `client.files.list(colonyId)`, `upload`, `download`, `delete`,
 * `changes(colonyId, since?)` for incremental polling). Large files stream both ways as raw
 * bytes over the REST byte routes (file-http.ts), so memory stays bounded whatever their size;
 * small ones (up to 4 MiB) can also be read and written whole.
 *
 * Reads (list, get, read, changes) are retried like every read (see retry.ts). Writes are sent
 * once: an upload's body cannot be replayed once its bytes are gone, and `write` and `delete`
 * carry no idempotency key. Downloads are not retried either; call again.
 */
import { randomBytes } from "node:crypto";
import { open, rm, rename } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Code, ConnectError, createClient, type Client, type Transport } from "@connectrpc/connect";
import { FileService } from "../../gen/ts/mitosis/v1/file_pb.js";
import { call, toMitosisError } from "./errors.js";
import type { FileRoutes } from "./file-http.js";
import { filePath, filePrefix, sha256Input, toFileChange, toFileInfo } from "./file-mapping.js";
import {
  checkReceived,
  checkStored,
  dataLoss,
  limitChunks,
  type Known,
  type PreparedSource,
  prepareLocalFile,
  prepareSource,
  Tally,
} from "./file-transfer.js";
import type {
  DownloadedFile,
  DownloadFileOptions,
  DownloadOptions,
  FileChangePage,
  FileChangesOptions,
  FileContent,
  FileInfo,
  ListFilesOptions,
  UploadOptions,
  UploadSource,
  WriteFileOptions,
} from "./file-types.js";
import { invalidArgument, wholeNumber } from "./input.js";
import { required } from "./mapping.js";

/** The server's largest page of files and of changes. */
const MAX_PAGE_SIZE = 1000;
/** The largest file `read` and `write` carry in one message; larger ones stream. */
export const MAX_SMALL_FILE_BYTES = 4 * 1024 * 1024;

/** Sub-client for the shared drive; reach it as `client.files`. */
export class FilesClient {
  private readonly rpc: Client<typeof FileService>;

  /** Use `client.files` rather than constructing this directly. */
  constructor(
    transport: Transport,
    private readonly routes: FileRoutes,
  ) {
    this.rpc = createClient(FileService, transport);
  }

  /** The drive's files in path order, optionally under a prefix; at most `limit` of them (all when absent). */
  async list(colonyId: string, options: ListFilesOptions = {}): Promise<FileInfo[]> {
    const files: FileInfo[] = [];
    for await (const file of this.iterate(colonyId, options)) files.push(file);
    return files;
  }

  /** The drive's files one at a time, in path order, fetching pages as needed; stops after `limit`. */
  async *iterate(colonyId: string, options: ListFilesOptions = {}): AsyncGenerator<FileInfo, void, undefined> {
    const prefix = filePrefix(options.prefix);
    const limit = options.limit === undefined ? Infinity : wholeNumber(options.limit, "limit", { min: 1 });
    const pageSize = options.pageSize === undefined ? undefined : wholeNumber(options.pageSize, "pageSize", { min: 1, max: MAX_PAGE_SIZE });
    let seen = 0;
    let pageToken = "";
    do {
      // Never ask for more than the caller still wants.
      const size = Math.min(pageSize ?? MAX_PAGE_SIZE, limit - seen);
      const res = await call(() => this.rpc.listFiles({ officeId: colonyId, prefix, pageSize: size, pageToken }));
      for (const file of res.files) {
        if (seen >= limit) return;
        seen++;
        yield toFileInfo(file);
      }
      pageToken = res.nextPageToken;
    } while (pageToken !== "" && seen < limit);
  }

  /** A file's metadata. */
  async get(colonyId: string, path: string): Promise<FileInfo> {
    const res = await call(() => this.rpc.getFile({ officeId: colonyId, path: filePath(path) }));
    return toFileInfo(required(res.file, "file"));
  }

  /**
   * Writes a file from `source`, replacing any file at `path`, and returns what was stored. The
   * bytes stream in chunks of at most 1 MiB; for bytes, text and Blobs the size and SHA-256 go
   * ahead in the header, so the server stores nothing unless exactly those bytes arrive (and a
   * refused or cancelled upload leaves the old file). The docs' two-argument form takes a File,
   * stored under its name: `client.files.upload(colonyId, new File([text], 'report.md'))`.
   *
   * Sent once, never retried automatically: a stream cannot be replayed once its bytes are
   * gone. After a failure, upload again (from a fresh stream).
   */
  async upload(colonyId: string, file: File, options?: UploadOptions): Promise<FileInfo>;
  async upload(colonyId: string, path: string, source: UploadSource, options?: UploadOptions): Promise<FileInfo>;
  async upload(
    colonyId: string,
    pathOrFile: string | File,
    sourceOrOptions?: UploadSource | UploadOptions,
    maybeOptions: UploadOptions = {},
  ): Promise<FileInfo> {
    if (pathOrFile instanceof File) {
      const options = (sourceOrOptions ?? {}) as UploadOptions;
      const path = filePath(pathOrFile.name, "file.name");
      return this.send(colonyId, path, await prepareSource(pathOrFile, known(options)), options);
    }
    const path = filePath(pathOrFile);
    if (sourceOrOptions === undefined) throw invalidArgument("source", "is missing: pass the content to upload after the path");
    return this.send(colonyId, path, await prepareSource(sourceOrOptions as UploadSource, known(maybeOptions)), maybeOptions);
  }

  /**
   * Uploads the local file at `localPath` to `path` in the drive, streaming it in 1 MiB reads.
   * It is read twice, first for its SHA-256 (unless `options.sha256` gives it; `onProgress`
   * reports this read as the `hashing` stage), which goes ahead with its size, so the server stores nothing unless exactly those bytes arrive. Sent once,
   * never retried automatically (see {@link FilesClient.upload}).
   */
  async uploadFile(colonyId: string, path: string, localPath: string, options: UploadOptions = {}): Promise<FileInfo> {
    const target = filePath(path);
    return this.send(colonyId, target, await prepareLocalFile(localPath, known(options)), options);
  }

  /**
   * Starts a download: resolves with the file's metadata once the server has found the file
   * (a missing one fails here, with `NotFoundError`), and its bytes as an async iterable of
   * chunks of at most 1 MiB, checked against the metadata's size and SHA-256 at the end. Iterate
   * `content` to the end or break out of the loop, so the connection closes.
   */
  async download(colonyId: string, path: string, options: DownloadOptions = {}): Promise<DownloadedFile> {
    // Closes the connection when the consumer stops early; the caller's signal cancels it too.
    const connection = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, connection.signal]) : connection.signal;
    try {
      const { file, body } = await this.routes.download(colonyId, filePath(path), signal);
      const info = toFileInfo(file);
      return { file: info, content: verifiedContent(body[Symbol.asyncIterator](), info, connection, signal) };
    } catch (err) {
      connection.abort();
      throw toMitosisError(err);
    }
  }

  /**
   * Downloads a file to `localPath` and returns its metadata. The bytes go to a temporary file
   * beside it (`.<name>.<random>.part`), which is renamed to `localPath` only once every byte has
   * arrived and matched the file's SHA-256, replacing any file there; a download that fails or
   * is cancelled removes it, so nothing partial ever appears under `localPath`.
   */
  async downloadFile(colonyId: string, path: string, localPath: string, options: DownloadFileOptions = {}): Promise<FileInfo> {
    const { file, content } = await this.download(colonyId, path, { signal: options.signal });
    const temp = join(dirname(localPath), `.${basename(localPath)}.${randomBytes(6).toString("hex")}.part`);
    try {
      const handle = await open(temp, "wx");
      try {
        const tally = new Tally(file.size, options.onProgress, "receiving");
        for await (const chunk of content) {
          await handle.write(chunk);
          tally.add(chunk);
        }
        // On disk before the rename, so a crash cannot leave an empty file under the final name.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, localPath);
      return file;
    } catch (err) {
      await content.return?.();
      await rm(temp, { force: true });
      throw err;
    }
  }

  /**
   * A small file whole (up to 4 MiB): its metadata and bytes. A larger one fails with a
   * `MitosisError` of reason `FILE_TOO_LARGE`: use {@link FilesClient.download}.
   */
  async read(colonyId: string, path: string): Promise<FileContent> {
    const res = await call(() => this.rpc.readFile({ officeId: colonyId, path: filePath(path) }));
    const content = Buffer.from(res.content.buffer, res.content.byteOffset, res.content.byteLength);
    return { file: toFileInfo(required(res.file, "file")), content };
  }

  /**
   * Writes a small file (up to 4 MiB) in one request, replacing any file at `path`; text is
   * stored as UTF-8. Sent once. Larger content goes through {@link FilesClient.upload}.
   */
  async write(colonyId: string, path: string, content: string | Uint8Array, options: WriteFileOptions = {}): Promise<FileInfo> {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    if (!(bytes instanceof Uint8Array)) throw invalidArgument("content", "must be a string, a Uint8Array or a Buffer");
    if (bytes.byteLength > MAX_SMALL_FILE_BYTES) {
      throw invalidArgument("content", `is ${bytes.byteLength} bytes, more than write takes (${MAX_SMALL_FILE_BYTES}); use upload`);
    }
    const request = { officeId: colonyId, path: filePath(path), content: bytes, contentType: options.contentType ?? "" };
    const res = await call(() => this.rpc.writeFile(request));
    return toFileInfo(required(res.file, "file"));
  }

  /** Deletes a file; one that is not there fails with `NotFoundError`. Sent once. */
  async delete(colonyId: string, path: string): Promise<void> {
    await call(() => this.rpc.deleteFile({ officeId: colonyId, path: filePath(path) }));
  }

  /**
   * The drive's changes after a cursor, oldest first, and the cursor to poll from next (docs:
   * `client.files.changes(colonyId, since?)`). Pass the `next` you got as `since`; while
   * `hasMore` is true, more are ready at once.
   */
  async changes(colonyId: string, since?: number | FileChangesOptions): Promise<FileChangePage> {
    const options = typeof since === "object" && since !== null ? since : { since };
    const request = {
      officeId: colonyId,
      sinceId: BigInt(wholeNumber(options.since ?? 0, "since")),
      pageSize: options.limit === undefined ? 0 : wholeNumber(options.limit, "limit", { min: 1, max: MAX_PAGE_SIZE }),
    };
    const res = await call(() => this.rpc.listFileChanges(request));
    return { changes: res.changes.map(toFileChange), next: Number(res.nextSinceId), hasMore: res.hasMore };
  }

  /** Sends a prepared source as the body of an upload, its size and SHA-256 (when known) ahead of it. */
  private async send(colonyId: string, path: string, source: PreparedSource, options: UploadOptions): Promise<FileInfo> {
    const size = options.size === undefined ? source.size : wholeNumber(options.size, "size");
    const sha256 = options.sha256 === undefined ? source.sha256 : sha256Input(options.sha256);
    const query = { contentType: options.contentType ?? source.contentType ?? "", sizeBytes: size, sha256 };
    const tally = new Tally(size, options.onProgress, "sending");
    // A failure of the caller's source (an unreadable file) is theirs, not the server's: kept
    // aside, and rethrown as it was instead of the failed request it causes.
    let sourceError: { error: unknown } | undefined;
    async function* chunks() {
      try {
        for await (const chunk of limitChunks(source.chunks())) {
          yield chunk;
          // Counted once the connection asked for the next chunk, i.e. took this one.
          tally.add(chunk);
        }
      } catch (error) {
        sourceError = { error };
        throw error;
      }
    }
    let stored: FileInfo;
    try {
      stored = toFileInfo(await this.routes.upload(colonyId, path, query, chunks(), options.signal ?? new AbortController().signal));
    } catch (err) {
      if (sourceError !== undefined) throw sourceError.error;
      throw toMitosisError(err);
    }
    checkStored(stored, tally.bytes, tally.digest());
    return stored;
  }
}

/** What the caller's options say about the source, for {@link prepareSource}. */
function known(options: UploadOptions): Known {
  const sha256 = options.sha256 === undefined ? undefined : sha256Input(options.sha256);
  return { sha256, onProgress: options.onProgress, signal: options.signal };
}

/**
 * The chunks of a download after its metadata, counted and hashed as they pass, and checked
 * against the metadata at the end. Stopping early (`return`, a `break` out of `for await`)
 * closes the connection.
 */
function verifiedContent(
  stream: AsyncIterator<Uint8Array>,
  file: FileInfo,
  connection: AbortController,
  signal: AbortSignal,
): AsyncIterableIterator<Uint8Array> {
  const tally = new Tally(file.size, undefined, "receiving");
  let finished = false;
  const finish = () => {
    finished = true;
    connection.abort();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<Uint8Array, undefined>> {
      while (!finished) {
        let res: IteratorResult<Uint8Array>;
        try {
          res = await stream.next();
        } catch (err) {
          const cancelled = signal.aborted;
          finish();
          // The server resets a download it cannot finish; the bytes so far are not the file.
          if (!cancelled)
            throw dataLoss(`The download of ${file.path} was cut short after ${tally.bytes} of ${file.size} bytes. Download it again.`);
          throw toMitosisError(new ConnectError(`the download of ${file.path} was cancelled`, Code.Canceled, undefined, undefined, err));
        }
        if (res.done) {
          finish();
          checkReceived(file, tally.bytes, tally.digest());
          break;
        }
        if (res.value.byteLength > 0) {
          tally.add(res.value);
          return { done: false, value: res.value };
        }
      }
      return { done: true, value: undefined };
    },
    async return(): Promise<IteratorResult<Uint8Array, undefined>> {
      if (!finished) finish();
      return { done: true, value: undefined };
    },
  };
}
