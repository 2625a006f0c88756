/**
 * Translation between FileService's protobuf messages and the docs' plain objects, both ways:
 * responses become {@link FileInfo} and {@link FileChange}; drive paths, prefixes and hashes are
 * checked with the server's rules before anything is sent, failing with an InvalidArgumentError
 * that names the field.
 */
import {
  FileChangeTypeSchema,
  type FileChange as FileChangeMessage,
  type FileInfo as FileInfoMessage,
} from "../../gen/ts/mitosis/v1/file_pb.js";
import type { FileChange, FileChangeType, FileInfo } from "./file-types.js";
import { enumWords, invalidArgument } from "./input.js";
import { enumToString, required, timestampToIso } from "./mapping.js";

/** Every change type, in the proto's order. */
export const FILE_CHANGE_TYPES: readonly FileChangeType[] = enumWords<FileChangeType>(FileChangeTypeSchema);

/** The longest path (and prefix) the server takes. */
const MAX_PATH_LENGTH = 1024;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A drive path for a request: relative to the drive root, at most 1024 characters, without
 * empty, "." or ".." segments or control characters (the server's rules, so `../etc/passwd`
 * fails here, before anything is sent).
 */
export function filePath(value: string, field = "path"): string {
  const problem = pathProblem(value, false);
  if (problem !== undefined) throw invalidArgument(field, `${problem}; got ${JSON.stringify(value)}`);
  return value;
}

/** A listing prefix: a path that may end with "/" (`reports/`); empty or absent means the whole drive. */
export function filePrefix(value: string | undefined, field = "prefix"): string {
  if (value === undefined || value === "") return "";
  const problem = pathProblem(value, true);
  if (problem !== undefined) throw invalidArgument(field, `${problem}; got ${JSON.stringify(value)}`);
  return value;
}

/** What is wrong with a path, in words, or undefined when the server would take it. */
function pathProblem(value: unknown, prefix: boolean): string | undefined {
  if (typeof value !== "string" || value === "") return "must be a path in the drive such as reports/summary.md";
  if (value.length > MAX_PATH_LENGTH) return `must be at most ${MAX_PATH_LENGTH} characters`;
  if (value.startsWith("/")) {
    return "must be relative to the drive root, without a leading '/' (an agent's /shared/files/report.md is report.md)";
  }
  if (CONTROL.test(value)) return "must not contain control characters";
  const segments = (prefix && value.endsWith("/") ? value.slice(0, -1) : value).split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return "must not have empty, '.' or '..' segments";
  return undefined;
}

/** A SHA-256 given by the caller, as the 64 lowercase hex characters the server compares. */
export function sha256Input(value: string, field = "sha256"): string {
  const hex = typeof value === "string" ? value.trim().toLowerCase() : value;
  if (typeof hex !== "string" || !SHA256.test(hex)) throw invalidArgument(field, `must be 64 hex characters; got ${JSON.stringify(value)}`);
  return hex;
}

/** A file message as the docs' object. */
export function toFileInfo(f: FileInfoMessage): FileInfo {
  return {
    path: f.path,
    // int64 on the wire; files stay far below 2^53 bytes, and numbers serialise to JSON.
    size: Number(f.sizeBytes),
    contentType: f.contentType,
    sha256: f.sha256,
    createdAt: required(timestampToIso(f.createdAt), "file.created_at"),
    modifiedAt: required(timestampToIso(f.modifiedAt), "file.modified_at"),
    modifiedBy: f.modifiedBy,
  };
}

/** A change-log message as the docs' object; `file` is null for deletions. */
export function toFileChange(c: FileChangeMessage): FileChange {
  return {
    id: Number(c.id),
    type: enumToString<FileChangeType>(FileChangeTypeSchema, c.type),
    path: c.path,
    file: c.file === undefined ? null : toFileInfo(c.file),
    changedBy: c.changedBy,
    changedAt: required(timestampToIso(c.changedAt), "change.changed_at"),
  };
}
