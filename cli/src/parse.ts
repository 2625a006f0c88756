/**
 * Reads a command's arguments (the words after its name) against its declaration: flags by
 * any of their spellings (`--flag value` or `--flag=value`), positionals in order, values
 * converted by type and kept exactly as typed otherwise (`--name 007` stays "007"). Every
 * mistake is a UsageError (exit 2) that names the flag the way the user wrote it. Pure: no
 * I/O, so every command's parsing is tested in-process.
 */
import { UsageError } from "./exit.js";
import { commandFlags, displayFlag, kebab, placeholder, spellings } from "./flags.js";
import { FIELD_LIST, parseFields } from "./json-fields.js";
import type { ArgSpec, Command, FlagSpec, Input, JsonSelection, ListItem } from "./spec.js";
import { closest } from "./suggest.js";
import { usageLine } from "./usage.js";

/** What was typed for one flag: the spelling used last and its values (all of them, for lists). */
interface Given {
  spelled: string;
  values: string[];
}

/** Parses `tokens` (the argv after the command's words) for `cmd`. */
export function parseCommand(cmd: Command, tokens: readonly string[]): Input {
  const flags = commandFlags(cmd);
  const bySpelling = new Map<string, string>();
  for (const [key, spec] of Object.entries(flags)) for (const s of spellings(key, spec)) bySpelling.set(s, key);

  const given = new Map<string, Given>();
  const positionals: string[] = [];
  let json: JsonSelection | undefined;
  let jsonWord: { text: string; at: number } | undefined;
  let onlyPositionals = false;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    if (onlyPositionals || !isFlag(token)) {
      positionals.push(token);
      continue;
    }
    if (token === "--") {
      onlyPositionals = true;
      continue;
    }
    const eq = token.indexOf("=");
    const spelled = eq === -1 ? token : token.slice(0, eq);
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    if (spelled === "--json" && cmd.json !== undefined) {
      const next = tokens[i + 1];
      json = { fields: inline === undefined ? undefined : parseFields(inline, cmd) };
      jsonWord = undefined;
      // `--json id,title` takes the next word when it reads as a field list; `--json` alone means every field.
      if (inline === undefined && next !== undefined && FIELD_LIST.test(next)) {
        jsonWord = { text: next, at: positionals.length };
        i++;
      }
      continue;
    }
    const key = bySpelling.get(spelled);
    if (key === undefined) throw unknownOption(spelled, cmd, bySpelling.keys());
    const spec = flags[key] as FlagSpec;
    let value = inline;
    if (value === undefined && spec.type === "switch") value = "true";
    if (value === undefined) {
      const next = tokens[i + 1];
      if (next === undefined || isFlag(next)) throw needsValue(spelled, key, spec, cmd);
      value = next;
      i++;
    }
    const before = spec.type === "list" ? (given.get(key)?.values ?? []) : [];
    given.set(key, { spelled, values: [...before, value] });
  }

  if (jsonWord !== undefined) json = jsonFieldsOrPositional(cmd, jsonWord, positionals, given.has("office"));
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
 * `mi tasks get <officeId> 1` names the office too.
 */
function assignPositionals(cmd: Command, positionals: string[], officeFlag: Given | undefined): Record<string, unknown> {
  const specs = Object.entries(cmd.args);
  const required = specs.filter(([, a]) => a.type !== "office" && !a.optional).length;
  let surplus = positionals.length - required;
  let next = 0;
  const args: Record<string, unknown> = {};
  for (const [name, a] of specs) {
    if (a.type === "office" || a.optional) {
      if (surplus > 0) {
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
