/**
 * Reads a command's arguments (the words after its name) against its declaration. cac reads
 * the words: which are flags, which value goes with which flag, repeated flags, positionals,
 * `--`. This module builds the cac command from the spec, and turns cac's result into the
 * spec's values: converted by type and kept exactly as typed otherwise (`--name 007` stays
 * "007"), every mistake a UsageError (exit 2) that names the flag the way the user wrote it.
 * Pure: no I/O, so every command's parsing is tested in-process.
 */
import { type CAC, cac } from "cac";
import { UsageError } from "./exit.js";
import { commandFlags, displayFlag, kebab, placeholder, spellings } from "./flags.js";
import { FIELD_LIST, parseFields } from "./json-fields.js";
import type { ArgSpec, Command, FlagSpec, FlagSpecs, Input, JsonSelection, ListItem } from "./spec.js";
import { closest } from "./suggest.js";
import { usageLine } from "./usage.js";

/** What was typed for one flag: the spelling used last and its values (all of them, for lists). */
interface Given {
  spelled: string;
  values: string[];
}

/**
 * Prefix of every word given to cac as typed (values and positionals), so that mri, the reader
 * inside cac, takes it as text: unmarked, it turns number-like words into numbers (`007` -> 7,
 * `""` -> 0) and never takes a word that starts with "-" as a value (`--priority -1`,
 * `--label -`). No command line can contain NUL, so no typed word starts with it.
 */
const TEXT = "\u0000";
/** Prefix of the word after `--json` that reads as a field list: a positional for cac, tagged (see {@link prepare}). */
const FIELD_WORD = "\u0001";

/** What {@link prepare} hands to cac and keeps aside. */
interface Prepared {
  /** The words for cac. */
  words: string[];
  /** Each flag in the order typed: its key, and the spelling used. */
  flags: { key: string; spelled: string }[];
  /** How the last `--json` was given; "word" when a word after it may be its field list. */
  json: JsonSelection | "word" | undefined;
}

/** Parses `tokens` (the argv after the command's words) for `cmd`. */
export function parseCommand(cmd: Command, tokens: readonly string[]): Input {
  const flags = commandFlags(cmd);
  const prepared = prepare(cmd, flags, tokens);
  const parsed = cacCommand(cmd, flags).parse(["node", "mi", cmd.name, ...prepared.words], { run: false });

  // Each flag as typed, in order, with its value from cac's result, which keeps a flag's values in that order.
  const given = new Map<string, Given>();
  const counts = new Map<string, number>();
  for (const { key, spelled } of prepared.flags) {
    const spec = flags[key] as FlagSpec;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    const value: unknown = [parsed.options[key]].flat()[n];
    // A flag with no word after it (at the end, or before another flag) is `true` in cac's result.
    if (typeof value !== "string") throw needsValue(spelled, key, spec, cmd);
    const before = spec.type === "list" ? (given.get(key)?.values ?? []) : [];
    given.set(key, { spelled, values: [...before, value.slice(TEXT.length)] });
  }

  // cac's positionals, then the words after `--`, which cac sets apart untouched.
  const positionals: string[] = [];
  let jsonWord: { text: string; at: number } | undefined;
  for (const word of parsed.args) {
    // Only the last --json's word counts; an earlier one went with a --json that a later one overrode.
    if (word.startsWith(FIELD_WORD)) jsonWord = { text: word.slice(FIELD_WORD.length), at: positionals.length };
    else positionals.push(word.slice(TEXT.length));
  }
  positionals.push(...(parsed.options["--"] as string[]));
  const json =
    prepared.json === "word" ? jsonWord && jsonFieldsOrPositional(cmd, jsonWord, positionals, given.has("office")) : prepared.json;
  const args = assignPositionals(cmd, positionals, given.get("office"));
  given.delete("office");
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(cmd.flags)) {
    const g = given.get(key);
    if (g === undefined) {
      if (spec.required) throw new UsageError(`Missing ${displayFlag(key, spec)}.\nUsage: ${usageLine(cmd)}`, cmd.name);
      if (spec.type === "switch") values[key] = false;
      continue;
    }
    values[key] = convertFlag(spec, g, key, cmd);
  }
  const input = { args, flags: values, json } as Input;
  cmd.check?.(input);
  return input;
}

/**
 * The command as cac sees it: its name (one word for cac, which matches commands on the first
 * word only) and each flag under its key, taking a value; {@link prepare} gives every flag
 * that spelling, and switches their value inline. `--json` is a boolean to cac: its field
 * list is sorted out by {@link prepare}, since the word after it may be a positional.
 */
function cacCommand(cmd: Command, flags: FlagSpecs): CAC {
  const cli = cac("mi");
  const command = cli.command(cmd.name, cmd.summary);
  for (const [key, spec] of Object.entries(flags)) command.option(`--${key} <${spec.value ?? kebab(key)}>`, spec.summary);
  if (cmd.json !== undefined) command.option("--json", "Print JSON");
  return cli;
}

