/**
 * Reading REST request bodies (bounded) and writing JSON responses on Node's
 * http and http2 servers.
 */
import type { JsonValue } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import type * as http from "node:http";
import type * as http2 from "node:http2";
import { RestRequestError } from "./status.js";

/** A Node.js server request, HTTP/1.1 or HTTP/2. */
export type NodeRequest = http.IncomingMessage | http2.Http2ServerRequest;
/** A Node.js server response, HTTP/1.1 or HTTP/2. */
export type NodeResponse = http.ServerResponse | http2.Http2ServerResponse;

/** Reads the whole body; throws a 413 RestRequestError as soon as it exceeds `maxBytes`. */
export async function readBody(body: AsyncIterable<Uint8Array>, maxBytes: number, contentLength: string | undefined): Promise<Uint8Array> {
  const tooLarge = () => new RestRequestError(`request body is larger than the limit of ${maxBytes} bytes`, Code.ResourceExhausted, 413);
  if (contentLength !== undefined && Number(contentLength) > maxBytes) {
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Writes a JSON response with the given status and headers. Does not wait
 * for the client to receive it: a client that went away must not stall us.
 */
export function writeJson(res: NodeResponse, status: number, header: Headers, body: JsonValue): void {
  const bytes = Buffer.from(JSON.stringify(body));
  const out: Record<string, string | string[]> = {};
  header.forEach((value, name) => {
    out[name] = value;
  });
  const cookies = header.getSetCookie();
  if (cookies.length > 0) {
    out["set-cookie"] = cookies;
  }
  out["content-type"] = "application/json";
  out["content-length"] = String(bytes.byteLength);
  // Both response types take (status, headers) and end(data); their typings just do not unify.
  const response = res as http.ServerResponse;
  response.writeHead(status, out);
  response.end(bytes);
}
