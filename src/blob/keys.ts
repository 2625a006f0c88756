import { InvalidBlobKeyError } from "./errors.js";
import { escapeSegment } from "./segment-names.js";

/** Longest key, in UTF-8 bytes (the S3 limit). */
export const MAX_KEY_BYTES = 1024;

/**
 * Longest segment, in bytes once escaped for the file system: one segment is
 * one directory name both in MinIO's drive layout and in the local-fs adapter,
 * and file systems cap names at 255 bytes.
 */
export const MAX_SEGMENT_BYTES = 255;

// C0 controls and DEL: NUL breaks file systems, the rest break XML listings
// (S3) and terminals, and no file name a person types contains them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
// With the u flag a surrogate range only matches unpaired halves, which have
// no UTF-8 encoding and so cannot round-trip.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

function fail(key: string, reason: string): never {
  throw new InvalidBlobKeyError(key, reason);
}

function checkText(key: string): void {
  if (typeof key !== "string") fail(String(key), "not a string");
  if (LONE_SURROGATE.test(key)) fail(key, "contains an unpaired surrogate (not valid Unicode)");
  if (CONTROL_CHARS.test(key)) fail(key, "contains a control character (NUL, newline, ...)");
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) fail(key, `longer than ${MAX_KEY_BYTES} bytes`);
  if (key.startsWith("/")) fail(key, "starts with '/'");
}

function checkSegment(key: string, segment: string): void {
  if (segment === "") fail(key, "has an empty segment ('//' or a trailing '/')");
  if (segment === "." || segment === "..") fail(key, `has a '${segment}' segment`);
  if (Buffer.byteLength(escapeSegment(segment), "utf8") > MAX_SEGMENT_BYTES) {
    fail(key, `has a segment longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
}

/**
 * Checks that `key` names an object: '/'-separated, non-empty segments, no
 * `.`/`..` segments, no leading '/', no control characters, valid Unicode,
 * at most 1024 bytes. Shared by every adapter so all accept the same keys.
 * @throws InvalidBlobKeyError
 */
export function assertValidKey(key: string): void {
  checkText(key);
  if (key === "") fail(key, "is empty");
  for (const segment of key.split("/")) checkSegment(key, segment);
}

/**
 * Checks a list prefix: '' (everything), a folder ending in '/', or a folder
 * plus the start of a name (`offices/a/rep` matches `offices/a/report.md`).
 * Every complete segment must be valid as in {@link assertValidKey}.
 * @throws InvalidBlobKeyError
 */
export function assertValidPrefix(prefix: string): void {
  checkText(prefix);
  const segments = prefix.split("/");
  segments.pop(); // the partial (or empty) last segment may be anything
  for (const segment of segments) checkSegment(prefix, segment);
}

/**
 * Checks a prefix given to `deletePrefix`: it must be a folder (end in '/'),
 * so deleting `offices/a/` can never take `offices/ab/` with it.
 * @throws InvalidBlobKeyError
 */
export function assertValidFolderPrefix(prefix: string): void {
  assertValidPrefix(prefix);
  if (!prefix.endsWith("/")) fail(prefix, "a folder prefix must end with '/'");
}

/**
 * Orders keys the way S3 lists them: by their UTF-8 bytes. (JavaScript's `<`
 * compares UTF-16 units, which disagrees for characters above U+FFFF.)
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
