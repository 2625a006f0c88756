/**
 * Checks and conversions of caller input that must happen before a request is built:
 * docs words to enum numbers, comma lists, whole numbers. A bad value fails here with an
 * {@link InvalidArgumentError} naming the field, so nothing half-formed reaches the wire.
 */
import type { DescEnum } from "@bufbuild/protobuf";
import { InvalidArgumentError } from "./errors.js";
import { enumFromString, enumToString } from "./mapping.js";

/**
 * The docs' words of an enum, in declaration order, without `unspecified`
 * (`TaskKind` -> `['general', 'code', ...]`).
 */
export function enumWords<T extends string = string>(schema: DescEnum): T[] {
  return schema.values.filter((v) => v.number !== 0).map((v) => enumToString<T>(schema, v.number));
}

/**
 * The enum number for a docs word (the reverse of `enumToString`), case-insensitive.
 * Unknown words and `unspecified` throw an {@link InvalidArgumentError} listing the
 * accepted words, before any request is sent.
 */
export function enumFromWord(schema: DescEnum, word: string, field: string): number {
  const value = typeof word === "string" ? enumFromString(schema, word.trim()) : undefined;
  if (value === undefined || value === 0) {
    throw invalidArgument(field, `must be one of ${enumWords(schema).join(", ")}; got ${JSON.stringify(word)}`);
  }
  return value;
}

/**
 * Splits the docs' comma lists (`'queued,running'`) or takes an array as is; blanks are
 * dropped and surrounding spaces trimmed. `undefined` stays `[]`.
 */
export function listOf(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = typeof value === "string" ? value.split(",") : [...value];
  return items.map((item) => (typeof item === "string" ? item.trim() : item)).filter((item) => item !== "");
}

/**
 * A whole number within `[min, max]`, as given or from a decimal string; anything else
 * throws an {@link InvalidArgumentError} for `field`.
 */
export function wholeNumber(value: number | string, field: string, range: { min?: number; max?: number } = {}): number {
  const n = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = range;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min || n > max) {
    const bounds = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw invalidArgument(field, `must be a whole number ${bounds}; got ${JSON.stringify(value)}`);
  }
  return n;
}

/** The SDK's own validation error: same class and shape as the server's 400s. */
export function invalidArgument(field: string, problem: string): InvalidArgumentError {
  return new InvalidArgumentError(`${field} ${problem}.`, {
    code: "invalid_argument",
    status: 400,
    violations: [{ field, message: problem }],
  });
}
