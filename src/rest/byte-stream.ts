/**
 * Byte-stream bindings (Binding.byteStream): the HTTP body of a client-streaming upload or of a
 * server-streaming download is the stream's bytes field, as it is, so a file moves through
 * REST chunk by chunk (`curl -T`, `curl -o`), never held whole. The method runs in this
 * process on message objects (rpc/in-process.ts) with the router's interceptors around it.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { create, type DescField, type DescMessage, type DescMethod, type Message, type Registry } from "@bufbuild/protobuf";
import { Code, ConnectError, type ContextValues, createHandlerContext, type HandlerContext } from "@connectrpc/connect";
import { createAsyncIterable, type UniversalServerRequest } from "@connectrpc/connect/protocol";
import type { Binding } from "./bindings.js";
import type { Dialect } from "./dialect.js";
import { writeJson, type NodeRequest, type NodeResponse } from "./node-io.js";
import { messageJson } from "./response.js";
import { RestRequestError } from "./status.js";

/**
 * Runs `method` on `input` as a stream call inside this process, with the router's interceptors
 * around it; the output messages as they come (rpc/in-process.ts builds one).
 */
export type InProcessCall = (method: DescMethod, context: HandlerContext, input: AsyncIterable<Message>) => AsyncIterable<Message>;

/** Raw bytes become messages of at most this size (the chunk limit the protos declare). */
const MESSAGE_BYTES = 1024 * 1024;

/** The request header in which a signed upload states its body's SHA-256 (hex) up front. */
export const CONTENT_SHA256_HEADER = "x-mi-content-sha256";

/** One REST call of a byte-stream binding. */
export interface ByteStreamCall {
  binding: Binding & { byteStream: DescField };
  /** The request message built from the path and query. */
  first: Message;
  req: NodeRequest;
  res: NodeResponse;
  incoming: UniversalServerRequest;
  contextValues: ContextValues;
  call: InProcessCall;
  registry: Registry;
  dialect: Dialect;
  /** An upload's SHA-256 as stated in X-Mi-Content-Sha256 (statedBodySha256): the body must hash to it. */
  bodySha256?: string;
}

/**
 * The SHA-256 a signed upload's signature covers: stated in X-Mi-Content-Sha256, because the
 * body is checked only as it streams (a body that hashes otherwise fails the call).
 */
export function statedBodySha256(req: NodeRequest): string | undefined {
  const stated = req.headers[CONTENT_SHA256_HEADER];
  if (stated === undefined) return undefined;
  if (typeof stated !== "string" || !/^[0-9a-f]{64}$/.test(stated)) {
    throw new RestRequestError(`${CONTENT_SHA256_HEADER}: send the body's SHA-256 as 64 lowercase hex digits`);
  }
  return stated;
}

/** Runs the call; an error before the first byte of a download is thrown (the caller answers it as JSON). */
export async function serveByteStream(c: ByteStreamCall): Promise<void> {
  const { binding, incoming } = c;
  const context = createHandlerContext({
    service: binding.method.parent,
    method: binding.method,
    protocolName: "rest",
    requestMethod: c.req.method ?? "GET",
    url: incoming.url,
    requestSignal: incoming.signal,
    requestHeader: incoming.header,
    contextValues: c.contextValues,
  });
  if (binding.method.methodKind === "client_streaming") {
    const output = c.call(binding.method, context, messagesOf(c));
    let answer: Message | undefined;
    for await (const message of output) answer = message;
    if (answer === undefined) throw new ConnectError("the method answered nothing", Code.Internal);
    writeJson(c.res, 200, context.responseHeader, messageJson(binding.method.output, answer, c.registry, c.dialect));
    return;
  }
  await sendBytes(c, c.call(binding.method, context, createAsyncIterable([c.first])), context.responseHeader);
}

