/**
 * Builds the RPC request message of a REST call: first the body (per the
 * binding's `body`), then the path variables, then the query parameters.
 * Every problem is a RestRequestError that names the parameter or field.
 */
import {
  create,
  type DescMessage,
  fromJsonString,
  mergeFromJson,
  mergeFromJsonString,
  toJson,
  type JsonValue,
  type Message,
  type Registry,
} from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import type { Binding } from "./bindings.js";
import { describeBodyError } from "./body-errors.js";
import { requestFromDocs, withEnumChoices, type Dialect } from "./dialect.js";
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
export function buildRequestMessage(binding: Binding, parts: RequestParts, registry: Registry, dialect: Dialect = "proto"): Message {
  const schema = binding.method.input;
  const message = create(schema);
  const hasBody = parts.body.byteLength > 0;
  if (hasBody) {
    readBody(binding, message, parts, registry, dialect);
  }
  applyPathVariables(binding, message, parts.variables, hasBody, registry, dialect);
  applyQuery(binding, message, parts.query, registry, dialect);
  return message;
}

function readBody(binding: Binding, message: Message, parts: RequestParts, registry: Registry, dialect: Dialect): void {
  const schema = binding.method.input;
  if (binding.body.kind === "none") {
    throw new RestRequestError(
      `${binding.httpMethod} ${binding.template.source} takes no request body; send its parameters in the path and query string`,
    );
  }
  checkContentType(parts.contentType, parts.body);
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
      if (dialect === "docs") {
        mergeFromJson(schema, message, requestFromDocs(schema, parseStrict(text, schema)), { registry });
      } else {
        mergeFromJsonString(schema, message, text, { registry });
      }
    } catch (e) {
      const cause = e instanceof Error ? e.cause : undefined;
      if (cause instanceof SyntaxError) {
        throw new RestRequestError(`malformed JSON in request body: ${describeJsonSyntaxError(text, cause)}`);
      }
      const json = dialect === "docs" ? requestFromDocs(schema, safeParse(text)) : safeParse(text);
      throw new RestRequestError(withEnumChoices(describeBodyError(schema, json, e, registry), registry, dialect));
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
    const body = nestJson([binding.body.field], json);
    mergeFromJson(schema, message, dialect === "docs" ? requestFromDocs(schema, body) : body, { registry });
  } catch (e) {
    const field = binding.body.field;
    const message =
      field.fieldKind === "message" ? describeBodyError(field.message, json, e, registry) : `invalid request body: ${errorText(e)}`;
    throw new RestRequestError(message);
  }
}

/**
 * JSON media types (application/json, application/*+json) in UTF-8; a missing type counts as
 * JSON. So does the form type that `curl -d` sends by default when the body is a JSON object,
 * which no form body can be, so the docs' curl examples work as pasted.
 */
function checkContentType(contentType: string | undefined, body: Uint8Array): void {
  if (contentType === undefined || contentType.trim() === "") {
    return;
  }
  const [mediaType = "", ...params] = contentType.split(";").map((p) => p.trim().toLowerCase());
  const curlDefault = mediaType === "application/x-www-form-urlencoded" && body[0] === 0x7b; // "{"
  const isJson = curlDefault || mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
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
  dialect: Dialect,
): void {
  const schema = binding.method.input;
  const bodyJson = hasBody && binding.pathFields.length > 0 ? toJson(schema, message, { registry }) : undefined;
  for (const { variable, fields } of binding.pathFields) {
    const value = variables.get(variable.fieldPath) ?? "";
    const patch = nestJson(fields, paramJsonOrThrow(fields, [value], `path variable {${variable.fieldPath}}`, dialect));
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

function safeParse(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return null;
  }
}

/**
 * Parses a body the way protobuf-es parses one for `schema` (a syntax error keeps its cause;
 * duplicate keys are refused, which JSON.parse alone would merge), so that the docs' words can
 * be rewritten before the body is read as `schema`.
 */
function parseStrict(text: string, schema: DescMessage): JsonValue {
  try {
    fromJsonString(ValueSchema, text);
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(ValueSchema.typeName, schema.typeName) : String(e);
    throw new Error(message, { cause: e instanceof Error ? e.cause : undefined });
  }
  return JSON.parse(text) as JsonValue;
}
