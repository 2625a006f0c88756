/**
 * The JSON dialect of the REST API. "proto" is canonical proto JSON, as Connect speaks it.
 * "docs" is how the product docs write requests and read answers: enum values as lowercase
 * words (`"kind": "review"`, `"status": "active"`; the proto names stay accepted), repeated
 * enum parameters as comma-separated lists (`?status=running,queued`), and the docs' parameter
 * names next to the canonical ones (`status` for `statuses`, `limit` for `page_size`).
 */
import type { DescEnum, DescField, DescMessage, JsonObject, JsonValue, Registry } from "@bufbuild/protobuf";
import { wordOf } from "../enum-words.js";

/** Which JSON the REST API reads and writes. */
export type Dialect = "proto" | "docs";

/** An enum's words and proto names, both ways (built once per enum). */
interface EnumSpelling {
  wordOfName: Map<string, string>;
  nameOfWord: Map<string, string>;
}

const spellings = new WeakMap<DescEnum, EnumSpelling>();

function spellingOf(desc: DescEnum): EnumSpelling {
  let spelling = spellings.get(desc);
  if (!spelling) {
    spelling = { wordOfName: new Map(), nameOfWord: new Map() };
    for (const value of desc.values) {
      const word = wordOf(desc, value);
      spelling.wordOfName.set(value.name, word);
      spelling.nameOfWord.set(word, value.name);
    }
    spellings.set(desc, spelling);
  }
  return spelling;
}

/** The proto name a word stands for; anything else comes back unchanged for the proto reader to judge. */
export function enumNameOf(desc: DescEnum, value: string): string {
  return spellingOf(desc).nameOfWord.get(value) ?? value;
}

/**
 * Adds the values a refused enum accepts to an error that names the enum
 * (`"reviw" is not a value of enum mitosis.v1.TaskKind`), in the dialect's spelling.
 */
export function withEnumChoices(message: string, registry: Registry, dialect: Dialect): string {
  const typeName = /is not a value of enum ([\w.]+)/.exec(message)?.[1];
  const desc = typeName === undefined ? undefined : registry.getEnum(typeName);
  if (!desc) return message;
  const values = desc.values.filter((v) => v.number !== 0);
  const choices = dialect === "docs" ? values.map((v) => wordOf(desc, v)) : values.map((v) => v.name);
  return `${message}; use one of: ${choices.join(", ")}`;
}

/** Rewrites a request body in the docs dialect into proto JSON of `schema`. */
export function requestFromDocs(schema: DescMessage, json: JsonValue): JsonValue {
  return mapEnums(schema, json, (desc, value) => (typeof value === "string" ? enumNameOf(desc, value) : value));
}

/** Rewrites proto JSON of `schema` into the docs dialect. */
export function responseToDocs(schema: DescMessage, json: JsonValue): JsonValue {
  return mapEnums(schema, json, (desc, value) => (typeof value === "string" ? (spellingOf(desc).wordOfName.get(value) ?? value) : value));
}

/**
 * The docs' name for a query parameter: `limit` for `page_size`, the singular for a repeated
 * field (`status` for `statuses`); undefined when the docs have no other name for it.
 */
export function docsParameterName(field: DescField, message: DescMessage): string | undefined {
  let alias: string | undefined;
  if (field.name === "page_size") alias = "limit";
  else if (field.fieldKind === "list" && field.name.endsWith("es") && field.name.length > 3) {
    alias = field.name.endsWith("ses") ? field.name.slice(0, -2) : field.name.slice(0, -1);
  } else if (field.fieldKind === "list" && field.name.endsWith("s")) alias = field.name.slice(0, -1);
  // Never shadow a real field of the message.
  if (alias === undefined || message.fields.some((f) => f.name === alias || f.jsonName === alias)) return undefined;
  return alias;
}

/** Applies `rewrite` to every enum value in `json`, which is (or should be) proto JSON of `schema`. */
function mapEnums(schema: DescMessage, json: JsonValue, rewrite: (desc: DescEnum, value: JsonValue) => JsonValue): JsonValue {
  if (json === null || typeof json !== "object" || Array.isArray(json) || isWellKnown(schema)) return json;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(json)) {
    const field = schema.fields.find((f) => f.jsonName === key || f.name === key);
    out[key] = field && value !== undefined ? mapField(field, value, rewrite) : value;
  }
  return out;
}

function mapField(field: DescField, value: JsonValue, rewrite: (desc: DescEnum, value: JsonValue) => JsonValue): JsonValue {
  switch (field.fieldKind) {
    case "enum":
      return rewrite(field.enum, value);
    case "message":
      return mapEnums(field.message, value, rewrite);
    case "list":
      if (!Array.isArray(value) || field.listKind === "scalar") return value;
      return field.listKind === "enum" ? value.map((v) => rewrite(field.enum, v)) : value.map((v) => mapEnums(field.message, v, rewrite));
    case "map": {
      if (value === null || typeof value !== "object" || Array.isArray(value) || field.mapKind === "scalar") return value;
      const entries = Object.entries(value).map(([k, v]) => [
        k,
        field.mapKind === "enum" ? rewrite(field.enum, v as JsonValue) : mapEnums(field.message, v as JsonValue, rewrite),
      ]);
      return Object.fromEntries(entries);
    }
    default:
      return value;
  }
}

/** Well-known types have their own JSON forms, with no enum words in them. */
function isWellKnown(schema: DescMessage): boolean {
  return schema.file.name.startsWith("google/protobuf/");
}
