/**
 * How a command is declared, once: its name, help words and examples, positional arguments
 * and flags with their types, the fields `--json` may select, and the functions that run it
 * and render its result. The parser (parse.ts, which reads the words with cac), the help
 * (help.ts) and the runner (run.ts) all read this one declaration.
 */
import type { CommandContext } from "./context.js";
import type { Terminal } from "./io.js";

interface FlagCommon {
  /** One line for help. */
  summary: string;
  /** Placeholder of the value in help: `agent` in `--assigned-agent <agent>`. */
  value?: string;
  /**
   * More spellings, without dashes (`colony` for `office`). The flag's own key answers in
   * kebab-case (`--assigned-agent`, shown in help) and as written (`--assignedAgent`, the docs).
   */
  aliases?: readonly string[];
  /** One-letter form: `y` for `-y`. */
  short?: string;
  /** Parsing fails when the flag is absent. */
  required?: boolean;
}

/** Present or not: `--yes`. Also `--yes=false`. */
export interface SwitchFlag extends FlagCommon {
  type: "switch";
}

/** A value true or false (yes/no, 1/0): `--accepted false`. */
export interface BooleanFlag extends FlagCommon {
  type: "boolean";
}

/** Text kept exactly as typed (`--name 007` stays "007"); empty only with `empty`. */
export interface StringFlag extends FlagCommon {
  type: "string";
  /** `""` is a meaningful value (`--assigned-agent ""` unassigns). */
  empty?: boolean;
}

/** A whole number, at least `min` if given; `what` describes it in errors ("a task number such as 1"). */
export interface IntegerFlag extends FlagCommon {
  type: "integer";
  min?: number;
  what?: string;
}

/** One of a list of words, matched case-insensitively: `--kind review`. */
export interface EnumFlag<V extends string = string> extends FlagCommon {
  type: "enum";
  values: readonly V[];
}

/** What a list holds: text, whole numbers (at least `min`) or words of an enum. */
export type ListItem = "string" | "integer" | readonly string[];

/** Comma-separated and repeatable, gathered in order: `--status queued,running` = `--status queued --status running`. */
export interface ListFlag<I extends ListItem = ListItem> extends FlagCommon {
  type: "list";
  of: I;
  min?: number;
  what?: string;
}

export type FlagSpec = SwitchFlag | BooleanFlag | StringFlag | IntegerFlag | EnumFlag | ListFlag;
export type FlagSpecs = Record<string, FlagSpec>;

/** A flag's parsed value. */
export type FlagValue<F> = F extends { type: "switch" | "boolean" }
  ? boolean
  : F extends { type: "string" }
    ? string
    : F extends { type: "integer" }
      ? number
      : F extends { type: "enum"; values: readonly (infer V)[] }
        ? V
        : F extends { type: "list"; of: "integer" }
          ? number[]
          : F extends { type: "list"; of: "string" }
            ? string[]
            : F extends { type: "list"; of: readonly (infer V)[] }
              ? V[]
              : never;

/** Parsed flags: a switch is always known (false when absent), other flags only when given or required. */
export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F]: F[K] extends { type: "switch" } | { required: true } ? FlagValue<F[K]> : FlagValue<F[K]> | undefined;
};

/** Builders that keep a flag's literal types (`required: true`, enum words) for {@link FlagValues}. */
export const flag = {
  switch: <const O extends Omit<SwitchFlag, "type">>(o: O) => ({ type: "switch" as const, ...o }),
  boolean: <const O extends Omit<BooleanFlag, "type">>(o: O) => ({ type: "boolean" as const, ...o }),
  string: <const O extends Omit<StringFlag, "type">>(o: O) => ({ type: "string" as const, ...o }),
  integer: <const O extends Omit<IntegerFlag, "type">>(o: O) => ({ type: "integer" as const, ...o }),
  enum: <V extends string, const O extends Omit<EnumFlag, "type" | "values">>(values: readonly V[], o: O) => ({
    type: "enum" as const,
    values,
    ...o,
  }),
  list: <const I extends ListItem, const O extends Omit<ListFlag, "type" | "of">>(of: I, o: O) => ({ type: "list" as const, of, ...o }),
};

/**
 * The office a command acts on: an optional first positional (`mi tasks get <officeId> 1`)
 * or `--office`/`--colony`. Exactly one office is required; both forms may agree.
 */
export interface OfficeArg {
  type: "office";
}

