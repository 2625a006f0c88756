/**
 * Argument handling that cac lacks: multi-word commands (`offices settings set`) and
 * option values kept exactly as typed.
 */
import type { Command } from "cac";

/** Result of {@link resolveCommandPath}. */
export interface ResolvedArgv {
  /** argv with the command's words joined into one token, ready for cac. */
  argv: string[];
  /** The matched command name or alias (e.g. `colonies status`), if any. */
  command: string | undefined;
  /** The leading words when nothing matched (e.g. `["offices"]`), for group help. */
  words: string[];
}

/**
 * Finds the longest run of leading words that names a command and joins it into a single
 * token, because cac matches commands on the first argument only.
 * `["colonies", "settings", "set", "ID"]` -> `["colonies settings set", "ID"]`.
 */
export function resolveCommandPath(argv: string[], names: Iterable<string>): ResolvedArgv {
  const known = new Set(names);
  let end = 0;
  while (end < argv.length && !(argv[end] ?? "").startsWith("-")) end++;
  const words = argv.slice(0, end);
  for (let n = Math.min(words.length, 4); n > 0; n--) {
    const name = words.slice(0, n).join(" ");
    if (known.has(name)) return { argv: [name, ...argv.slice(n)], command: name, words };
  }
  return { argv, command: undefined, words };
}

/**
 * Values of value-taking options exactly as typed. cac's parser turns number-like values
 * into numbers (`--name 007` would become 7), so every `<value>` option is re-read from
 * argv. The last occurrence wins. Returns camelCased option names mapped to values.
 */
export function rawOptionValues(argv: string[], commands: Command[]): Record<string, string> {
  const byFlag = new Map<string, string[]>();
  for (const command of commands) {
    for (const option of command.options) {
      if (option.isBoolean) continue;
      for (const name of option.names) byFlag.set(name, option.names);
    }
  }
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? "";
    if (token === "--") break;
    if (!token.startsWith("--")) continue;
    const eq = token.indexOf("=");
    const flag = camelCase(token.slice(2, eq === -1 ? undefined : eq));
    const names = byFlag.get(flag);
    if (names === undefined) continue;
    let value: string | undefined;
    if (eq !== -1) value = token.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1] ?? "").startsWith("-")) value = argv[++i];
    if (value === undefined) continue;
    for (const name of names) out[name] = value;
  }
  return out;
}

function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
