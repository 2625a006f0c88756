/**
 * Reading REST request bodies (bounded) and writing JSON responses on Node's
 * http and http2 servers.
 */
import type { JsonValue } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { universalResponseToNodeResponse } from "@connectrpc/connect-node";
import { createAsyncIterable } from "@connectrpc/connect/protocol";
import type * as http from "node:http";
import type * as http2 from "node:http2";
import { RestRequestError } from "./status.js";

/** A Node.js server request, HTTP/1.1 or HTTP/2. */
export type NodeRequest = http.IncomingMessage | http2.Http2ServerRequest;
/** A Node.js server response, HTTP/1.1 or HTTP/2. */
export type NodeResponse = http.ServerResponse | http2.Http2ServerResponse;

/** Reads the whole body; throws a 413 RestRequestError as soon as it exceeds `maxBytes`. */
export async function readBody(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  contentLength: string | undefined,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new RestRequestError(`request body is larger than the limit of ${maxBytes} bytes`, Code.ResourceExhausted, 413);
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

/** Writes a JSON response with the given status and headers. */
export async function writeJson(res: NodeResponse, status: number, header: Headers, body: JsonValue): Promise<void> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  header.set("content-type", "application/json");
  header.set("content-length", String(bytes.byteLength));
  await universalResponseToNodeResponse({ status, header, body: createAsyncIterable([bytes]) }, res);
}
