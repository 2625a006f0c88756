import { type DomainError, fail } from "../errors.js";

/** Largest file ReadFile and WriteFile carry in one message; larger ones stream. */
export const MAX_SMALL_FILE_BYTES = 4 * 1024 * 1024;
/** Bytes per DownloadFile message. */
export const DOWNLOAD_CHUNK_BYTES = 1024 * 1024;
/** The ErrorInfo reason of a ReadFile of a file too large for one message. */
export const FILE_TOO_LARGE = "FILE_TOO_LARGE";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks a drive path the way the proto rules do, for callers inside the server too: relative,
 * at most 1024 characters, no empty, "." or ".." segments, no control characters.
 */
export function checkPath(path: string, field = "path"): void {
  const problem =
    path === ""
      ? "is empty"
      : path.length > 1024
        ? "is longer than 1024 characters"
        : path.startsWith("/")
          ? "starts with '/' (paths are relative to the drive root)"
          : CONTROL.test(path)
            ? "contains a control character"
            : path.split("/").some((s) => s === "" || s === "." || s === "..")
              ? "has an empty, '.' or '..' segment"
              : undefined;
  if (problem) throw fail.invalid(`${field}: ${JSON.stringify(path)} ${problem}`);
}

/** The refusal of a ReadFile of a big file: where to go instead. */
export function tooLargeToRead(path: string, size: number): DomainError {
  return fail.precondition(
    `${path} is ${size} bytes, more than ReadFile returns (${MAX_SMALL_FILE_BYTES}); download it with DownloadFile (mi files pull)`,
    FILE_TOO_LARGE,
  );
}

const TYPES: Record<string, string> = {
  md: "text/markdown",
  txt: "text/plain",
  csv: "text/csv",
  html: "text/html",
  css: "text/css",
  js: "text/javascript",
  ts: "text/typescript",
  py: "text/x-python",
  go: "text/x-go",
  json: "application/json",
  yaml: "application/yaml",
  yml: "application/yaml",
  xml: "application/xml",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  tar: "application/x-tar",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  webp: "image/webp",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  mp4: "video/mp4",
};

/** The media type a caller gave, else the one its extension suggests, else application/octet-stream. */
export function contentTypeOf(path: string, given: string): string {
  if (given) return given;
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (ext && TYPES[ext]) || "application/octet-stream";
}
