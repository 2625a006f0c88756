/**
 * The words of `mi env set`: `KEY=value` pairs, and with --secret `KEY` alone or `KEY=-` for a
 * value read from stdin or a hidden prompt, so secrets stay out of argv and shell history.
 * Pure parsing here (usage errors before anything is sent); reading the values is in env.ts.
 */
import { UsageError } from "../exit.js";

/** The word that stands for "read the value from stdin or the prompt". */
export const FROM_INPUT = "-";

/**
 * Variable names as the server (and the SDK's `envKey`) accept them: letters, digits and '_',
 * not starting with a digit. Written out here, not imported, so usage errors never load the SDK.
 */
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_KEY_LENGTH = 256;
/** Names the platform sets for every agent; the server refuses them. */
const RESERVED_PREFIX = "MI_";

/** One pair to set: a value given, or one to read (`value` undefined). */
export interface EnvAssignment {
  key: string;
  value: string | undefined;
}

/**
 * Parses the `KEY=value` words. The value is everything after the first `=` (it may contain
 * `=` or be empty). With `secret`, `KEY` alone or `KEY=-` asks for the value; without it
 * `KEY` alone is a mistake and `KEY=-` is the literal value "-". A key may appear once.
 */
export function parseAssignments(words: readonly string[], secret: boolean, usage = "env set"): EnvAssignment[] {
  const seen = new Set<string>();
  return words.map((word) => {
    const eq = word.indexOf("=");
    const key = eq === -1 ? word : word.slice(0, eq);
    checkEnvKey(key, usage, { set: true });
    if (seen.has(key)) throw new UsageError(`${key} is given twice.`, usage);
    seen.add(key);
    if (eq === -1) {
      if (!secret) {
        throw new UsageError(`${key} needs a value: write ${key}=value, or pass --secret to be asked for it (or pipe it to stdin).`, usage);
      }
      return { key, value: undefined };
    }
    const value = word.slice(eq + 1);
    return { key, value: secret && value === FROM_INPUT ? undefined : value };
  });
}

/** A name the server would refuse is a usage error, named as typed; reserved names only fail sets. */
export function checkEnvKey(key: string, usage: string, options: { set?: boolean } = {}): void {
  if (!ENV_KEY.test(key) || key.length > MAX_KEY_LENGTH) {
    throw new UsageError(
      `Invalid variable name ${JSON.stringify(key)}: it must start with a letter or '_' and contain only letters, digits and '_' ` +
        `(at most ${MAX_KEY_LENGTH} characters).`,
      usage,
    );
  }
  if (options.set && key.startsWith(RESERVED_PREFIX)) {
    throw new UsageError(`${key} is reserved: variables starting with ${RESERVED_PREFIX} are set by the platform for every agent.`, usage);
  }
}

/**
 * A value piped to stdin: one trailing line break dropped (what `echo` and most files add),
 * everything else kept as sent, spaces included.
 */
export function pipedValue(text: string): string {
  return text.replace(/\r?\n$/, "");
}
