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
export async function* sizedChunks(
  key: string,
  chunks: AsyncIterable<Buffer>,
  expected: number | undefined,
): AsyncGenerator<Buffer> {
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

/**
 * Cuts a stream of chunks into parts of `partSize(number)` bytes, telling the
 * consumer which part is the last one: the upload path needs that to choose
 * between one plain PUT and a multipart upload. A small body costs only its
 * own size; a large one reuses a single part buffer.
 */
export async function* bodyParts(
  chunks: AsyncIterable<Buffer>,
  partSize: (partNumber: number) => number,
): AsyncGenerator<BodyPart> {
  const source = chunks[Symbol.asyncIterator]();
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let ended = false;
  let buffer: Buffer | undefined;
  try {
    for (let number = 1; ; number++) {
      const size = partSize(number);
      // Read until we hold more than a part, or the body ends: holding one
      // byte beyond the part is how we know whether this part is the last.
      while (!ended && pendingBytes <= size) {
        const next = await source.next();
        if (next.done) ended = true;
        else if (next.value.length > 0) {
          pending.push(next.value);
          pendingBytes += next.value.length;
        }
      }
      if (ended && pendingBytes <= size) {
        yield { data: Buffer.concat(pending, pendingBytes), number, last: true };
        return;
      }
      if (buffer?.length !== size) buffer = Buffer.allocUnsafe(size);
      pending = takeInto(buffer, pending);
      pendingBytes -= size;
      yield { data: buffer, number, last: false };
    }
  } finally {
    if (!ended) await source.return?.();
  }
}

/** Fills `target` from the front of `chunks`; returns what is left over. */
function takeInto(target: Buffer, chunks: Buffer[]): Buffer[] {
  let filled = 0;
  let i = 0;
  for (; filled < target.length; i++) {
    const chunk = chunks[i]!;
    const take = Math.min(chunk.length, target.length - filled);
    chunk.copy(target, filled, 0, take);
    filled += take;
    if (take < chunk.length) return [chunk.subarray(take), ...chunks.slice(i + 1)];
  }
  return chunks.slice(i);
}
