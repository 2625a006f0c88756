import { describe, expect, it } from "vitest";
import { shellWords } from "../../../test/support/shell-words.js";
import { commandFlags, kebab, spellings } from "../flags.js";
import { parseCommand } from "../parse.js";
import { resolve } from "../resolve.js";
import type { Command, FlagSpec, Input } from "../spec.js";
import { REGISTRY } from "./index.js";

const OFFICE = "0b7c6a3e-5f1d-4c2a-9e8b-1d2c3b4a5f60";

/** A value of the flag's type as typed, and what parsing must make of it. */
function sample(spec: FlagSpec, key = ""): { typed: string[]; value: unknown } {
  if (key === "endpoint") return { typed: ["http://127.0.0.1:8080"], value: "http://127.0.0.1:8080" };
  switch (spec.type) {
    case "switch":
      return { typed: [], value: true };
    case "boolean":
      return { typed: ["false"], value: false };
    case "string":
      return { typed: ["007"], value: "007" };
    case "integer":
      return { typed: ["7"], value: 7 };
    case "enum":
      return { typed: [(spec.values.at(-1) ?? "").toUpperCase()], value: spec.values.at(-1) };
    case "list":
      if (spec.of === "string") return { typed: ["a,b"], value: ["a", "b"] };
      if (spec.of === "integer") return { typed: ["1,2"], value: [1, 2] };
      return { typed: [spec.of.slice(0, 2).join(",")], value: spec.of.slice(0, 2) };
  }
}

/** Positionals and required flags that make a valid command line for `cmd` (the office as a positional unless left out). */
function baseline(cmd: Command, office = true): string[] {
  const tokens: string[] = [];
  for (const a of Object.values(cmd.args)) {
    if (a.type === "office") {
      if (office) tokens.push(OFFICE);
    } else tokens.push(a.type === "integer" ? "3" : a.type === "rest" ? "HELLO=hello" : "hello");
  }
  for (const [key, spec] of Object.entries(cmd.flags)) if (spec.required) tokens.push(`--${key}`, ...sample(spec).typed);
  // Commands whose check wants something to change.
  if (cmd.name === "tasks update") tokens.push("--status", "running");
  if (cmd.name === "offices settings set") tokens.push("--allow-agent-hiring", "true");
  if (cmd.name === "agents update") tokens.push("--role", "reviewer");
  return tokens;
}

describe("every command's flags", () => {
  for (const cmd of REGISTRY.commands) {
    it(`mi ${cmd.name}: each flag by its kebab-case name, its docs (camelCase) spelling and its aliases`, () => {
      parseCommand(cmd, baseline(cmd));
      for (const [key, spec] of Object.entries(commandFlags(cmd))) {
        const names = spellings(key, spec).filter((s) => s.startsWith("--"));
        expect(names).toContain(`--${kebab(key)}`);
        expect(names).toContain(`--${key}`);
        const { typed, value } = sample(spec, key);
        for (const name of names) {
          if (key === "office") {
            const input = parseCommand(cmd, [...baseline(cmd, false), name, OFFICE]);
            expect(input.args.officeId, name).toBe(OFFICE);
            expect(input.flags).not.toHaveProperty("office");
          } else {
            expect(parseCommand(cmd, [...baseline(cmd), name, ...typed]).flags[key], `${name} ${typed.join(" ")}`).toEqual(value);
            if (typed.length > 0) expect(parseCommand(cmd, [...baseline(cmd), `${name}=${typed[0]}`]).flags[key]).toEqual(value);
          }
        }
      }
    });
  }

  it("every command has a summary and examples, and every flag a summary", () => {
    for (const cmd of REGISTRY.commands) {
      expect(cmd.summary, cmd.name).not.toBe("");
      expect(cmd.examples.length, cmd.name).toBeGreaterThan(0);
      for (const [key, spec] of Object.entries(cmd.flags)) expect(spec.summary, `${cmd.name} --${key}`).not.toBe("");
    }
  });
});

/** Resolves and parses a whole command line as a shell would split it. */
function parseLine(line: string): { cmd: Command; input: Input } {
  const target = resolve(shellWords(line).slice(1), REGISTRY);
  if (target.kind !== "command") throw new Error(`${line} resolves to ${target.kind}`);
  return { cmd: target.command, input: parseCommand(target.command, target.tokens) };
}