/**
 * The words for cac, with what cac would lose kept aside. cac camelCases flag names, so all
 * spellings of a flag (`--depends-on`, `--dependsOn`) would land on one key, where only one
 * spelling's values survive and the spelling typed is gone. So each flag is handed over under
 * its key and its spelling kept (for messages); an unknown flag is a usage error here, where
 * its spelling is known. Typed words get the {@link TEXT} mark, inline values too. A switch
 * takes no word after it: alone it gets `=true`, so every flag reaches cac with a value.
 * `--json id,title` takes the next word when it reads as a field list; cac gets `--json` and
 * that word, tagged, among the positionals, so it can still be given back to a positional
 * argument that lacks it ({@link jsonFieldsOrPositional}). Words after `--` go through as typed.
 */
function prepare(cmd: Command, flags: FlagSpecs, tokens: readonly string[]): Prepared {
  const bySpelling = new Map<string, string>();
  for (const [key, spec] of Object.entries(flags)) for (const s of spellings(key, spec)) bySpelling.set(s, key);
  const prepared: Prepared = { words: [], flags: [], json: undefined };
  const words = prepared.words;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    if (token === "--") {
      words.push(...tokens.slice(i));
      break;
    }
    if (!isFlag(token)) {
      words.push(TEXT + token);
      continue;
    }
    const eq = token.indexOf("=");
    const spelled = eq === -1 ? token : token.slice(0, eq);
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    if (spelled === "--json" && cmd.json !== undefined) {
      const next = tokens[i + 1];
      words.push("--json");
      prepared.json = { fields: inline === undefined ? undefined : parseFields(inline, cmd) };
      if (inline === undefined && next !== undefined && FIELD_LIST.test(next)) {
        prepared.json = "word";
        words.push(FIELD_WORD + next);
        i++;
      }
      continue;
    }
    const key = bySpelling.get(spelled);
    if (key === undefined) throw unknownOption(spelled, cmd, bySpelling.keys());
    prepared.flags.push({ key, spelled });
    const value = inline ?? (flags[key]?.type === "switch" ? "true" : undefined);
    words.push(value === undefined ? `--${key}` : `--${key}=${TEXT}${value}`);
  }
  return prepared;
}

/** A token that names a flag: `--x`, `-x`; not `-` (stdin, by convention) nor a negative number. */
function isFlag(token: string): boolean {
  return token.startsWith("-") && token !== "-" && !/^-\d/.test(token);
}

/**
 * The word after `--json` was taken as a field list. If it is not one and the command still
 * lacks a positional (`mi tasks comment 1 --json LGTM`), it was that positional after all.
 */
function jsonFieldsOrPositional(
  cmd: Command,
  word: { text: string; at: number },
  positionals: string[],
  officeFlag: boolean,
): JsonSelection {
  const names = word.text.split(",").filter((n) => n !== "");
  const known = names.every((n) => cmd.json?.includes(n));
  // The office is needed as a positional unless --office/--colony gave it.
  const needed = Object.values(cmd.args).filter((a) => (a.type === "office" ? !officeFlag : !a.optional)).length;
  if (!known && positionals.length < needed) {
    positionals.splice(word.at, 0, word.text);
    return { fields: undefined };
  }
  return { fields: parseFields(word.text, cmd) };
}

/**
 * Gives positionals to arguments in order. Optional ones (the office first of all) only take
 * a value when there are more values than required arguments: `mi tasks get 1` is task 1,
 * `mi tasks get <officeId> 1` names the office too. With `--office` given, the office comes
 * last in line: `mi files push --colony <id> ./a.md docs/a.md` gives the optional remote path
 * its value, and only a value beyond every other argument can be the office.
 */
