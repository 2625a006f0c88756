/**
 * Shared steps for path and query parameters: convert the strings for the
 * target field, merge them into the request message, and turn failures into
 * 400s that name the parameter.
 */
import { mergeFromJson, type DescField, type DescMessage, type JsonValue, type Message, type Registry } from "@bufbuild/protobuf";
import type { Dialect } from "./dialect.js";
import { paramJson } from "./param-value.js";
import { RestRequestError } from "./status.js";

/** Converts parameter strings to JSON for the leaf field, reporting failures as 400s. */
export function paramJsonOrThrow(fields: readonly DescField[], values: string[], what: string, dialect: Dialect): JsonValue {
  try {
    return paramJson(fields[fields.length - 1]!, values, dialect);
  } catch (e) {
    throw new RestRequestError(`invalid value for ${what}: ${errorText(e)}`);
  }
}

/** Merges a JSON patch into the message, reporting failures as 400s that name the parameter. */
export function mergeOrThrow(
  schema: DescMessage,
  message: Message,
  patch: JsonValue,
  registry: Registry,
  what: string,
  value: string,
): Message {
  try {
    return mergeFromJson(schema, message, patch, { registry });
  } catch (e) {
    throw new RestRequestError(`invalid value ${JSON.stringify(value)} for ${what}: ${errorText(e)}`);
  }
}

/** Why protobuf-es refused a JSON value, without its "cannot decode ... from JSON" preamble. */
export function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  let m = /^cannot decode field [\w.]+ from JSON: (.*)$/s.exec(message);
  if (m) {
    return m[1]!;
  }
  m = /^cannot decode enum ([\w.]+) from JSON: (.*)$/s.exec(message);
  if (m) {
    return `${m[2]} is not a value of enum ${m[1]}`;
  }
  m = /^cannot decode message ([\w.]+) from JSON: key "(.*)" is unknown$/s.exec(message);
  if (m) {
    return `unknown field "${m[2]}" in ${m[1]}`;
  }
  m = /^cannot decode message ([\w.]+) from JSON: (.*)$/s.exec(message);
  if (m) {
    return `expected ${m[1]} in its JSON form: ${m[2]}`;
  }
  return message;
}
