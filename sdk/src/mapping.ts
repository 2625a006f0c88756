/**
 * Translation from generated protobuf shapes to the plain objects the docs describe:
 * enums become the docs' words (lowercase, agent phases capitalized), timestamps become ISO strings.
 */
import type { DescEnum } from "@bufbuild/protobuf";
import type { Timestamp } from "@bufbuild/protobuf/wkt";

/**
 * Enums the docs spell capitalized, as Kubernetes spells pod phases (`{ phase: 'Running' }`);
 * every other enum's words are lowercase. The server's REST words follow the same rule.
 */
const CAPITALIZED: ReadonlySet<string> = new Set(["mitosis.v1.AgentPhase"]);

/**
 * Maps a protobuf enum value to the docs' word for it: the enum's shared prefix is
 * stripped and the rest lowercased (`OFFICE_STATE_ACTIVE` -> `active`), or capitalized
 * for the enums the docs write so (`AGENT_PHASE_RUNNING` -> `Running`).
 * A number the schema does not know (a newer server) comes back as its decimal string,
 * so callers see it instead of a silent wrong word.
 */
export function enumToString<T extends string = string>(schema: DescEnum, value: number): T {
  const desc = schema.value[value];
  if (desc === undefined) return String(value) as T;
  const prefix = enumPrefix(schema);
  const name = desc.name.toLowerCase();
  const word = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return (CAPITALIZED.has(schema.typeName) ? capitalized(word) : word) as T;
}

/** `running` -> `Running`. */
function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The inverse of {@link enumToString}: the enum number for a docs word, in any case
 * (`active` -> `OFFICE_STATE_ACTIVE`'s number), or undefined if the word is unknown.
 */
export function enumFromString(schema: DescEnum, word: string): number | undefined {
  const wanted = (enumPrefix(schema) + word).toLowerCase();
  return schema.values.find((v) => v.name.toLowerCase() === wanted)?.number;
}

/** The lowercase prefix all values share, derived from the enum's name when protobuf-es found none. */
function enumPrefix(schema: DescEnum): string {
  if (schema.sharedPrefix) return schema.sharedPrefix.toLowerCase();
  // Style guide prefix: FooBar -> foo_bar_
  return schema.name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase() + "_";
}

/**
 * Converts a protobuf Timestamp to an ISO 8601 string (UTC, milliseconds), or null when
 * the field is unset. Sub-millisecond digits are cut, not rounded, so a time never shows
 * as later than it was (59.9999996 s stays in the same second).
 */
export function timestampToIso(ts: Timestamp | undefined): string | null {
  if (ts === undefined) return null;
  return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1_000_000)).toISOString();
}

/**
 * Returns a field the server must always send; throws a clear error if it did not,
 * so a server bug never turns into an empty value downstream.
 */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) {
    throw new Error(`The server response is missing ${field}; the server and SDK versions may not match.`);
  }
  return value;
}