function assignPositionals(cmd: Command, positionals: string[], officeFlag: Given | undefined): Record<string, unknown> {
  const specs = Object.entries(cmd.args);
  const required = specs.filter(([, a]) => a.type !== "office" && !a.optional).length;
  const others = specs.filter(([, a]) => a.type !== "office").length;
  // A rest argument takes every word left, so with --office none of them can be the office.
  const rest = specs.some(([, a]) => a.type === "rest");
  let surplus = positionals.length - required;
  let next = 0;
  const args: Record<string, unknown> = {};
  for (const [name, a] of specs) {
    if (a.type === "rest") {
      const values = positionals.slice(next);
      if (values.length === 0) throw new UsageError(`Missing argument <${name}...>.\nUsage: ${usageLine(cmd)}`, cmd.name);
      args[name] = values;
      next = positionals.length;
      continue;
    }
    if (a.type === "office" || a.optional) {
      const takes = a.type === "office" && officeFlag !== undefined ? !rest && positionals.length > others : surplus > 0;
      if (takes) {
        args[name] = positionals[next++];
        surplus--;
      }
      if (a.type === "office") args[name] = resolveOffice(args[name] as string | undefined, officeFlag, cmd);
      else if (args[name] !== undefined) args[name] = convertArg(name, a, args[name] as string, cmd);
      continue;
    }
    const value = positionals[next++];
    if (value === undefined) throw new UsageError(`Missing argument <${name}>.\nUsage: ${usageLine(cmd)}`, cmd.name);
    args[name] = convertArg(name, a, value, cmd);
  }
  const extra = positionals.slice(next);
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument${extra.length > 1 ? "s" : ""} ${extra.map((e) => JSON.stringify(e)).join(" ")}.`, cmd.name);
  }
  return args;
}

/** The office from the first positional or `--office`/`--colony`; both may be given only if they agree. */
function resolveOffice(positional: string | undefined, flag: Given | undefined, cmd: Command): string {
  const fromFlag = flag?.values.at(-1);
  if (positional !== undefined && fromFlag !== undefined && positional !== fromFlag) {
    throw new UsageError(`Conflicting office ids: ${positional} and ${flag?.spelled} ${fromFlag}.`, cmd.name);
  }
  const id = positional ?? fromFlag;
  if (id === undefined || id === "") {
    throw new UsageError("Missing office id: pass <officeId> or --office <officeId> (alias --colony).", cmd.name);
  }
  return id;
}

function convertArg(name: string, a: ArgSpec, value: string, cmd: Command): unknown {
  if (a.type !== "integer") return value;
  const label = `The ${kebab(name).replace(/-/g, " ")}`;
  return integer(
    value,
    a.min,
    () => new UsageError(`${label} must be ${a.what ?? wholeNumber(a.min)}; got ${JSON.stringify(value)}.`, cmd.name),
  );
}

function convertFlag(spec: FlagSpec, g: Given, key: string, cmd: Command): unknown {
  const text = g.values.at(-1) ?? "";
  const invalid = (what: string, got = text) => new UsageError(`${g.spelled} must be ${what}; got ${JSON.stringify(got)}.`, cmd.name);
  switch (spec.type) {
    case "switch":
    case "boolean": {
      const word = truth(text);
      if (word === undefined) throw invalid("true or false");
      return word;
    }
    case "string":
      if (text === "" && !spec.empty) throw needsValue(g.spelled, key, spec, cmd);
      return text;
    case "integer":
      return integer(text, spec.min, () => invalid(spec.what ?? wholeNumber(spec.min)));
    case "enum":
      return word(text, spec.values, () => invalid(`one of ${spec.values.join(", ")}`));
    case "list": {
      const raw = g.values.join(",");
      const items = [...new Set(raw.split(",").map((s) => s.trim()))].filter((s) => s !== "");
      if (items.length === 0) throw needsValue(g.spelled, key, spec, cmd);
      return items.map((item) => listItem(spec.of, item, spec.min, () => invalid(spec.what ?? listWhat(spec.of, spec.min), item)));
    }
  }
}

function listItem(of: ListItem, item: string, min: number | undefined, invalid: () => UsageError): unknown {
  if (of === "string") return item;
  if (of === "integer") return integer(item, min, invalid);
  return word(item, of, invalid);
}

function listWhat(of: ListItem, min: number | undefined): string {
  if (of === "string") return "a comma-separated list";
  if (of === "integer") return `${wholeNumber(min).replace(/^a /, "")}s separated by commas`;
  return `one of ${of.join(", ")} (comma-separated)`;
}

function wholeNumber(min: number | undefined): string {
  return min === undefined ? "a whole number" : `a whole number of at least ${min}`;
}

function integer(text: string, min: number | undefined, invalid: () => UsageError): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || (min !== undefined && n < min)) throw invalid();
  return n;
}

function word(text: string, words: readonly string[], invalid: () => UsageError): string {
  const w = text.trim().toLowerCase();
  if (!words.includes(w)) throw invalid();
  return w;
}

function truth(text: string): boolean | undefined {
  const w = text.trim().toLowerCase();
  if (["true", "yes", "1"].includes(w)) return true;
  if (["false", "no", "0"].includes(w)) return false;
  return undefined;
}

function needsValue(spelled: string, key: string, spec: FlagSpec, cmd: Command): UsageError {
  return new UsageError(
    `Option ${spelled}${placeholder(key, spec)} needs a value (write ${spelled}=<value> for one that starts with -).`,
    cmd.name,
  );
}

function unknownOption(spelled: string, cmd: Command, known: Iterable<string>): UsageError {
  const guess = closest(spelled, known);
  return new UsageError(`Unknown option \`${spelled}\`.${guess === undefined ? "" : ` Did you mean ${guess}?`}`, cmd.name);
}
