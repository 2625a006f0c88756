/**
 * Names the field behind a rejected JSON request body. protobuf-es reports
 * some failures (enums, Timestamps, nested messages) by type rather than by
 * field, so the body is re-read key by key until the failing key is found;
 * this only runs for bodies that were already refused.
 */
import { fromJson, type DescMessage, type JsonValue, type Registry } from "@bufbuild/protobuf";
import { isScalarWellKnownType } from "./field-path.js";
import { errorText } from "./param-merge.js";

/** A message for a body that `schema` refused with `error`, naming the offending field by JSON path. */
export function describeBodyError(schema: DescMessage, json: JsonValue, error: unknown, registry: Registry): string {
  const reason = errorText(error);
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    const kind = json === null ? "null" : Array.isArray(json) ? "an array" : `a ${typeof json}`;
    return `invalid request body: expected a JSON object (${schema.typeName}), got ${kind}`;
  }
  const located = locate(schema, json, registry, "");
  if (located === undefined) {
    return `invalid request body: ${reason}`;
  }
  if (located.unknown) {
    return `invalid request body: unknown field "${located.path}"`;
  }
  return `invalid request body: field "${located.path}": ${reason}`;
}

interface Located {
  path: string;
  unknown: boolean;
}

function locate(schema: DescMessage, json: JsonValue, registry: Registry, prefix: string): Located | undefined {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return undefined;
  }
  for (const [key, value] of Object.entries(json)) {
    try {
      fromJson(schema, { [key]: value }, { registry });
      continue;
    } catch {
      // This key is (one of) the culprits.
    }
    const path = prefix + key;
    const field = schema.fields.find((f) => f.jsonName === key || f.name === key);
    if (!field) {
      return { path, unknown: true };
    }
    if (field.fieldKind === "message" && !isScalarWellKnownType(field.message)) {
      return locate(field.message, value, registry, path + ".") ?? { path, unknown: false };
    }
    if (field.fieldKind === "list" && field.listKind === "message" && Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        const inner = locate(field.message, item, registry, `${path}[${i}].`);
        if (inner) {
          return inner;
        }
      }
    }
    return { path, unknown: false };
  }
  return undefined;
}
