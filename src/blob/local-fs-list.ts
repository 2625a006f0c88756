/**
 * Listing for the local-fs adapter: a depth-first walk of the object tree that
 * yields keys in S3 order (UTF-8 bytes) and skips whole subtrees that sort
 * before `startAfter`, so paging stays cheap however far in it starts.
 *
 * Layout reminder: key `a/b` is the directory `a/b/` holding the file `.blob`;
 * key `a/b/c` lives below it in `a/b/c/.blob`, so both can exist at once.
 */
import type { Dirent } from "node:fs";
import { type FileHandle, open, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { BlobListEntry } from "./blob-store.js";
import { readTrailer } from "./local-fs-format.js";
import { escapeSegment, unescapeSegment } from "./segment-names.js";

/** File name of an object's data inside its directory. */
export const DATA_FILE = ".blob";

/** Node error codes in a type-safe way. */
export function errnoCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err ? String(err.code) : undefined;
}

/** Reads the entry of the object stored in `dir`, or undefined if there is none. */
export async function readEntry(dir: string, key: string): Promise<BlobListEntry | undefined> {
  const path = join(dir, DATA_FILE);
  let file: FileHandle;
  try {
    file = await open(path, "r");
  } catch (err) {
    if (errnoCode(err) === "ENOENT" || errnoCode(err) === "ENOTDIR") return undefined;
    throw err;
  }
  try {
    const meta = await readTrailer(file, path);
    return { key, size: meta.size, etag: meta.etag, lastModified: meta.lastModified };
  } finally {
    await file.close();
  }
}

/** Child directories of `dir` that hold user segments (names not starting with '.'). */
async function childSegments(dir: string): Promise<Dirent[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith("."));
  } catch (err) {
    if (errnoCode(err) === "ENOENT" || errnoCode(err) === "ENOTDIR") return [];
    throw err;
  }
}

interface Step {
  sortKey: Buffer;
  kind: "object" | "tree";
  key: string;
  dir: string;
}

/**
 * Walks `dir` (which holds keys starting with `keyPrefix`), yielding objects
 * whose next segment starts with `partial`, in key order.
 */
async function* walk(dir: string, keyPrefix: string, partial: string, after: Buffer | undefined): AsyncGenerator<BlobListEntry> {
  const steps: Step[] = [];
  for (const entry of await childSegments(dir)) {
    const segment = unescapeSegment(entry.name);
    if (!segment.startsWith(partial)) continue;
    const key = keyPrefix + segment;
    const child = join(dir, entry.name);
    // The object `key` and the subtree `key/` sort as the strings `key` and
    // `key/`: a sibling like `key-x` falls between them ('-' < '/').
    steps.push({ sortKey: Buffer.from(key, "utf8"), kind: "object", key, dir: child });
    steps.push({ sortKey: Buffer.from(key + "/", "utf8"), kind: "tree", key: key + "/", dir: child });
  }
  steps.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
  for (const step of steps) {
    if (step.kind === "object") {
      if (after && Buffer.compare(step.sortKey, after) <= 0) continue;
      const entry = await readEntry(step.dir, step.key);
      if (entry) yield entry;
    } else {
      // Every key in the subtree starts with `key/`; if `after` is past that
      // and not inside it, the whole subtree sorts before `after`.
      if (after && Buffer.compare(step.sortKey, after) < 0 && !startsWith(after, step.sortKey)) continue;
      yield* walk(step.dir, step.key, "", after);
    }
  }
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}

/**
 * Lists objects under `root` whose key starts with `prefix` (already
 * validated), in S3 order, after `startAfter`, at most `limit` of them.
 */
export async function* listObjects(
  root: string,
  prefix: string,
  startAfter: string | undefined,
  limit: number,
): AsyncGenerator<BlobListEntry> {
  if (limit <= 0) return;
  const cut = prefix.lastIndexOf("/") + 1;
  const folder = prefix.slice(0, cut);
  const dir = join(root, ...folder.split("/").filter(Boolean).map(escapeSegment));
  const after = startAfter ? Buffer.from(startAfter, "utf8") : undefined;
  let count = 0;
  for await (const entry of walk(dir, folder, prefix.slice(cut), after)) {
    yield entry;
    if (++count >= limit) return;
  }
}
