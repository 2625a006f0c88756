import { describe, expect, it } from "vitest";
import { UsageError } from "./exit.js";
import { parseCommand } from "./parse.js";
import { arg, type Command, command, flag } from "./spec.js";

// A command with one flag of every type, to test the parser itself; commands.test.ts runs
// the real commands' declarations through it.
const sample: Command = command({
  name: "things make",
  summary: "Make a thing",
  examples: [],
  args: {
    officeId: arg.office(),
    taskId: arg.integer({ summary: "task", min: 1, what: "a task number such as 1" }),
    note: arg.string({ summary: "note" }),
  },
  flags: {
    title: flag.string({ summary: "title", required: true }),
    label: flag.string({ summary: "label", empty: true }),
    priority: flag.integer({ summary: "priority", value: "n" }),
    accepted: flag.boolean({ summary: "accepted", value: "bool" }),
    yes: flag.switch({ summary: "yes", short: "y" }),
    kind: flag.enum(["review", "code"], { summary: "kind" }),
    dependsOn: flag.list("integer", { summary: "deps", value: "ids", min: 1, what: "task ids separated by commas" }),
    requiredTools: flag.list("string", { summary: "tools" }),
    status: flag.list(["queued", "running"], { summary: "statuses", aliases: ["state"] }),
  },
  json: ["id", "title", "status"],
  run: async () => undefined,
});

const parse = (...tokens: string[]) => parseCommand(sample, tokens);
const base = ["office-1", "3", "note", "--title", "t"];

/** The usage error a parse fails with. */
function usageError(...tokens: string[]): UsageError {
  try {
    parse(...tokens);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`expected mi ${tokens.join(" ")} to be a usage error`);
}

describe("parseCommand: flags", () => {
  it("accepts the kebab-case name, the camelCase key and aliases, as --flag value and --flag=value", () => {
    const spellings = [["--depends-on", "1,2"], ["--dependsOn", "1,2"], ["--depends-on=1,2"], ["--dependsOn=1,2"]];
    for (const s of spellings) expect(parse(...base, ...s).flags.dependsOn).toEqual([1, 2]);
    expect(parse(...base, "--state", "queued").flags.status).toEqual(["queued"]);
    expect(parse(...base, "--required-tools", "github").flags.requiredTools).toEqual(["github"]);
  });

  it("converts by type and keeps text exactly as typed", () => {
    const { flags } = parse(...base, "--title", "007", "--priority", "-1", "--accepted", "no", "--kind", "Review", "-y");
    expect(flags).toEqual({
      title: "007",
      priority: -1,
      accepted: false,
      yes: true,
      kind: "review",
      label: undefined,
      dependsOn: undefined,
      requiredTools: undefined,
      status: undefined,
    });
    expect(parse(...base, "--yes=false").flags.yes).toBe(false);
  });

  it("keeps number-like and dash-led words as typed, and reads a switch's inline word", () => {
    // cac's reader (mri) would make numbers of these ("1e3" -> 1000, "" -> 0) or take them for flags.
    const { flags, args } = parse("office-1", "3", "0x10", "--title", "1e3", "--label", "", "--priority=-2", "--yes=no");
    expect(args.note).toBe("0x10");
    expect(flags).toMatchObject({ title: "1e3", label: "", priority: -2, yes: false });
    expect(parse(...base, "--label=--y").flags.label).toBe("--y");
    expect(usageError(...base, "--yes=maybe").message).toBe('--yes must be true or false; got "maybe".');
  });

  it("lets the last occurrence win, and gathers repeated and comma-separated list values without repeats", () => {
    expect(parse(...base, "--title", "u").flags.title).toBe("u");
    expect(parse(...base, "--status", "queued", "--status", "running,queued").flags.status).toEqual(["queued", "running"]);
    expect(parse(...base, "--depends-on", " 2, 1 ,", "--dependsOn", "2").flags.dependsOn).toEqual([2, 1]);
  });

  it("allows an empty value only where it means something", () => {
    expect(parse(...base, "--label", "").flags.label).toBe("");
    expect(usageError(...base, "--title", "").message).toMatch(/^Option --title <title> needs a value/);
  });

  it("reports bad values naming the flag as typed", () => {
    const cases: [string[], string][] = [
      [["--priority", "high"], '--priority must be a whole number; got "high".'],
      [["--accepted", "maybe"], '--accepted must be true or false; got "maybe".'],
      [["--kind", "poetry"], '--kind must be one of review, code; got "poetry".'],
      [["--dependsOn", "1,x"], '--dependsOn must be task ids separated by commas; got "x".'],
      [["--depends-on", "0"], '--depends-on must be task ids separated by commas; got "0".'],
      [["--state", "done"], '--state must be one of queued, running (comma-separated); got "done".'],
    ];
    for (const [tokens, message] of cases) {
      const err = usageError(...base, ...tokens);
      expect(err.message).toBe(message);
      expect(err.usage).toBe("things make");
    }
  });

  it("reports unknown flags with a suggestion, and flags without a value", () => {
    expect(usageError(...base, "--titel", "x").message).toBe("Unknown option `--titel`. Did you mean --title?");
    expect(usageError(...base, "--bogus").message).toBe("Unknown option `--bogus`.");
    expect(usageError(...base, "--priority").message).toMatch(/^Option --priority <n> needs a value/);
    expect(usageError(...base, "--priority", "--yes").message).toMatch(/^Option --priority <n> needs a value/);
    // The occurrence without a value is named, as typed, though another spelling of the flag has one.
    expect(usageError("--colony", "--office=o", "3", "note", "--title", "t").message).toMatch(/^Option --colony <officeId> needs a value/);
    expect(usageError("office-1", "3", "note").message).toBe(
      "Missing --title <title>.\nUsage: mi things make [officeId] <taskId> <note> --title <title> [flags]",
    );
  });

  it("takes everything after -- as positionals, and - and negative numbers as values", () => {
    expect(parse("office-1", "3", "--title", "t", "--", "--not-a-flag").args.note).toBe("--not-a-flag");
    expect(parse(...base, "--label", "-").flags.label).toBe("-");
  });
});

