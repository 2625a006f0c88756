/**
 * Query parameters: each names a request field by its JSON name or proto
 * name (dotted for nested fields); repeated fields take repeated parameters.
 * A parameter that names no field, a field the path or body already binds,
 * or a field that cannot come from a string, is a 400.
 */
import type { DescField, Message, Registry } from "@bufbuild/protobuf";
import type { Binding } from "./bindings.js";
import { docsParameterName, type Dialect } from "./dialect.js";
import { FieldPathError, isParameterField, jsonPath, protoPath, resolveFieldPath } from "./field-path.js";
import { mergeOrThrow, paramJsonOrThrow } from "./param-merge.js";
import { nestJson } from "./param-value.js";
import { RestRequestError } from "./status.js";

interface QueryField {
  /** The parameter name as the client spelled it first. */
  name: string;
  fields: DescField[];
  values: string[];
}

/** Sets the fields named by the query string on the request message. */
export function applyQuery(binding: Binding, message: Message, query: URLSearchParams, registry: Registry, dialect: Dialect): void {
  const schema = binding.method.input;
  for (const param of groupQuery(binding, query, dialect).values()) {
    const leaf = param.fields[param.fields.length - 1]!;
    if (leaf.fieldKind !== "list" && param.values.length > 1) {
      throw new RestRequestError(
        `query parameter "${param.name}" is given more than once, but ${protoPath(param.fields)} is not a repeated field`,
      );
    }
    const what = `query parameter "${param.name}"`;
    const json = paramJsonOrThrow(param.fields, param.values, what, dialect);
    mergeOrThrow(schema, message, nestJson(param.fields, json), registry, what, param.values.join(","));
  }
}

/** Resolves and checks every parameter, grouping values of the same field (named either way). */
function groupQuery(binding: Binding, query: URLSearchParams, dialect: Dialect): Map<string, QueryField> {
  const groups = new Map<string, QueryField>();
  for (const [name, value] of query) {
    if (binding.body.kind === "all") {
      throw new RestRequestError(
        `unknown query parameter "${name}": ${binding.httpMethod} ${binding.template.source} takes all its fields from the request body`,
      );
    }
    const fields = resolveQueryName(binding, name, dialect);
    const key = jsonPath(fields);
    const group = groups.get(key);
    if (group) {
      group.values.push(value);
    } else {
      groups.set(key, { name, fields, values: [value] });
    }
  }
  return groups;
}

function resolveQueryName(binding: Binding, name: string, dialect: Dialect): DescField[] {
  const input = binding.method.input;
  let fields: DescField[];
  try {
    fields = resolveFieldPath(input, name, "json-or-proto");
  } catch (e) {
    const docsNamed = dialect === "docs" ? input.fields.find((f) => docsParameterName(f, input) === name) : undefined;
    if (docsNamed) {
      fields = [docsNamed];
    } else if (e instanceof FieldPathError) {
      throw new RestRequestError(`unknown query parameter "${name}": ${e.message}`);
    } else {
      throw e;
    }
  }
  const leaf = fields[fields.length - 1]!;
  if (!isParameterField(leaf, true)) {
    throw new RestRequestError(
      `query parameter "${name}" names ${protoPath(fields)}, a ${leaf.fieldKind === "map" ? "map" : "message"} field, which cannot be set from the query string`,
    );
  }
  const path = protoPath(fields);
  for (const bound of binding.pathFields) {
    const boundPath = protoPath(bound.fields);
    if (path === boundPath || path.startsWith(boundPath + ".") || boundPath.startsWith(path + ".")) {
      throw new RestRequestError(`query parameter "${name}" sets ${path}, which the path already binds as {${bound.variable.fieldPath}}`);
    }
  }
  if (binding.body.kind === "field" && fields[0] === binding.body.field) {
    throw new RestRequestError(`query parameter "${name}" sets ${path}, which the request body already binds`);
  }
  return fields;
}
