/**
 * Translates the Connect handler's unary response into the REST response:
 * success is 200 with the response message (or its `response_body` field) as
 * JSON; an error is a google.rpc.Status with the status of the code table.
 * Response headers the handler set (e.g. Retry-After) pass through.
 */
import { type DescMessage, fromJsonString, type JsonValue, type MessageShape, type Registry, toJson } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { UniversalServerResponse } from "@connectrpc/connect/protocol";
import { codeFromHttpStatus, errorFromJsonBytes } from "@connectrpc/connect/protocol-connect";
import type { Binding } from "./bindings.js";
import { responseToDocs, type Dialect } from "./dialect.js";
import { httpStatusFromConnectError } from "./http-status.js";
import { statusJson } from "./status.js";

/** A REST response ready to be written. */
export interface RestResponse {
  status: number;
  header: Headers;
  body: JsonValue;
}

/** Headers of the Connect response that describe its own framing: not passed through. */
const framingHeaders = new Set(["content-type", "content-length", "content-encoding"]);

/** Translates a Connect unary response for `binding` into a REST response. */
export async function translateResponse(
  binding: Binding,
  response: UniversalServerResponse,
  registry: Registry,
  dialect: Dialect = "proto",
): Promise<RestResponse> {
  const bytes = await readAll(response.body);
  const header = new Headers();
  response.header?.forEach((value, name) => {
    if (!framingHeaders.has(name) && !name.startsWith("connect-")) {
      header.append(name, value);
    }
  });
  if (response.status === 200) {
    return { status: 200, header, body: successBody(binding, bytes, registry, dialect) };
  }
  const fallback = new ConnectError(`HTTP ${response.status}`, codeFromHttpStatus(response.status));
  let err: ConnectError;
  try {
    err = errorFromJsonBytes(bytes, response.header, fallback);
  } catch {
    err = fallback;
  }
  return { status: httpStatusFromConnectError(err), header, body: statusJson(err, registry) };
}

/**
 * Re-encodes the response with default values included, so that REST clients
 * see `"allowAgentHiring": false` instead of a missing key.
 */
function successBody(binding: Binding, bytes: Uint8Array, registry: Registry, dialect: Dialect): JsonValue {
  const schema = binding.method.output;
  let json: JsonValue;
  try {
    json = messageJson(
      schema,
      fromJsonString(schema, new TextDecoder().decode(bytes), { registry, ignoreUnknownFields: true }),
      registry,
      dialect,
    );
  } catch (e) {
    throw new ConnectError("the handler's response could not be re-encoded", Code.Internal, undefined, undefined, e);
  }
  const field = binding.responseField;
  if (field === undefined) {
    return json;
  }
  return (json as Record<string, JsonValue | undefined>)[field.jsonName] ?? null;
}

/** A message as REST answers it: every field present (`"allowAgentHiring": false`), in the dialect's words. */
export function messageJson<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
  registry: Registry,
  dialect: Dialect,
): JsonValue {
  const json = toJson(schema, message, { registry, alwaysEmitImplicit: true });
  return dialect === "docs" ? responseToDocs(schema, json) : json;
}

async function readAll(body: AsyncIterable<Uint8Array> | undefined): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body ?? []) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
