import type { DescEnum, DescEnumValue } from "@bufbuild/protobuf";

/** Two-way map between a proto enum and the words the domain and the docs use. */
export interface EnumWords<E extends number, W extends string> {
  /** The word of a value; undefined for 0 (unspecified) and values the schema does not know. */
  word(value: E): W | undefined;
  /** The value of a word. */
  value(word: W): E;
  /** Every word, in declaration order (unspecified left out). */
  words: W[];
}

/**
 * The words of an enum, read from its descriptor: each value's name without the enum's shared
 * prefix, lowercased (`TASK_STATUS_QUEUED` -> `queued`), as the SDK spells them.
 */
export function enumWords<E extends number, W extends string>(schema: DescEnum): EnumWords<E, W> {
  const toWord = new Map<number, W>();
  const toValue = new Map<string, E>();
  for (const v of schema.values) {
    if (v.number === 0) continue;
    const word = wordOf(schema, v) as W;
    toWord.set(v.number, word);
    toValue.set(word, v.number as E);
  }
  return {
    word: (value) => toWord.get(value),
    value: (word) => {
      const value = toValue.get(word);
      if (value === undefined) throw new Error(`${schema.typeName} has no value for "${word}"`);
      return value;
    },
    words: [...toValue.keys()] as W[],
  };
}

/**
 * Enums the docs spell capitalized, as Kubernetes spells pod phases (`{ phase: 'Running' }`);
 * every other enum's words are lowercase.
 */
const CAPITALIZED = new Set(["mitosis.v1.AgentPhase"]);

/** The docs' word for one value: its name without the enum's shared prefix, lowercased (or capitalized, see above). */
export function wordOf(schema: DescEnum, value: DescEnumValue): string {
  const name = value.name.toLowerCase();
  const prefix = (schema.sharedPrefix ?? "").toLowerCase();
  const word = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return CAPITALIZED.has(schema.typeName) ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}
