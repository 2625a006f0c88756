/**
 * How `mi files` prints the shared drive for people: the listing and the change log as tables,
 * one file's metadata as label/value lines. Sizes read as `1.5 MiB` on a terminal and stay
 * exact byte counts in pipes, where scripts add and compare them.
 */
import type { Terminal } from "../io.js";
import { renderDetails } from "../output.js";
import { formatBytes } from "../progress.js";
import type { FileChange, FileInfo } from "../sdk.js";
import { renderTable } from "../table.js";

/** A size for `term`: readable on a terminal, the byte count in a pipe. */
export function sizeFor(bytes: number, term: Terminal): string {
  return term.tty ? formatBytes(bytes) : String(bytes);
}

/** Files as a table, in path order. */
export function fileTable(files: readonly FileInfo[], term: Terminal): string {
  return renderTable(
    ["path", "size", "modified", "by"],
    files.map((f) => [f.path, sizeFor(f.size, term), f.modifiedAt, f.modifiedBy]),
    term,
  );
}

/** One file's metadata as label/value lines. */
export function fileDetails(f: FileInfo): string {
  return renderDetails([
    ["path", f.path],
    ["size", `${f.size} bytes${f.size >= 1024 ? ` (${formatBytes(f.size)})` : ""}`],
    ["type", f.contentType],
    ["sha256", f.sha256],
    ["modified", f.modifiedAt],
    ["modified by", f.modifiedBy],
    ["created", f.createdAt],
  ]);
}

/** The change log as a table, oldest first; deletions have no size. */
export function changeTable(changes: readonly FileChange[], term: Terminal): string {
  return renderTable(
    ["id", "type", "path", "size", "by", "changed"],
    changes.map((c) => [String(c.id), c.type, c.path, c.file === null ? "-" : sizeFor(c.file.size, term), c.changedBy, c.changedAt]),
    term,
  );
}
