/**
 * Dispatch: the built request message goes to the method's own Connect
 * handler as a unary Connect/JSON call, so that interceptors (auth,
 * validation, error mapping) run exactly as for every other protocol.
 */
import { toJsonString, type Message, type Registry } from "@bufbuild/protobuf";
import type { ContextValues } from "@connectrpc/connect";
import { createAsyncIterable, type UniversalServerRequest, type UniversalServerResponse } from "@connectrpc/connect/protocol";
import type { Binding } from "./bindings.js";

/** Request headers that describe the REST request's own framing, not the call: not forwarded. */
const framingHeaders = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "accept-encoding",
  "connection",
  "keep-alive",
  "te",
  "trailer",
  "upgrade",
  "expect",
]);

/**
 * Calls the binding's handler with `message`. Forwards the caller's headers
 * (Authorization, the X-Mi-* agent signature headers, Connect-Timeout-Ms,
 * ...) and its abort signal.
 */
export function dispatch(
  binding: Binding,
  message: Message,
  incoming: UniversalServerRequest,
  contextValues: ContextValues,
  registry: Registry,
): Promise<UniversalServerResponse> {
  const header = new Headers();
  incoming.header.forEach((value, name) => {
    if (!framingHeaders.has(name) && (!name.startsWith("connect-") || name === "connect-timeout-ms")) {
      header.append(name, value);
    }
  });
  header.set("content-type", "application/json");
  header.set("connect-protocol-version", "1");
  const body = new TextEncoder().encode(toJsonString(binding.method.input, message, { registry }));
  return binding.handler({
    httpVersion: incoming.httpVersion,
    method: "POST",
    url: new URL(binding.handler.requestPath, incoming.url).toString(),
    header,
    body: createAsyncIterable([body]),
    signal: incoming.signal,
    contextValues,
  });
}
