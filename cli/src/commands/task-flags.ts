/**
 * Arguments the `mi tasks` commands share: the office (positional or `--office`/`--colony`)
 * ahead of the task id, task numbers, and the docs' word and list values. Bad values are
 * usage errors (exit 2), checked against the SDK's own word lists and parsers.
 */
import type { CAC, Command } from "cac";
import { InvalidArgumentError } from "../sdk.js";
import { stringFlag, type CommandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../exit.js";

/** Every `mi tasks` command is `tasks <sub>`; usage hints name it the same way. */
export function taskCommand(cli: CAC, sub: string, args: string, description: string): Command {
  return cli.command(`tasks ${sub}${args ? ` ${args}` : ""}`, description);
}

/**
 * Splits a command's positionals when its first one is an optional `[officeId]`: with one
 * more value than `required`, the first is the office (the docs' `mi tasks get <colonyId>
 * <taskId>`); otherwise the office comes from `--office`/`--colony`.
 */
export function officeAndArgs(
  ctx: CommandContext,
  values: (string | undefined)[],
  required: number,
  options: GlobalOptions,
  usage: string,
): { officeId: string; args: string[] } {
  const given = values.filter((v): v is string => v !== undefined);
  const positionalOffice = given.length > required ? given.shift() : undefined;
  return { officeId: ctx.officeId(positionalOffice, options, usage), args: given };
}

/** The positional task number (`mi tasks get --colony <id> 1`), or a usage error. */
export function taskIdArg(value: string | undefined, usage: string): number {
  return taskNumber(value ?? "", "The task id", usage);
}

/** A task number given as a flag (`--parentId 1`), if given. */
export function taskIdFlag(value: unknown, flag: string, usage: string): number | undefined {
  const text = stringFlag(value, flag, usage);
  return text === undefined ? undefined : taskNumber(text, flag, usage);
}

function taskNumber(text: string, what: string, usage: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`${what} must be a task number such as 1, got ${JSON.stringify(text)}.`, usage);
  }
  return Number(text);
}

/** A flag whose value must be one of the docs' words (e.g. `--kind review`). */
export function wordFlag<T extends string>(value: unknown, words: readonly T[], flag: string, usage: string): T | undefined {
  const text = stringFlag(value, flag, usage);
  if (text === undefined) return undefined;
  const word = text.trim().toLowerCase();
  if (!(words as readonly string[]).includes(word)) {
    throw new UsageError(`${flag} must be one of ${words.join(", ")}, got ${JSON.stringify(text)}.`, usage);
  }
  return word as T;
}

/** A comma list of the docs' words (e.g. `--status queued,running`). */
export function wordListFlag<T extends string>(value: unknown, words: readonly T[], flag: string, usage: string): T[] | undefined {
  const text = stringFlag(value, flag, usage);
  if (text === undefined) return undefined;
  return text
    .split(",")
    .filter((w) => w.trim() !== "")
    .map((w) => wordFlag(w, words, flag, usage) as T);
}

/**
 * A flag value parsed by one of the SDK's parsers (`parseTaskIds`, `parseTaskStatuses`),
 * with its InvalidArgumentError turned into a usage error that names the flag.
 */
export function parsedFlag<T>(value: unknown, parse: (value: string) => T, flag: string, usage: string): T | undefined {
  const text = stringFlag(value, flag, usage);
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch (err) {
    if (!(err instanceof InvalidArgumentError)) throw err;
    const problem = err.violations[0]?.message ?? err.message;
    throw new UsageError(`${flag} ${problem}.`, usage);
  }
}

/**
 * A text flag that may be empty on purpose (`--assignedAgent ""` unassigns); only a flag
 * given with no value at all is a usage error.
 */
export function textFlag(value: unknown, flag: string, usage: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new UsageError(`${flag} needs a value.`, usage);
  return value;
}
