/**
 * The OpenAPI 3.1 document of all REST bindings, built from the same
 * compiled bindings the transcoder routes with, so it cannot drift from what
 * the server accepts.
 */
import type { DescField, DescMessage } from "@bufbuild/protobuf";
import type { Binding } from "./bindings.js";
import { docsParameterName, type Dialect } from "./dialect.js";
import { isParameterField, jsonPath, protoPath } from "./field-path.js";
import { anySchema, SchemaBuilder, type Schema } from "./openapi-schema.js";
import { encodeSegment } from "./path-encoding.js";

/** Title, version and description of the API in the document. */
export interface OpenApiInfo {
  title?: string;
  version?: string;
  description?: string;
}

const openApiMethods = new Set(["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"]);

/** Nested messages are offered as dotted query parameters down to this depth. */
const maxQueryDepth = 3;

/** Builds the OpenAPI 3.1 document for `bindings`. */
export function buildOpenApi(bindings: readonly Binding[], info: OpenApiInfo = {}, dialect: Dialect = "proto"): object {
  // The docs dialect answers with words but also accepts proto names: requests get their own
  // components (suffixed ".Input") wherever an enum makes the two differ.
  const responses = new SchemaBuilder({}, dialect === "docs" ? "words" : "names");
  const schemas: Schemas = {
    responses,
    requests: dialect === "docs" ? new SchemaBuilder(responses.components, "words or names", ".Input") : responses,
    dialect,
  };
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const binding of bindings) {
    if (!openApiMethods.has(binding.httpMethod)) {
      continue; // custom methods such as "*" have no OpenAPI operation
    }
    const path = openApiPath(binding);
    paths[path] ??= {};
    const item = paths[path];
    const verb = binding.httpMethod.toLowerCase();
    if (verb in item) {
      continue; // e.g. {name} and {name=**} on one path: OpenAPI can describe only one
    }
    tags.add(binding.method.parent.name);
    item[verb] = operation(binding, schemas);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: info.title ?? "Mitosis API",
      version: info.version ?? "v1",
      ...(info.description ? { description: info.description } : {}),
    },
    tags: [...tags].sort().map((name) => ({ name })),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: {
        ...sortKeys(responses.components),
        "google.rpc.Status": statusSchema,
        "google.protobuf.Any": anySchema,
      },
      responses: {
        Error: {
          description: "The call failed; the HTTP status follows the error code.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/google.rpc.Status" } } },
        },
      },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API key: `Authorization: Bearer <key>`." },
      },
    },
  };
}

/** The builders of one document: request and response sides, and the dialect. */
interface Schemas {
  requests: SchemaBuilder;
  responses: SchemaBuilder;
  dialect: Dialect;
}

function operation(binding: Binding, schemas: Schemas): Record<string, unknown> {
  const method = binding.method;
  const parameters = [...pathParameters(binding, schemas), ...queryParameters(binding, schemas)];
  const op: Record<string, unknown> = {
    operationId: binding.operationId,
    tags: [method.parent.name],
    description: `Calls the RPC \`${binding.name}\`.`,
  };
  if (method.deprecated) {
    op.deprecated = true;
  }
  if (parameters.length > 0) {
    op.parameters = parameters;
  }
  const bytes = { "application/octet-stream": { schema: { type: "string", format: "binary" } } };
  const body = requestBodySchema(binding, schemas);
  if (binding.byteStream && method.methodKind === "client_streaming") {
    op.requestBody = { required: true, description: "The bytes, as they are.", content: bytes };
  } else if (body) {
    op.requestBody = { required: true, content: { "application/json": { schema: body } } };
  }
  if (binding.byteStream && method.methodKind === "server_streaming") {
    op.responses = {
      "200": { description: byteResponseDescription(binding.byteStream), content: bytes },
      default: { $ref: "#/components/responses/Error" },
    };
    return op;
  }
  const output = binding.responseField ? schemas.responses.field(binding.responseField) : schemas.responses.message(method.output);
  op.responses = {
    "200": { description: "OK", content: { "application/json": { schema: output } } },
    default: { $ref: "#/components/responses/Error" },
  };
  return op;
}

/** What a byte-stream response carries besides its bytes (see rest/byte-stream.ts). */
function byteResponseDescription(field: DescField): string {
  const heads = field
    .oneof!.fields.filter((f) => f !== field && f.fieldKind === "message")
    .map((f) => `X-Mi-${f.jsonName[0]!.toUpperCase()}${f.jsonName.slice(1)}`);
  return `The bytes, as they are; ${heads.join(", ")} (JSON) describes them.`;
}