// Every mi command line of the SDK guide and the Tasks doc for commands mi has, exactly as
// written there (placeholders filled in).
const DOCS_LINES = [
  "mi login",
  'mi colonies create --name "My Colony"',
  'mi tasks create --colony <id> --title "Review code" --assignedAgent analyst',
  "mi tasks get --colony <id> <taskId>",
  'mi colonies create --name "code-review"',
  'mi tasks create --colony <id> --title "Review rate-limiter.go" --kind review',
  'mi tasks create --colony <id> --title "Find bugs and edge cases" --kind review --parentId 1 --assignedAgent reviewer',
  'mi tasks create --colony <id> --title "Analyze performance characteristics" --kind review --parentId 1 --assignedAgent analyst',
  "mi tasks get --colony <id> 1",
  "mi tasks get --colony <id> 2",
  "mi colonies list",
  "mi colonies status <colonyId>",
  "mi colonies delete <colonyId>",
  "mi tasks list --colony <colonyId>",
  'mi tasks create --colony <colonyId> --title "Review pipeline"',
  "mi tasks stats --colony <colonyId>",
  "mi tasks get <colonyId> <taskId>",
  "mi tasks list --colony <colonyId> --status running",
  "mi tasks update --colony <colonyId> <taskId> --status running",
  "mi tasks claim --colony <colonyId> --agent analyst",
  "mi tasks subtasks --colony <colonyId> <taskId>",
  "mi tasks add-artifact --colony <colonyId> <taskId> --kind file --path /shared/files/report.md",
  "mi tasks artifacts --colony <colonyId> <taskId>",
  'mi tasks comment --colony <colonyId> <taskId> "Found 3 issues in the rate limiter"',
  "mi credits add --colony <id> --amount 100",
  "mi agents hire --colony <id> --name analyst --provider openai-codex",
  "mi agents hire --colony <id> --name reviewer --provider openai-codex --model gpt-5.5",
  "mi agents hire --colony <id> --name analyst --provider openai-codex --model gpt-5.5",
  "mi agents fire --colony <id> reviewer",
  "mi agents fire --colony <id> analyst",
  "mi agents list --colony <colonyId>",
  'mi agents hire --colony <colonyId> --name "analyst" --model sonnet',
  "mi agents get <colonyId> analyst",
  "mi agents logs <colonyId> analyst",
  "mi agents activity <colonyId> analyst",
  "mi agents fire <colonyId> analyst",
  "mi files push --colony <id> ./src/rate-limiter.go",
  "mi files list --colony <id>",
  "mi files list --colony <colonyId>",
  "mi files push --colony <colonyId> ./report.md",
  "mi files pull --colony <colonyId> report.md",
  "mi files rm --colony <colonyId> report.md",
].map((line) => line.replace(/<(id|colonyId)>/g, OFFICE).replace(/<taskId>/g, "1"));

describe("the docs' command lines", () => {
  it.each(DOCS_LINES)("%s parses as written", (line) => {
    const { input } = parseLine(line);
    if (line.includes(OFFICE) && !line.startsWith("mi colonies")) expect(input.args.officeId).toBe(OFFICE);
  });

  it("reads the docs' flags into the same values as the kebab-case ones", () => {
    const docs = parseLine(
      `mi tasks create --colony ${OFFICE} --title "Find bugs" --kind review --parentId 1 --assignedAgent reviewer --dependsOn 2 --requiredTools github,chromium`,
    );
    const kebabCase = parseLine(
      `mi tasks create --office ${OFFICE} --title "Find bugs" --kind review --parent-id 1 --assigned-agent reviewer --depends-on 2 --required-tools github,chromium`,
    );
    expect(docs.cmd.name).toBe("tasks create");
    expect(docs.input).toEqual(kebabCase.input);
    expect(docs.input.flags).toEqual({
      title: "Find bugs",
      description: undefined,
      kind: "review",
      priority: undefined,
      assignedAgent: "reviewer",
      parentId: 1,
      dependsOn: [2],
      requiredTools: ["github", "chromium"],
    });
    expect(parseLine(`mi tasks comment --colony ${OFFICE} 1 "Found 3 issues"`).input.args).toEqual({
      officeId: OFFICE,
      taskId: 1,
      message: "Found 3 issues",
    });
  });
});
