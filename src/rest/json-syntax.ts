/**
 * Describes a JSON.parse failure with the position of the offending
 * character. V8 names the position for most syntax errors but not for an
 * unexpected token (its message quotes the whole input instead), so the
 * position is found by bisecting for the longest prefix that is still the
 * start of some valid JSON text.
 */

/** Parses JSON text; throws a SyntaxError whose message names the error position. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(describeJsonSyntaxError(text, e));
  }
}

/** A short description of why `text` is not JSON, with position, line and column. */
export function describeJsonSyntaxError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/at position \d+/.test(message)) {
    return message;
  }
  const token = /^Unexpected token '(.*?)', /s.exec(message);
  const what = token ? `Unexpected token '${token[1]}'` : message;
  const position = /Unexpected end of JSON input/.test(message) ? text.length : firstBadPosition(text);
  return `${what} in JSON at position ${position} ${lineAndColumn(text, position)}`;
}

/** Index of the first character at which `text` stops being a prefix of valid JSON. */
function firstBadPosition(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isViablePrefix(text.slice(0, mid + 1))) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    if (/Unexpected end of JSON input|Unterminated/.test(message)) {
      return true;
    }
    const at = /at position (\d+)/.exec(message);
    return at !== null && Number(at[1]) >= prefix.length;
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - (before.lastIndexOf("\n") + 1) + 1;
  return `(line ${line} column ${column})`;
}