/** Positional text. */
export interface StringArg {
  type: "string";
  summary: string;
  optional?: boolean;
}

/** A positional whole number, at least `min`; `what` describes it in errors. */
export interface IntegerArg {
  type: "integer";
  summary: string;
  optional?: boolean;
  min?: number;
  what?: string;
}

/**
 * Every remaining positional, at least one, in order (`mi env set --colony <id> A=1 B=2`); only
 * as the last argument. With --office given, the office never takes one of them.
 */
export interface RestArg {
  type: "rest";
  summary: string;
  optional?: never;
}

export type ArgSpec = OfficeArg | StringArg | IntegerArg | RestArg;
export type ArgSpecs = Record<string, ArgSpec>;

/** Builders for positional arguments, in the order they are written. */
export const arg = {
  office: (): OfficeArg => ({ type: "office" }),
  string: <const O extends Omit<StringArg, "type">>(o: O) => ({ type: "string" as const, ...o }),
  integer: <const O extends Omit<IntegerArg, "type">>(o: O) => ({ type: "integer" as const, ...o }),
  rest: <const O extends Omit<RestArg, "type">>(o: O) => ({ type: "rest" as const, ...o }),
};

type ArgValue<A> = A extends { type: "integer" } ? number : A extends { type: "rest" } ? string[] : string;

/** Parsed positionals: the office is always resolved; optional ones may be missing. */
export type ArgValues<A extends ArgSpecs> = {
  [K in keyof A]: A[K] extends { type: "office" } ? string : A[K] extends { optional: true } ? ArgValue<A[K]> | undefined : ArgValue<A[K]>;
};

/** `--json` was given: all fields, or the ones listed (`--json id,name`). */
export interface JsonSelection {
  fields: readonly string[] | undefined;
}

/** A parsed command line. */
export interface Input<A extends ArgSpecs = ArgSpecs, F extends FlagSpecs = FlagSpecs> {
  args: ArgValues<A>;
  flags: FlagValues<F>;
  /** Set when `--json` was given. */
  json: JsonSelection | undefined;
}

/** What a command prints for people: data for stdout, a status line (or lines) for stderr. */
export interface Rendered {
  data?: string;
  status?: string;
}

/** One command, declared once; `R` is what it returns. */
export interface CommandSpec<A extends ArgSpecs, F extends FlagSpecs, R> {
  /** Words after `mi`: `tasks create`. */
  name: string;
  /** Other full names: `offices ls`. */
  aliases?: readonly string[];
  /** One line for lists of commands. */
  summary: string;
  /** Paragraphs shown in the command's help under the summary. */
  description?: string;
  /** Whole command lines, shown in help and checked to parse (help.test.ts). */
  examples: readonly string[];
  args: A;
  flags: F;
  /**
   * Enables `--json [fields]` with these selectable fields: the keys of the result (of each
   * item, for lists), listed per SDK type in commands/fields.ts.
   */
  json?: readonly string[];
  /** What `--json` prints when it is not the result itself. */
  toJson?(result: R): unknown;
  /** Rules across flags, checked after parsing, before anything runs (throw UsageError). */
  check?(input: Input<A, F>): void;
  /** Does the work; may talk to the server and ask questions through `ctx`. */
  run(ctx: CommandContext, input: Input<A, F>): Promise<R>;
  /** The result for people (without `--json`); no output when absent. */
  render?(result: R, input: Input<A, F>, term: Terminal): Rendered;
}

/** A command with its types erased, as the registry, parser and help handle it. */
export interface Command {
  name: string;
  aliases?: readonly string[];
  summary: string;
  description?: string;
  examples: readonly string[];
  args: ArgSpecs;
  flags: FlagSpecs;
  json?: readonly string[];
  toJson?(result: unknown): unknown;
  check?(input: Input): void;
  run(ctx: CommandContext, input: Input): Promise<unknown>;
  render?(result: unknown, input: Input, term: Terminal): Rendered;
}

/** Declares a command; the types of its arguments, flags and result flow into check, run and render. */
export function command<const A extends ArgSpecs, const F extends FlagSpecs, R>(spec: CommandSpec<A, F, R>): Command {
  return spec as unknown as Command;
}

/** A family of commands (`mi tasks ...`), for help and for alias words (`colonies` = `offices`). */
export interface GroupSpec {
  name: string;
  aliases?: readonly string[];
  summary: string;
  examples: readonly string[];
}
