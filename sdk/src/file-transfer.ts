/**
 * The byte side of `client.files`: turning what a caller uploads into chunks of at most 1 MiB
 * (with the size and SHA-256 up front whenever the source can be read twice), and checking a
 * download against its metadata as it streams. Nothing here holds more than one chunk, so
 * memory stays bounded whatever the file's size.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import { MitosisError, toMitosisError } from "./errors.js";
import type { FileInfo, FileProgress, FileTransferStage, UploadSource } from "./file-types.js";
import { invalidArgument } from "./input.js";

/** The most bytes one UploadFile message may carry (the proto's limit), and the size of the local reads. */
export const CHUNK_BYTES = 1024 * 1024;

/** What the caller already knows of an upload's source, and where hashing progress goes. */
export interface Known {
  /** The content's SHA-256, when the caller gave it: then the source is not hashed. */
  sha256?: string;
  /** Told how far hashing is, for sources read once for their hash before sending. */
  onProgress?: (progress: FileProgress) => void;
  /** Stops hashing (a large file takes a while) when the upload is cancelled. */
  signal?: AbortSignal;
}

/** An upload's bytes, with what is known about them before they are sent. */
export interface PreparedSource {
  /** Exact size, when known before sending. */
  size: number | undefined;
  /** SHA-256 (hex), when known before sending. */
  sha256: string | undefined;
  /** Media type the source itself carries (a Blob's `type`), if any. */
  contentType: string | undefined;
  /** The bytes, in chunks of any size (see {@link limitChunks}). */
  chunks(): AsyncIterable<Uint8Array>;
}

/**
 * Reads what is known about an upload's source. Bytes and text are measured and hashed in
 * memory; a Blob is hashed by reading it once more, unless `known.sha256` is given. Streams are
 * read once, as they are sent, so their size and hash stay unknown until the end.
 */
export async function prepareSource(source: UploadSource, known: Known = {}): Promise<PreparedSource> {
  if (typeof source === "string" || source instanceof Uint8Array) {
    const bytes = typeof source === "string" ? Buffer.from(source, "utf8") : source;
    return {
      size: bytes.byteLength,
      sha256: known.sha256 ?? sha256Hex(bytes),
      contentType: undefined,
      chunks: async function* () {
        yield bytes;
      },
    };
  }
  if (source instanceof Blob) {
    return {
      size: source.size,
      sha256: known.sha256 ?? (await hashStream(source.stream(), new Tally(source.size, known.onProgress, "hashing"), known.signal)),
      contentType: source.type || undefined,
      chunks: () => source.stream(),
    };
  }
  if (source !== null && typeof source === "object" && Symbol.asyncIterator in source) {
    return { size: undefined, sha256: undefined, contentType: undefined, chunks: () => asBytes(source) };
  }
  throw invalidArgument("source", "must be a Uint8Array or Buffer, a string, a Blob, a Readable or an async iterable of Uint8Array chunks");
}

/**
 * A local file as an upload source: its size from the file system and its SHA-256 from a first
 * read (skipped when `known.sha256` is given), then a second read as it is sent. Should the file
 * change in between, the server sees bytes that do not match the header and stores nothing.
 */
export async function prepareLocalFile(localPath: string, known: Known = {}): Promise<PreparedSource> {
  const info = await stat(localPath);
  if (!info.isFile()) throw invalidArgument("localPath", `must be a regular file; ${JSON.stringify(localPath)} is not`);
  const read = () => createReadStream(localPath, { highWaterMark: CHUNK_BYTES });
  return {
    size: info.size,
    sha256: known.sha256 ?? (await hashStream(read(), new Tally(info.size, known.onProgress, "hashing"), known.signal)),
    contentType: undefined,
    chunks: read,
  };
}

/** The chunks of `chunks` cut to at most `max` bytes each (without copying); empty ones are dropped. */
export async function* limitChunks(chunks: AsyncIterable<Uint8Array>, max = CHUNK_BYTES): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.byteLength; at += max) yield chunk.subarray(at, at + max);
  }
}

/** Chunks as bytes: a Readable without an encoding gives Buffers, with one (or in object mode) strings, sent as UTF-8. */
async function* asBytes(source: AsyncIterable<unknown>): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const chunk of source) {
    if (chunk instanceof Uint8Array) yield chunk;
    else if (typeof chunk === "string") yield Buffer.from(chunk, "utf8");
    else throw invalidArgument("source", `must yield Uint8Array or string chunks; got ${chunk === null ? "null" : typeof chunk}`);
  }
}

/** Counts and hashes bytes as they pass, for checks at the end of a transfer. */
export class Tally {
  private readonly hash: Hash = createHash("sha256");
  /** Bytes seen so far. */
  bytes = 0;

  constructor(
    /** The size expected, when known; reported as the total. */
    readonly total: number | undefined,
    private readonly onProgress: ((progress: FileProgress) => void) | undefined,
    private readonly stage: FileTransferStage,
  ) {
    onProgress?.({ stage, bytes: 0, total });
  }

  /** Counts `chunk` and reports the progress. */
  add(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.bytes += chunk.byteLength;
    this.onProgress?.({ stage: this.stage, bytes: this.bytes, total: this.total });
  }

  /** SHA-256 of everything added (once, at the end). */
  digest(): string {
    return this.hash.digest("hex");
  }
}

/**
 * Fails with `data_loss` unless the bytes that arrived are the file the metadata describes; a
 * download that ends early or carries other bytes never passes for the file.
 */
export function checkReceived(file: FileInfo, bytes: number, sha256: string): void {
  if (bytes !== file.size || sha256 !== file.sha256) {
    throw dataLoss(
      `The download of ${file.path} is damaged: ${bytes} bytes with SHA-256 ${sha256} arrived, but the file has ${file.size} bytes with SHA-256 ${file.sha256}. Download it again.`,
    );
  }
}

/** Fails with `data_loss` unless the server stored exactly the bytes sent (it checks the header's size and hash itself; streams have none). */
export function checkStored(file: FileInfo, bytes: number, sha256: string): void {
  if (bytes !== file.size || sha256 !== file.sha256) {
    throw dataLoss(
      `The server stored ${file.path} as ${file.size} bytes with SHA-256 ${file.sha256}, but ${bytes} bytes with SHA-256 ${sha256} were sent. Upload it again.`,
    );
  }
}

/** A transfer whose bytes do not match: the Connect code for unrecoverable data loss. */
export function dataLoss(message: string): MitosisError {
  return new MitosisError(message, { code: "data_loss", status: 500 });
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The SHA-256 of a stream, read to the end unless `signal` aborts (leaving the loop closes the stream). */
async function hashStream(stream: AsyncIterable<Uint8Array>, tally: Tally, signal: AbortSignal | undefined): Promise<string> {
  for await (const chunk of stream) {
    // The same error a cancelled call gets, so callers see one kind of cancellation.
    if (signal?.aborted) throw toMitosisError(new ConnectError("the upload was cancelled before it was sent", Code.Canceled));
    tally.add(chunk);
  }
  return tally.digest();
}
