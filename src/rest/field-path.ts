/**
 * Resolution of dotted field paths (`task.office_id`, `pageSize`) against
 * message descriptors, and the rules for which fields can take a value from a
 * URL path or query string.
 */
import type { DescField, DescMessage } from "@bufbuild/protobuf";

/** How path elements are looked up: proto names only (templates), or JSON names first (query). */
export type FieldNaming = "proto" | "json-or-proto";

/** A field path that does not resolve. */
export class FieldPathError extends Error {
  override name = "FieldPathError";
}

/**
 * Resolves `path` to the chain of fields it names, starting at `message`.
 * Every element but the last must be a singular message field.
 */
export function resolveFieldPath(message: DescMessage, path: string, naming: FieldNaming): DescField[] {
  const fields: DescField[] = [];
  let current: DescMessage | undefined = message;
  for (const part of path.split(".")) {
    if (current === undefined) {
      const parent = fields[fields.length - 1]!;
      throw new FieldPathError(`${parent.parent.typeName}.${parent.name} is not a singular message field`);
    }
    const field: DescField | undefined =
      (naming === "json-or-proto" ? current.fields.find((f) => f.jsonName === part) : undefined) ??
      current.fields.find((f) => f.name === part);
    if (!field) {
      throw new FieldPathError(`${current.typeName} has no field "${part}"`);
    }
    fields.push(field);
    current = field.fieldKind === "message" ? field.message : undefined;
  }
  return fields;
}

/** The proto-name form of a field chain, e.g. `task.office_id`. */
export function protoPath(fields: readonly DescField[]): string {
  return fields.map((f) => f.name).join(".");
}

/** The JSON-name form of a field chain, e.g. `task.officeId`. */
export function jsonPath(fields: readonly DescField[]): string {
  return fields.map((f) => f.jsonName).join(".");
}

/** Well-known types whose JSON form is a scalar, so they can come from a path or query string. */
const scalarWellKnownTypes = new Set([
  "google.protobuf.Timestamp",
  "google.protobuf.Duration",
  "google.protobuf.FieldMask",
  "google.protobuf.DoubleValue",
  "google.protobuf.FloatValue",
  "google.protobuf.Int64Value",
  "google.protobuf.UInt64Value",
  "google.protobuf.Int32Value",
  "google.protobuf.UInt32Value",
  "google.protobuf.BoolValue",
  "google.protobuf.StringValue",
  "google.protobuf.BytesValue",
]);

/** Whether a message type has a scalar JSON form (Timestamp, wrappers, ...). */
export function isScalarWellKnownType(message: DescMessage): boolean {
  return scalarWellKnownTypes.has(message.typeName);
}

/**
 * Whether a field can be set from a URL parameter: scalars, enums and
 * well-known types with a scalar JSON form, singular or (for query
 * parameters) repeated. Maps and other messages cannot.
 */
export function isParameterField(field: DescField, allowRepeated: boolean): boolean {
  switch (field.fieldKind) {
    case "scalar":
    case "enum":
      return true;
    case "message":
      return isScalarWellKnownType(field.message);
    case "list":
      return allowRepeated && (field.listKind !== "message" || isScalarWellKnownType(field.message));
    case "map":
      return false;
  }
}
