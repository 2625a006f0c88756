/**
 * Streaming upload to S3/MinIO with bounded memory. Bodies that fit in one
 * part go up as one PUT; longer ones as a multipart upload of our own, one
 * part buffer at a time.
 *
 * We do not use the client's own stream upload: it buffers whole 64-560 MiB
 * parts, and it *resumes* any unfinished multipart upload it finds for the
 * same key, which would splice two concurrent writers' parts into one object.
 * Our uploads never share an upload id, so concurrent puts to one key each
 * complete atomically and the last one wins whole.
 */
import type { Client } from "minio";
import { bodyParts } from "./body.js";

const MiB = 1024 * 1024;
/** Part size for bodies of unknown length, and the floor for known ones (S3 minimum is 5 MiB). */
export const BASE_PART_BYTES = 8 * MiB;
const MAX_PARTS = 10_000;
const MAX_PART_BYTES = 5 * 1024 * MiB;

/**
 * Part sizes: for a known length, the smallest whole-MiB size that fits in
 * 10,000 parts; for an unknown one, 8 MiB doubling every 1,000 parts, so a
 * stream can reach S3's 5 TiB limit while small ones stay cheap.
 */
export function partSizer(knownSize: number | undefined): (partNumber: number) => number {
  if (knownSize !== undefined) {
    const fitted = Math.ceil(knownSize / MAX_PARTS / MiB) * MiB;
    const size = Math.min(Math.max(BASE_PART_BYTES, fitted), MAX_PART_BYTES);
    return () => size;
  }
  return (n) => Math.min(BASE_PART_BYTES * 2 ** Math.floor((n - 1) / 1000), MAX_PART_BYTES);
}

/** What one upload stored. */
export interface Uploaded {
  etag: string;
  size: number;
}

/** Uploads `chunks` as object `key`; on failure nothing is stored and any multipart upload is aborted. */
export async function uploadObject(
  client: Client,
  bucket: string,
  key: string,
  chunks: AsyncIterable<Buffer>,
  contentType: string,
  knownSize: number | undefined,
): Promise<Uploaded> {
  const headers = { "Content-Type": contentType };
  let uploadId: string | undefined;
  const parts: { part: number; etag: string }[] = [];
  let size = 0;
  try {
    for await (const part of bodyParts(chunks, partSizer(knownSize))) {
      size += part.data.length;
      if (part.number === 1 && part.last) {
        const done = await client.putObject(bucket, key, part.data, part.data.length, headers);
        return { etag: done.etag, size };
      }
      uploadId ??= await client.initiateNewMultipartUpload(bucket, key, headers);
      const uploaded = await client.uploadPart(
        { bucketName: bucket, objectName: key, uploadID: uploadId, partNumber: part.number, headers: {} },
        part.data,
      );
      parts.push({ part: part.number, etag: uploaded.etag });
    }
    const done = await client.completeMultipartUpload(bucket, key, uploadId!, parts);
    return { etag: done.etag, size };
  } catch (err) {
    if (uploadId) await client.abortMultipartUpload(bucket, key, uploadId).catch(() => {});
    throw err;
  }
}