describe("parseCommand: positionals and the office", () => {
  it("fills the optional office first only when there are more values than required arguments", () => {
    expect(parse("office-1", "3", "note", "--title", "t").args).toEqual({ officeId: "office-1", taskId: 3, note: "note" });
    expect(parse("3", "note", "--colony", "office-2", "--title", "t").args).toEqual({ officeId: "office-2", taskId: 3, note: "note" });
    expect(parse("--office", "office-2", "3", "note", "--title", "t").args.officeId).toBe("office-2");
    expect(parse("office-2", "3", "note", "--colony", "office-2", "--title", "t").args.officeId).toBe("office-2");
  });

  it("gives an optional argument its value before the office when --office is given", () => {
    const copy: Command = command({
      name: "things copy",
      summary: "Copy a thing",
      examples: [],
      args: { officeId: arg.office(), from: arg.string({ summary: "from" }), to: arg.string({ summary: "to", optional: true }) },
      flags: {},
      run: async () => undefined,
    });
    const args = (...tokens: string[]) => parseCommand(copy, tokens).args;
    expect(args("--colony", "o-1", "a.md")).toEqual({ officeId: "o-1", from: "a.md", to: undefined });
    expect(args("--colony", "o-1", "a.md", "docs/a.md")).toEqual({ officeId: "o-1", from: "a.md", to: "docs/a.md" });
    expect(args("o-1", "a.md")).toEqual({ officeId: "o-1", from: "a.md", to: undefined });
    expect(args("o-1", "a.md", "docs/a.md")).toEqual({ officeId: "o-1", from: "a.md", to: "docs/a.md" });
    expect(args("o-1", "a.md", "docs/a.md", "--office", "o-1")).toEqual({ officeId: "o-1", from: "a.md", to: "docs/a.md" });
    expect(() => args("o-2", "a.md", "docs/a.md", "--office", "o-1")).toThrow("Conflicting office ids: o-2 and --office o-1.");
  });

  it("rejects a missing or conflicting office, missing and extra arguments, and bad numbers", () => {
    expect(usageError("3", "note", "--title", "t").message).toBe(
      "Missing office id: pass <officeId> or --office <officeId> (alias --colony).",
    );
    expect(usageError("a", "3", "note", "--colony", "b", "--title", "t").message).toBe("Conflicting office ids: a and --colony b.");
    expect(usageError("--colony", "a", "3", "--title", "t").message).toMatch(/^Missing argument <note>\.\nUsage: mi things make/);
    expect(usageError(...base, "extra", "more").message).toBe('Unexpected arguments "extra" "more".');
    expect(usageError("a", "one", "note", "--title", "t").message).toBe('The task id must be a task number such as 1; got "one".');
  });
});

describe("parseCommand: --json", () => {
  it("selects every field alone, or the listed ones as --json a,b or --json=a,b", () => {
    expect(parse(...base).json).toBeUndefined();
    expect(parse(...base, "--json").json).toEqual({ fields: undefined });
    expect(parse(...base, "--json", "--yes").json).toEqual({ fields: undefined });
    expect(parse(...base, "--json", "id,title").json).toEqual({ fields: ["id", "title"] });
    expect(parse(...base, "--json=status").json).toEqual({ fields: ["status"] });
  });

  it("rejects unknown fields with the list of available ones (exit 2, like gh)", () => {
    const err = usageError(...base, "--json", "id,nme");
    expect(err.message).toBe('Unknown JSON field "nme" for mi things make.\nAvailable fields:\n  id\n  status\n  title');
    expect(usageError(...base, "--json=").message).toMatch(/^Specify one or more comma-separated fields for --json/);
  });

  it("gives a word back when the command still lacks that positional (mi tasks comment 1 --json LGTM)", () => {
    const given = parse("office-1", "3", "--json", "LGTM", "--title", "t");
    expect(given.args).toEqual({ officeId: "office-1", taskId: 3, note: "LGTM" });
    expect(given.json).toEqual({ fields: undefined });
    expect(parse("--colony", "office-1", "3", "--json", "LGTM", "--title", "t").args.note).toBe("LGTM");
    // With every positional there, the word is a field list, and an unknown field is an error.
    expect(usageError("--colony", "office-1", "3", "note", "--json", "LGTM", "--title", "t").message).toMatch(/^Unknown JSON field "LGTM"/);
    // A task number or an office id never reads as a field list.
    expect(parse("office-1", "--json", "3", "note", "--title", "t").args.taskId).toBe(3);
  });

  it("is an unknown option where a command prints no data", () => {
    const quiet = command({ name: "quiet", summary: "", examples: [], args: {}, flags: {}, run: async () => undefined });
    expect(() => parseCommand(quiet, ["--json"])).toThrow("Unknown option `--json`.");
  });
});

describe("parseCommand: checks across flags", () => {
  it("runs the command's check after parsing", () => {
    const picky = command({
      name: "picky",
      summary: "",
      examples: [],
      args: {},
      flags: { a: flag.string({ summary: "a" }) },
      check: ({ flags }) => {
        if (flags.a === undefined) throw new UsageError("Nothing to change.", "picky");
      },
      run: async () => undefined,
    });
    expect(() => parseCommand(picky, [])).toThrow("Nothing to change.");
    expect(parseCommand(picky, ["--a", "x"]).flags).toEqual({ a: "x" });
  });
});
