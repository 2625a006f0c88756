/**
 * Builds the RPC request message of a REST call: first the body (per the
 * binding's `body`), then the path variables, then the query parameters.
 * Every problem is a RestRequestError that names the parameter or field.
 */
import { create, mergeFromJson, mergeFromJsonString, toJson, type JsonValue, type Message, type Registry } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import type { Binding } from "./bindings.js";
import { describeBodyError } from "./body-errors.js";
import { describeJsonSyntaxError, parseJson } from "./json-syntax.js";
import { nestJson } from "./param-value.js";
import { errorText, mergeOrThrow, paramJsonOrThrow } from "./param-merge.js";
import { applyQuery } from "./query-params.js";
import { RestRequestError } from "./status.js";

/** What a REST request carries besides its method and route. */
export interface RequestParts {
  /** Path variable values by field path, percent-decoded. */
  variables: ReadonlyMap<string, string>;
  query: URLSearchParams;
  /** The raw request body; empty when there is none. */
  body: Uint8Array;
  /** The Content-Type header, if any. */
  contentType: string | undefined;
  /** The Content-Encoding header, if any. */
  contentEncoding?: string | undefined;
}

/** Builds the request message for `binding`; throws RestRequestError on a bad request. */
export function buildRequestMessage(binding: Binding, parts: RequestParts, registry: Registry): Message {
  const schema = binding.method.input;
  const message = create(schema);
  const hasBody = parts.body.byteLength > 0;
  if (hasBody) {
    readBody(binding, message, parts, registry);
  }
  applyPathVariables(binding, message, parts.variables, hasBody, registry);
  applyQuery(binding, message, parts.query, registry);
  return message;
}

function readBody(binding: Binding, message: Message, parts: RequestParts, registry: Registry): void {
  const schema = binding.method.input;
  if (binding.body.kind === "none") {
    throw new RestRequestError(
      `${binding.httpMethod} ${binding.template.source} takes no request body; send its parameters in the path and query string`,
    );
  }
  checkContentType(parts.contentType);
  const encoding = parts.contentEncoding?.trim().toLowerCase();
  if (encoding && encoding !== "identity") {
    throw new RestRequestError(
      `unsupported content-encoding "${parts.contentEncoding}": send the body uncompressed`,
      Code.InvalidArgument,
      415,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(parts.body);
  } catch {
    throw new RestRequestError("request body is not valid UTF-8");
  }
  if (binding.body.kind === "all") {
    try {
      mergeFromJsonString(schema, message, text, { registry });
    } catch (e) {
      const cause = e instanceof Error ? e.cause : undefined;
      if (cause instanceof SyntaxError) {
        throw new RestRequestError(`malformed JSON in request body: ${describeJsonSyntaxError(text, cause)}`);
      }
      throw new RestRequestError(describeBodyError(schema, safeParse(text), e, registry));
    }
    return;
  }
  let json: JsonValue;
  try {
    json = parseJson(text) as JsonValue;
  } catch (e) {
    throw new RestRequestError(`malformed JSON in request body: ${errorText(e)}`);
  }
  try {
    mergeFromJson(schema, message, nestJson([binding.body.field], json), { registry });
  } catch (e) {
    const field = binding.body.field;
    const message =
      field.fieldKind === "message" ? describeBodyError(field.message, json, e, registry) : `invalid request body: ${errorText(e)}`;
    throw new RestRequestError(message);
  }
}

/** JSON media types (application/json, application/*+json) in UTF-8; a missing type counts as JSON. */
function checkContentType(contentType: string | undefined): void {
  if (contentType === undefined || contentType.trim() === "") {
    return;
  }
  const [mediaType = "", ...params] = contentType.split(";").map((p) => p.trim().toLowerCase());
  const isJson = mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  if (!isJson || (charset !== undefined && charset !== "utf-8")) {
    throw new RestRequestError(
      `unsupported content-type "${contentType}": send the body as JSON with "Content-Type: application/json"`,
      Code.InvalidArgument,
      415,
    );
  }
}

function applyPathVariables(
  binding: Binding,
  message: Message,
  variables: ReadonlyMap<string, string>,
  hasBody: boolean,
  registry: Registry,
): void {
  const schema = binding.method.input;
  const bodyJson = hasBody && binding.pathFields.length > 0 ? toJson(schema, message, { registry }) : undefined;
  for (const { variable, fields } of binding.pathFields) {
    const value = variables.get(variable.fieldPath) ?? "";
    const patch = nestJson(fields, paramJsonOrThrow(fields, [value], `path variable {${variable.fieldPath}}`));
    const fromPath = mergeOrThrow(schema, create(schema), patch, registry, `path variable {${variable.fieldPath}}`, value);
    if (bodyJson !== undefined) {
      const inBody = pick(
        bodyJson,
        fields.map((f) => f.jsonName),
      );
      const inPath = pick(
        toJson(schema, fromPath, { registry }),
        fields.map((f) => f.jsonName),
      );
      if (inBody !== undefined && JSON.stringify(inBody) !== JSON.stringify(inPath)) {
        throw new RestRequestError(
          `"${fields.map((f) => f.jsonName).join(".")}" is ${JSON.stringify(inBody)} in the request body but ${JSON.stringify(value)} in the path; leave it out of the body or make them match`,
        );
      }
    }
    mergeOrThrow(schema, message, patch, registry, `path variable {${variable.fieldPath}}`, value);
  }
}

function safeParse(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return null;
  }
}

function pick(json: JsonValue, path: string[]): JsonValue | undefined {
  let current: JsonValue | undefined = json;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}