/** The template in OpenAPI form: each variable becomes `{field_path}`; other wildcards `{wildcardN}`. */
function openApiPath(binding: Binding): string {
  const { segments, variables, verb } = binding.template;
  const parts: string[] = [];
  let wildcards = 0;
  for (let i = 0; i < segments.length; i++) {
    const variable = variables.find((v) => v.start === i);
    if (variable) {
      parts.push(`{${variable.fieldPath}}`);
      i = variable.end === -1 ? segments.length : variable.end - 1;
      continue;
    }
    const segment = segments[i]!;
    parts.push(segment.kind === "literal" ? encodeSegment(segment.value) : `{wildcard${++wildcards}}`);
  }
  return "/" + parts.join("/") + (verb === undefined ? "" : ":" + encodeSegment(verb));
}

function pathParameters(binding: Binding, schemas: Schemas): Schema[] {
  const params: Schema[] = binding.pathFields.map(({ variable, fields }) => {
    const { segments } = binding.template;
    const captured = segments.slice(variable.start, variable.end === -1 ? undefined : variable.end);
    const single = captured.length === 1 && captured[0]!.kind === "*";
    const param: Schema = {
      name: variable.fieldPath,
      in: "path",
      required: true,
      schema: schemas.requests.field(fields[fields.length - 1]!),
    };
    if (!single) {
      const shape = captured.map((s) => (s.kind === "literal" ? encodeSegment(s.value) : s.kind)).join("/");
      param.description = `Matches \`${shape}\`; its slashes are sent as they are, not percent-encoded.`;
    }
    return param;
  });
  const wildcards = (openApiPath(binding).match(/\{wildcard\d+\}/g) ?? []).map((w) => ({
    name: w.slice(1, -1),
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  return [...params, ...wildcards];
}

function queryParameters(binding: Binding, schemas: Schemas): Schema[] {
  if (binding.body.kind === "all") {
    return [];
  }
  const bound = new Set(binding.pathFields.map((p) => protoPath(p.fields)));
  const bodyField = binding.body.kind === "field" ? binding.body.field : undefined;
  const params: Schema[] = [];
  const walk = (message: DescMessage, prefix: DescField[], seen: Set<DescMessage>): void => {
    for (const field of message.fields) {
      const chain = [...prefix, field];
      if (field === bodyField || bound.has(protoPath(chain))) {
        continue;
      }
      if (isParameterField(field, true)) {
        const param: Schema = { name: jsonPath(chain), in: "query", schema: schemas.requests.field(field) };
        if (field.fieldKind === "list") {
          param.style = "form";
          param.explode = true;
        }
        params.push(param);
        const docsName = schemas.dialect === "docs" && prefix.length === 0 ? docsParameterName(field, message) : undefined;
        if (docsName) {
          const alias: Schema = { ...param, name: docsName, description: `The docs' name for \`${param.name}\`.` };
          if (field.fieldKind === "list" && field.listKind === "enum") {
            // One parameter, values separated by commas: ?status=running,queued
            alias.explode = false;
          }
          params.push(alias);
        }
      } else if (field.fieldKind === "message" && !seen.has(field.message) && chain.length < maxQueryDepth) {
        walk(field.message, chain, new Set([...seen, field.message]));
      }
    }
  };
  walk(binding.method.input, [], new Set([binding.method.input]));
  return params;
}

function requestBodySchema(binding: Binding, schemas: Schemas): Schema | undefined {
  switch (binding.body.kind) {
    case "none":
      return undefined;
    case "field":
      return schemas.requests.field(binding.body.field);
    case "all": {
      const topLevelPathFields = binding.pathFields.filter((p) => p.fields.length === 1).map((p) => p.fields[0]!);
      return schemas.requests.object(binding.method.input, topLevelPathFields);
    }
  }
}

const statusSchema: Schema = {
  type: "object",
  description: "google.rpc.Status: why a call failed.",
  properties: {
    code: { type: "integer", format: "int32", description: "A google.rpc.Code, e.g. 5 for NOT_FOUND." },
    message: { type: "string", description: "What went wrong and what to do next." },
    details: { type: "array", items: { $ref: "#/components/schemas/google.protobuf.Any" } },
  },
  required: ["code", "message"],
};

function sortKeys(record: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
