import { fail } from "../errors.js";

/** Page size when a request leaves `page_size` at 0. */
export const DEFAULT_PAGE_SIZE = 100;

/** What a list request asks for: proto's page_size and page_token. */
export interface PageRequest {
  pageSize: number;
  pageToken: string;
}

/** One page of a list and the token of the next page ("" on the last one). */
export interface Page<T> {
  items: T[];
  next: string;
}

/** How a list's rows are ordered: the key of a row, and a check that a decoded token holds such a key. */
export interface PageKey<T, K> {
  of(row: T): K;
  parse(decoded: unknown): K | undefined;
}

/** Rows ordered by a numeric id or per-office number. */
export function numberKey<T>(of: (row: T) => number): PageKey<T, number> {
  return { of, parse: (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : undefined) };
}

/**
 * One page of a keyset-paged query. It fetches one row more than asked to know whether a
 * next page exists; the page token is the key of the last row returned, as base64url JSON,
 * so the store continues strictly after it however rows were added or removed meanwhile.
 */
export async function keysetPage<T, K>(
  request: PageRequest,
  key: PageKey<NoInfer<T>, K>,
  fetch: (limit: number, after: K | undefined) => Promise<T[]>,
): Promise<Page<T>> {
  const after = request.pageToken ? decodePageToken(request.pageToken, key) : undefined;
  const { items, more } = await pageOf(request.pageSize, (limit) => fetch(limit, after));
  const last = items[items.length - 1];
  return { items, next: more && last !== undefined ? encodePageToken(key.of(last)) : "" };
}

/** The page token of a key: base64url JSON. */
export function encodePageToken(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Up to `pageSize` rows (the default when 0), fetching one more to tell whether more follow. */
export async function pageOf<T>(pageSize: number, fetch: (limit: number) => Promise<T[]>): Promise<{ items: T[]; more: boolean }> {
  const limit = pageSize || DEFAULT_PAGE_SIZE;
  const rows = await fetch(limit + 1);
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/** The key a page token holds; invalid_argument naming page_token when it holds none of this list's keys. */
export function decodePageToken<K>(token: string, key: Pick<PageKey<unknown, K>, "parse">): K {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const after = key.parse(decoded);
  if (after === undefined) throw fail.invalid("page_token is not valid: pass the next_page_token of the previous response unchanged");
  return after;
}
