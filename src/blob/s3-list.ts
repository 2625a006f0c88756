/**
 * One page of S3 ListObjects (v1), requested and parsed here rather than by the minio client.
 *
 * The client always asks for `encoding-type=url` and then URL-decodes every key it gets back.
 * S3 says a server that honours the parameter answers `<EncodingType>url</EncodingType>`; one
 * that ignores it (versitygw 1.8) sends the keys as they are, and the client's decoding then
 * throws on "100%" and silently turns "a+b" into "a b" and "100%25" into "100%". So we still
 * ask for URL encoding (XML cannot carry every character a key may hold) but decode only when
 * the response says it is encoded.
 *
 * We also keep every value a string: the client's v2 parser turns keys such as "042" or "1e5"
 * into numbers, and trimming would drop a key's leading or trailing spaces.
 */
import type { IncomingMessage } from "node:http";
import { XMLParser } from "fast-xml-parser";
import type { Client } from "minio";
import type { BlobListEntry } from "./blob-store.js";

/** What one ListObjects request returned. */
export interface ListPage {
  entries: BlobListEntry[];
  /** The server has more keys after the last one in `entries`. */
  isTruncated: boolean;
}

const parser = new XMLParser({
  parseTagValue: false, // "042" stays "042"
  trimValues: false, // "trailing " keeps its space
  htmlEntities: true, // numeric references too: Go's encoder writes `"` as &#34;
  isArray: (name) => name === "Contents",
});

/** S3's URI encoding of one query value (RFC 3986 unreserved characters stay as they are). */
function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The query string for keys under `prefix` after `marker`, at most `maxKeys` of them. */
export function listQuery(prefix: string, marker: string, maxKeys: number): string {
  const params = [`encoding-type=url`, `max-keys=${maxKeys}`, `prefix=${uriEscape(prefix)}`];
  if (marker) params.push(`marker=${uriEscape(marker)}`);
  return params.sort().join("&");
}

/** Parses a ListBucketResult document; keys are URL-decoded only if the document says they are encoded. */
export function parseListPage(xml: string): ListPage {
  const result = parser.parse(xml)?.ListBucketResult;
  if (!result || typeof result !== "object") throw new Error(`S3 ListObjects: not a ListBucketResult: ${xml.slice(0, 200)}`);
  const encoded = String(result.EncodingType ?? "").toLowerCase() === "url";
  const entries: BlobListEntry[] = [];
  for (const c of (result.Contents ?? []) as Record<string, unknown>[]) {
    const raw = String(c.Key ?? "");
    entries.push({
      // S3's URL encoding writes a space as "+" (and "+" itself as %2B).
      key: encoded ? decodeURIComponent(raw.replace(/\+/g, " ")) : raw,
      size: Number(c.Size ?? 0),
      etag: String(c.ETag ?? "").replace(/^"|"$/g, ""),
      lastModified: c.LastModified ? new Date(String(c.LastModified)) : new Date(0),
    });
  }
  return { entries, isTruncated: String(result.IsTruncated).toLowerCase() === "true" };
}

/** Requests one page of keys under `prefix` after `marker` (signed by the client, parsed by us). */
export async function listPage(client: Client, bucket: string, prefix: string, marker: string, maxKeys: number): Promise<ListPage> {
  // makeRequestAsync is the client's signed-request primitive, the one its own listObjectsQuery uses.
  const res: IncomingMessage = await client.makeRequestAsync({
    method: "GET",
    bucketName: bucket,
    query: listQuery(prefix, marker, maxKeys),
  });
  res.setEncoding("utf8");
  let xml = "";
  for await (const chunk of res) xml += chunk;
  return parseListPage(xml);
}
