/**
 * Percent-decoding of URL path segments, as google.api.http prescribes for
 * path variables: a variable that captures one segment is decoded fully, one
 * that captures several keeps an encoded slash (`%2F`) encoded, so that the
 * segment boundaries stay recoverable.
 */

/** Characters that never need escaping in a path segment (RFC 3986 unreserved). */
const unreserved = /^[A-Za-z0-9\-._~]$/;

/** Whether `char` may appear unescaped in a literal path segment. */
export function isUnreservedChar(char: string): boolean {
  return unreserved.test(char);
}

/**
 * Decodes every percent-escape of one path segment.
 * Returns undefined if an escape is malformed or not valid UTF-8.
 */
export function decodeSegment(raw: string): string | undefined {
  if (!raw.includes("%")) {
    return raw;
  }
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a segment that is part of a multi-segment capture: `%2F` stays
 * encoded (as `%2F`), every other escape is decoded.
 * Returns undefined if an escape is malformed.
 */
export function decodeSegmentKeepSlash(raw: string): string | undefined {
  const parts = raw.split(/%2F/i).map(decodeSegment);
  if (parts.some((part) => part === undefined)) {
    return undefined;
  }
  return parts.join("%2F");
}

/** Escapes a decoded segment so that it can be printed inside a URL path. */
export function encodeSegment(decoded: string): string {
  return encodeURIComponent(decoded).replace(/[!'()*]/g, (char) => "%" + char.charCodeAt(0).toString(16).toUpperCase());
}
