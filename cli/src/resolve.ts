/**
 * Which command an argv names: the longest run of leading words that is a command name
 * (`offices settings set` before `offices settings`), with group aliases (`colonies` =
 * `offices`); or which help to show (`mi help tasks`, `mi tasks create --help`).
 */
import { UsageError } from "./exit.js";
import { commandNames, type Registry } from "./registry.js";
import type { Command, GroupSpec } from "./spec.js";
import { closest } from "./suggest.js";

/** What to do with an argv. */
export type Target =
  /** Print help for the topic (all of mi when undefined) and exit 0. */
  | { kind: "help"; topic: Command | GroupSpec | undefined }
  /** Run the command with the words after its name. */
  | { kind: "command"; command: Command; tokens: string[] }
  /** A group without a command (`mi tasks`): its help on stderr, exit 2. `typed` is the word used (`colonies`). */
  | { kind: "group"; group: GroupSpec; typed: string };

/** Resolves `argv`; unknown commands and leading flags are usage errors. */
export function resolve(argv: readonly string[], registry: Registry): Target {
  const [first] = argv;
  if (first === undefined) return { kind: "help", topic: undefined };
  if (first === "help") return { kind: "help", topic: helpTopic(argv.slice(1), registry) };
  const words = leadingWords(argv);
  if (words.length === 0) {
    if (asksForHelp(argv)) return { kind: "help", topic: undefined };
    const hint = first === "-v" ? " Print the version with mi --version." : " Put flags after the command: mi offices list --json.";
    throw new UsageError(`Unknown option ${first}.${hint}`);
  }
  const found = findCommand(words, registry);
  if (found !== undefined) {
    const tokens = argv.slice(found.length);
    return asksForHelp(tokens) ? { kind: "help", topic: found.command } : { kind: "command", command: found.command, tokens };
  }
  const group = findGroup(words[0] ?? "", registry);
  if (group === undefined) throw unknownCommand(words[0] ?? "", topLevelNames(registry), undefined);
  if (words.length === 1) return asksForHelp(argv) ? { kind: "help", topic: group } : { kind: "group", group, typed: words[0] ?? "" };
  throw unknownCommand(`${words[0]} ${words[1]}`, groupCommandNames(group, registry, words[0] ?? ""), words[0]);
}

/** `mi help`, `mi help tasks`, `mi help colonies create`. */
function helpTopic(words: readonly string[], registry: Registry): Command | GroupSpec | undefined {
  if (words.length === 0) return undefined;
  const found = findCommand(words, registry);
  if (found !== undefined && found.length === words.length) return found.command;
  const group = findGroup(words[0] ?? "", registry);
  if (group !== undefined && words.length === 1) return group;
  const what = words.join(" ");
  throw group === undefined
    ? unknownCommand(what, topLevelNames(registry), undefined)
    : unknownCommand(what, groupCommandNames(group, registry, words[0] ?? ""), words[0]);
}

/** The words before the first flag: `offices settings set X` of `offices settings set X --json`. */
function leadingWords(argv: readonly string[]): string[] {
  const end = argv.findIndex((a) => a.startsWith("-"));
  return argv.slice(0, end === -1 ? argv.length : end);
}

/** `-h` or `--help` among the flags (not after `--`, where it would be a value). */
function asksForHelp(tokens: readonly string[]): boolean {
  const end = tokens.indexOf("--");
  return tokens.slice(0, end === -1 ? tokens.length : end).some((t) => t === "--help" || t === "-h");
}

function findCommand(words: readonly string[], registry: Registry): { command: Command; length: number } | undefined {
  for (let n = Math.min(words.length, 3); n > 0; n--) {
    const name = words.slice(0, n).join(" ");
    const command = registry.commands.find((c) => commandNames(c, registry).includes(name));
    if (command !== undefined) return { command, length: n };
  }
  return undefined;
}

function findGroup(word: string, registry: Registry): GroupSpec | undefined {
  return registry.groups.find((g) => g.name === word || (g.aliases ?? []).includes(word));
}

function topLevelNames(registry: Registry): string[] {
  const single = registry.commands.filter((c) => !c.name.includes(" ")).map((c) => c.name);
  return [...single, ...registry.groups.flatMap((g) => [g.name, ...(g.aliases ?? [])]), "help"];
}

/** Full names of a group's commands as typed with `typed` (`colonies list`, ...), for suggestions. */
function groupCommandNames(group: GroupSpec, registry: Registry, typed: string): string[] {
  return registry.commands
    .filter((c) => c.name.startsWith(`${group.name} `))
    .flatMap((c) => commandNames(c, registry))
    .filter((n) => n.startsWith(`${typed} `));
}

function unknownCommand(what: string, candidates: string[], group: string | undefined): UsageError {
  const guess = closest(what, candidates);
  return new UsageError(`Unknown command "${what}".${guess === undefined ? "" : ` Did you mean mi ${guess}?`}`, group);
}
