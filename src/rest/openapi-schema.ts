/**
 * JSON Schemas (OpenAPI 3.1 dialect) for protobuf messages in their proto
 * JSON form: messages become components named by their full type name, enums
 * are string enums, 64-bit integers are strings, Timestamp is a date-time
 * string, wrappers are nullable scalars.
 */
import { ScalarType, type DescEnum, type DescField, type DescMessage } from "@bufbuild/protobuf";
import { wordOf } from "../enum-words.js";

/** A JSON Schema object. */
export type Schema = Record<string, unknown>;

/**
 * How enum values are written: proto names; the docs' words (what the docs dialect answers
 * with); or either (what it accepts).
 */
export type EnumSpelling = "names" | "words" | "words or names";

/** Collects component schemas while field and message schemas are requested. */
export class SchemaBuilder {
  private readonly enumBearing = new Map<DescMessage, boolean>();

  /**
   * @param components where component schemas go, by full type name (shared by builders)
   * @param suffix added to the component names of enums, and of messages that hold one, so a
   *   request-side builder can describe them apart from the response side
   */
  constructor(
    readonly components: Record<string, Schema> = {},
    private readonly spelling: EnumSpelling = "names",
    private readonly suffix = "",
  ) {}

  /** A schema for a message: a `$ref` to its component, or inline for well-known types. */
  message(message: DescMessage): Schema {
    const wkt = wellKnownSchema(message);
    if (wkt) {
      return wkt;
    }
    const name = this.hasEnum(message) ? message.typeName + this.suffix : message.typeName;
    if (!(name in this.components)) {
      this.components[name] = {}; // placeholder first: messages may refer to themselves
      this.components[name] = this.object(message, []);
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  /** An inline object schema of the message's fields, without the fields listed in `omit`. */
  object(message: DescMessage, omit: readonly DescField[]): Schema {
    const properties: Record<string, Schema> = {};
    for (const field of message.fields) {
      if (!omit.includes(field)) {
        properties[field.jsonName] = this.field(field);
      }
    }
    return { type: "object", properties };
  }

  /** The schema of a field's JSON value. */
  field(field: DescField): Schema {
    switch (field.fieldKind) {
      case "scalar":
        return scalarSchema(field.scalar);
      case "enum":
        return this.enum(field.enum);
      case "message":
        return this.message(field.message);
      case "list":
        return { type: "array", items: this.element(field) };
      case "map":
        return {
          type: "object",
          additionalProperties:
            field.mapKind === "scalar"
              ? scalarSchema(field.scalar)
              : field.mapKind === "enum"
                ? this.enum(field.enum)
                : this.message(field.message),
        };
    }
  }

  /** The schema of one element of a repeated field. */
  element(field: DescField & { fieldKind: "list" }): Schema {
    switch (field.listKind) {
      case "scalar":
        return scalarSchema(field.scalar);
      case "enum":
        return this.enum(field.enum);
      case "message":
        return this.message(field.message);
    }
  }

  private enum(desc: DescEnum): Schema {
    if (desc.typeName === "google.protobuf.NullValue") {
      return { type: "null" };
    }
    const name = desc.typeName + this.suffix;
    const names = desc.values.map((v) => v.name);
    const words = desc.values.map((v) => wordOf(desc, v));
    const values = this.spelling === "names" ? names : this.spelling === "words" ? words : [...words, ...names];
    this.components[name] ??= { type: "string", enum: values };
    return { $ref: `#/components/schemas/${name}` };
  }

  /** Whether an enum is written anywhere inside the message (then its component depends on the spelling). */
  private hasEnum(message: DescMessage): boolean {
    let found = this.enumBearing.get(message);
    if (found === undefined) {
      found = holdsEnum(message, new Set());
      this.enumBearing.set(message, found);
    }
    return found;
  }
}

function holdsEnum(message: DescMessage, visited: Set<DescMessage>): boolean {
  if (visited.has(message) || message.file.name.startsWith("google/protobuf/")) return false;
  visited.add(message);
  return message.fields.some((f) =>
    f.fieldKind === "enum" || (f.fieldKind === "list" && f.listKind === "enum") || (f.fieldKind === "map" && f.mapKind === "enum")
      ? true
      : f.message !== undefined && holdsEnum(f.message, visited),
  );
}

/** The JSON Schema of a scalar in proto JSON. */
export function scalarSchema(scalar: ScalarType): Schema {
  switch (scalar) {
    case ScalarType.STRING:
      return { type: "string" };
    case ScalarType.BYTES:
      return { type: "string", contentEncoding: "base64" };
    case ScalarType.BOOL:
      return { type: "boolean" };
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return { type: "integer", format: "int32" };
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return { type: "integer", minimum: 0, maximum: 4294967295 };
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return { type: "string", format: "int64", pattern: "^-?[0-9]+$" };
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return { type: "string", format: "uint64", pattern: "^[0-9]+$" };
    case ScalarType.DOUBLE:
      return { type: "number", format: "double" };
    case ScalarType.FLOAT:
      return { type: "number", format: "float" };
  }
}

const wrapperScalars: Record<string, ScalarType> = {
  "google.protobuf.DoubleValue": ScalarType.DOUBLE,
  "google.protobuf.FloatValue": ScalarType.FLOAT,
  "google.protobuf.Int64Value": ScalarType.INT64,
  "google.protobuf.UInt64Value": ScalarType.UINT64,
  "google.protobuf.Int32Value": ScalarType.INT32,
  "google.protobuf.UInt32Value": ScalarType.UINT32,
  "google.protobuf.BoolValue": ScalarType.BOOL,
  "google.protobuf.StringValue": ScalarType.STRING,
  "google.protobuf.BytesValue": ScalarType.BYTES,
};

/** Inline schemas of well-known types with a special JSON form; undefined for other messages. */
function wellKnownSchema(message: DescMessage): Schema | undefined {
  switch (message.typeName) {
    case "google.protobuf.Timestamp":
      return { type: "string", format: "date-time" };
    case "google.protobuf.Duration":
      return { type: "string", pattern: "^-?[0-9]+(\\.[0-9]{1,9})?s$", examples: ["1.5s"] };
    case "google.protobuf.FieldMask":
      return { type: "string", description: "Comma-separated field paths in lowerCamelCase." };
    case "google.protobuf.Struct":
      return { type: "object", additionalProperties: true };
    case "google.protobuf.Value":
      return {};
    case "google.protobuf.ListValue":
      return { type: "array", items: {} };
    case "google.protobuf.Empty":
      return { type: "object" };
    case "google.protobuf.Any":
      return anySchema;
  }
  const wrapped = wrapperScalars[message.typeName];
  if (wrapped !== undefined) {
    const schema = scalarSchema(wrapped);
    return { ...schema, type: [schema.type, "null"] };
  }
  return undefined;
}

/** google.protobuf.Any in JSON: the type URL plus the packed message's fields. */
export const anySchema: Schema = {
  type: "object",
  properties: { "@type": { type: "string", examples: ["type.googleapis.com/google.rpc.ErrorInfo"] } },
  required: ["@type"],
  additionalProperties: true,
};
