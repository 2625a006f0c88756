/**
 * Conversion of URL parameter strings (path variables, query parameters) to
 * the JSON form of the field they set, so that the protobuf JSON reader does
 * the actual parsing: numbers (also 64-bit) and bytes stay strings, which
 * proto JSON accepts; booleans become true/false; enums are taken by name or
 * by number; Timestamp, Duration, FieldMask and wrappers by their JSON form.
 */
import { ScalarType, type DescField, type JsonObject, type JsonValue } from "@bufbuild/protobuf";
import { enumNameOf, type Dialect } from "./dialect.js";

/** A parameter value that cannot be converted for its field. */
export class ParamValueError extends Error {
  override name = "ParamValueError";
}

/** The JSON value for a field from its URL parameter values (several only for repeated fields). */
export function paramJson(field: DescField, values: readonly string[], dialect: Dialect = "proto"): JsonValue {
  const isEnum = field.fieldKind === "enum" || (field.fieldKind === "list" && field.listKind === "enum");
  if (dialect === "docs" && isEnum) {
    // The docs list several values in one parameter (status=running,queued) and use words.
    const words = field.fieldKind === "list" ? values.flatMap((v) => v.split(",")) : [values[values.length - 1]!];
    const json = words.map((word) => elementJson(field, enumNameOf(field.enum!, word.trim())));
    return field.fieldKind === "list" ? json : json[0]!;
  }
  if (field.fieldKind === "list") {
    return values.map((value) => elementJson(field, value));
  }
  return elementJson(field, values[values.length - 1]!);
}

/** Nests `value` under the JSON names of `fields`: [task, office_id] -> { task: { officeId: value } }. */
export function nestJson(fields: readonly DescField[], value: JsonValue): JsonObject {
  let json: JsonValue = value;
  for (let i = fields.length - 1; i >= 0; i--) {
    json = { [fields[i]!.jsonName]: json };
  }
  return json as JsonObject;
}

function elementJson(field: DescField, value: string): JsonValue {
  const scalar = field.fieldKind === "scalar" || (field.fieldKind === "list" && field.listKind === "scalar") ? field.scalar : undefined;
  if (scalar === ScalarType.BOOL) {
    return parseBool(value);
  }
  if (scalar !== undefined) {
    return value;
  }
  const isEnum = field.fieldKind === "enum" || (field.fieldKind === "list" && field.listKind === "enum");
  if (isEnum) {
    return /^-?\d+$/.test(value) ? Number(value) : value;
  }
  if (field.message?.typeName === "google.protobuf.BoolValue") {
    return parseBool(value);
  }
  return value;
}

function parseBool(value: string): boolean {
  switch (value) {
    case "true":
      return true;
    case "false":
      return false;
  }
  throw new ParamValueError(`"${value}" is not a boolean: use true or false`);
}