/** The upload's messages: the one from path and query, then one per chunk of the body. */
async function* messagesOf(c: ByteStreamCall): AsyncGenerator<Message> {
  const field = c.binding.byteStream;
  const encoding = c.req.headers["content-encoding"]?.trim().toLowerCase();
  if (encoding && encoding !== "identity") {
    throw new RestRequestError(`unsupported content-encoding "${encoding}": send the bytes as they are`, Code.InvalidArgument, 415);
  }
  const stated = c.bodySha256;
  const hash = stated === undefined ? undefined : createHash("sha256");
  yield c.first;
  const schema = c.binding.method.input as DescMessage;
  for await (const chunk of c.req as AsyncIterable<Buffer>) {
    hash?.update(chunk);
    for (let at = 0; at < chunk.byteLength; at += MESSAGE_BYTES) {
      yield create(schema, { [field.oneof!.localName]: { case: field.localName, value: chunk.subarray(at, at + MESSAGE_BYTES) } });
    }
  }
  if (hash !== undefined && hash.digest("hex") !== stated) {
    throw new ConnectError(
      `${CONTENT_SHA256_HEADER}: the body does not hash to the SHA-256 the request stated and signed`,
      Code.InvalidArgument,
    );
  }
}

/**
 * Writes a download: the messages before the first bytes become `X-Mi-<member>` headers (JSON,
 * ASCII-escaped); a `content_type` and `size_bytes` in them become Content-Type and
 * Content-Length. Bytes are written as they come, waiting while the client is behind. A failure
 * after the first byte resets the response, so the client sees it cut short, never complete.
 */
async function sendBytes(c: ByteStreamCall, output: AsyncIterable<Message>, responseHeader: Headers): Promise<void> {
  const field = c.binding.byteStream;
  const member = field.oneof!.localName;
  const res = c.res as import("node:http").ServerResponse;
  const head: Record<string, string> = { "content-type": "application/octet-stream" };
  responseHeader.forEach((value, name) => {
    head[name] = value;
  });
  let started = false;
  let sent = 0;
  const start = () => {
    res.writeHead(200, head);
    started = true;
  };
  try {
    for await (const message of output) {
      const part = (message as unknown as Record<string, { case: string | undefined; value: unknown }>)[member]!;
      if (part.case === field.localName) {
        if (!started) start();
        sent += (part.value as Uint8Array).byteLength;
        if (!res.write(part.value as Uint8Array)) await once(res, "drain", { signal: c.incoming.signal });
      } else if (part.case !== undefined && !started) {
        describe(head, part.case, field.parent.fields.find((f) => f.localName === part.case)!, part.value as Message, c);
      }
    }
    if (!started) start();
    const promised = head["content-length"];
    if (promised !== undefined && Number(promised) !== sent) {
      throw new ConnectError(`the method sent ${sent} bytes where its metadata promised ${promised}`, Code.DataLoss);
    }
    res.end();
  } catch (err) {
    if (!started) throw err;
    // After the bytes written so far have gone out (the first write is corked until the next tick).
    setImmediate(() => res.destroy(err instanceof Error ? err : new Error(String(err))));
  }
}

function describe(head: Record<string, string>, name: string, field: DescField, value: Message, c: ByteStreamCall): void {
  if (field.fieldKind !== "message") return;
  const json = messageJson(field.message, value, c.registry, c.dialect);
  head[`x-mi-${name.replace(/[A-Z]/g, (l) => `-${l.toLowerCase()}`)}`] = JSON.stringify(json).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const fields = value as unknown as Record<string, unknown>;
  const named = (protoName: string) => field.message.fields.find((f) => f.name === protoName);
  const contentType = named("content_type");
  const size = named("size_bytes");
  if (contentType && typeof fields[contentType.localName] === "string" && fields[contentType.localName] !== "") {
    head["content-type"] = fields[contentType.localName] as string;
  }
  if (size && (typeof fields[size.localName] === "bigint" || typeof fields[size.localName] === "number")) {
    head["content-length"] = String(fields[size.localName]);
  }
}
