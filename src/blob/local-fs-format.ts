/**
 * The on-disk format of one object in the local-fs adapter: one file holding
 * the content followed by a metadata trailer,
 *
 *   content | JSON metadata (UTF-8) | u32 BE length of the JSON | "MIB1"
 *
 * Content and metadata live in one file so a single rename publishes both
 * together: a reader can never pair new bytes with an old etag or size, which
 * a sidecar file would allow. The trailer goes last so writing stays one
 * forward pass over a stream of unknown length.
 */
import type { FileHandle } from "node:fs/promises";

const MAGIC = Buffer.from("MIB1", "ascii");
const FOOTER_BYTES = 8;
/** Longest metadata we accept when reading (a 1 KiB key plus small fields). */
const MAX_META_BYTES = 64 * 1024;

/** The metadata stored with an object. */
export interface ObjectMeta {
  key: string;
  size: number;
  contentType: string;
  etag: string;
}

/** Builds the trailer to append after the content. */
export function encodeTrailer(meta: ObjectMeta): Buffer {
  const json = Buffer.from(JSON.stringify({ v: 1, ...meta }), "utf8");
  const footer = Buffer.alloc(FOOTER_BYTES);
  footer.writeUInt32BE(json.length, 0);
  MAGIC.copy(footer, 4);
  return Buffer.concat([json, footer]);
}

/** A decoded object file: its metadata and its modification time. */
export interface ObjectFile extends ObjectMeta {
  lastModified: Date;
}

/**
 * Reads the trailer of an open object file.
 * @throws Error if the file is not in this format (corrupt or foreign).
 */
export async function readTrailer(file: FileHandle, path: string): Promise<ObjectFile> {
  const { size: fileSize, mtime } = await file.stat();
  const footer = Buffer.alloc(FOOTER_BYTES);
  if (fileSize < FOOTER_BYTES) throw corrupt(path, "too short");
  await file.read(footer, 0, FOOTER_BYTES, fileSize - FOOTER_BYTES);
  if (!footer.subarray(4).equals(MAGIC)) throw corrupt(path, "no trailer");
  const jsonBytes = footer.readUInt32BE(0);
  if (jsonBytes > MAX_META_BYTES || jsonBytes > fileSize - FOOTER_BYTES) throw corrupt(path, "bad trailer length");
  const json = Buffer.alloc(jsonBytes);
  await file.read(json, 0, jsonBytes, fileSize - FOOTER_BYTES - jsonBytes);
  const meta = JSON.parse(json.toString("utf8")) as ObjectMeta & { v: number };
  if (meta.v !== 1 || meta.size !== fileSize - FOOTER_BYTES - jsonBytes) throw corrupt(path, "trailer does not match the file");
  return { key: meta.key, size: meta.size, contentType: meta.contentType, etag: meta.etag, lastModified: mtime };
}

function corrupt(path: string, why: string): Error {
  return new Error(`blob store: ${path} is not a valid object file (${why})`);
}
