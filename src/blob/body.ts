/**
 * Reading a `put` body: as bytes, with its announced size enforced, and cut
 * into fixed-size parts for multipart uploads. Everything here holds at most
 * one part in memory, whatever the body's size.
 */
import type { BlobBody } from "./blob-store.js";
import { BlobSizeMismatchError } from "./errors.js";

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Yields the body's bytes; in-memory bodies are not copied. */
export async function* bodyChunks(body: BlobBody): AsyncGenerator<Buffer> {
  if (typeof body === "string") {
    yield Buffer.from(body, "utf8");
    return;
  }
  if (body instanceof Uint8Array) {
    yield asBuffer(body);
    return;
  }
  // Leaving this loop early (error, size overrun) destroys the stream.
  for await (const chunk of body as AsyncIterable<unknown>) {
    if (typeof chunk === "string") yield Buffer.from(chunk, "utf8");
    else if (chunk instanceof Uint8Array) yield asBuffer(chunk);
    else throw new TypeError("a blob body stream must produce bytes or strings");
  }
}

/**
 * Passes chunks through, counting them; throws BlobSizeMismatchError as soon
 * as the body overruns `expected`, or at its end if it fell short.
 */
export async function* sizedChunks(key: string, chunks: AsyncIterable<Buffer>, expected: number | undefined): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of chunks) {
    seen += chunk.length;
    if (expected !== undefined && seen > expected) throw new BlobSizeMismatchError(key, expected, seen);
    yield chunk;
  }
  if (expected !== undefined && seen !== expected) throw new BlobSizeMismatchError(key, expected, seen);
}

/**
 * Ends a body that will not be read (e.g. the key was refused), so its source
 * is released. No error is passed on: the caller gets it from `put`, and an
 * 'error' event nobody listens to would crash the process.
 */
export function discardBody(body: BlobBody): void {
  if (typeof body === "object" && !(body instanceof Uint8Array)) body.destroy();
}

/** One part of a body cut by {@link bodyParts}. */
export interface BodyPart {
  /** The bytes; only valid until the next part is requested (the buffer is reused). */
  data: Buffer;
  /** 1-based part number. */
  number: number;
  /** True for the final part (which may be shorter, or empty for an empty body). */
  last: boolean;
}

/** Parts up to this size are gathered from the chunks as they are; larger ones are copied into a reused buffer. */
const SMALL_PART_BYTES = 1024 * 1024;

/**
 * Cuts a stream of chunks into parts of `partSize(number)` bytes, telling the
 * consumer which part is the last one: the upload path needs that to choose
 * between one plain PUT and a multipart upload. A small body costs only its
 * own size; a large one is copied chunk by chunk into a single reused part
 * buffer, so each chunk is garbage as soon as it is copied.
 */
export async function* bodyParts(chunks: AsyncIterable<Buffer>, partSize: (partNumber: number) => number): AsyncGenerator<BodyPart> {
  const source = chunks[Symbol.asyncIterator]();
  let ended = false;
  let carry: Buffer | undefined; // read from the source but not yet placed in a part
  let buffer: Buffer | undefined;
  const nextChunk = async (): Promise<Buffer | undefined> => {
    if (carry) {
      const chunk = carry;
      carry = undefined;
      return chunk;
    }
    while (!ended) {
      const next = await source.next();
      if (next.done) ended = true;
      else if (next.value.length > 0) return next.value;
    }
    return undefined;
  };
  try {
    for (let number = 1; ; number++) {
      const size = partSize(number);
      const small: Buffer[] = [];
      let filled = 0;
      let inBuffer = false;
      while (filled < size) {
        const chunk = await nextChunk();
        if (!chunk) break;
        const take = Math.min(chunk.length, size - filled);
        if (take < chunk.length) carry = chunk.subarray(take);
        const piece = chunk.subarray(0, take);
        if (!inBuffer && filled + take <= SMALL_PART_BYTES) small.push(piece);
        else {
          if (!inBuffer) {
            if (buffer?.length !== size) buffer = Buffer.allocUnsafe(size);
            Buffer.concat(small, filled).copy(buffer);
            small.length = 0;
            inBuffer = true;
          }
          piece.copy(buffer!, filled);
        }
        filled += take;
      }
      // A full part is the last one only if the body ends right after it.
      if (filled === size && carry === undefined) carry = await nextChunk();
      const more = filled === size && carry !== undefined;
      const data = inBuffer ? buffer!.subarray(0, filled) : Buffer.concat(small, filled);
      yield { data, number, last: !more };
      if (!more) return;
    }
  } finally {
    if (!ended) await source.return?.();
  }
}
