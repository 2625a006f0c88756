/**
 * How one key segment becomes one file-system name (and back) in the local-fs
 * adapter. Most characters pass through unchanged, so the tree stays readable
 * with `ls`; a few are percent-escaped:
 * - `%` itself, so escaping is reversible;
 * - `\ : * ? " < > |`, which Windows file systems refuse;
 * - a leading `.`, so every name starting with `.` belongs to the store
 *   (its data files and temp files), never to a user's key;
 * - a trailing `.` or space, which Windows silently strips.
 * Only ASCII is ever escaped, so each escape costs exactly two extra bytes.
 */

const ALWAYS_ESCAPED = /[%\\:*?"<>|]/g;

function hex(ch: string): string {
  return "%" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
}

/** Escapes one key segment (no `/`, not empty) into a portable file name. */
export function escapeSegment(segment: string): string {
  let out = segment.replace(ALWAYS_ESCAPED, hex);
  if (out.startsWith(".")) out = hex(".") + out.slice(1);
  const last = out.at(-1);
  if (last === "." || last === " ") out = out.slice(0, -1) + hex(last);
  return out;
}

/** Reverses {@link escapeSegment}. */
export function unescapeSegment(name: string): string {
  return name.replace(/%([0-9A-F]{2})/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}
