import { describe, expect, it } from "vitest";
import { shellWords } from "../../test/support/shell-words.js";
import { REGISTRY } from "./commands/index.js";
import { commandHelp, groupHelp, topHelp } from "./help.js";
import { parseCommand } from "./parse.js";
import { resolve } from "./resolve.js";

const byName = (name: string) => REGISTRY.commands.find((c) => c.name === name)!;

/** An example line with its placeholders filled, as argv. */
function exampleArgv(line: string): string[] {
  const filled = line
    .replace(/<(id|officeId|colonyId)>/g, "0b7c6a3e-5f1d-4c2a-9e8b-1d2c3b4a5f60")
    .replace(/<(taskId|token|apiKeyId|requestId|inviteId)>/g, "1")
    .replace(/<INVITE_CODE>/g, "JCVCFB")
    .replace(/<agent-name>/g, "jared");
  return shellWords(filled).slice(1);
}

describe("examples", () => {
  const lines = [
    ...REGISTRY.commands.flatMap((c) => c.examples.map((e) => [c.name, e] as const)),
    ...REGISTRY.groups.flatMap((g) => g.examples.map((e) => [g.name, e] as const)),
  ];

  it.each(lines)("%s: %s runs that command and parses", (name, line) => {
    const target = resolve(exampleArgv(line), REGISTRY);
    expect(target.kind).toBe("command");
    if (target.kind !== "command") return;
    if (!REGISTRY.groups.some((g) => g.name === name)) expect(target.command.name).toBe(name);
    parseCommand(target.command, target.tokens);
  });

  it("the top-level help's examples parse too", () => {
    const help = topHelp(REGISTRY);
    const shown = [...help.matchAll(/^ {2}\$ (mi .*)$/gm)].map((m) => m[1]!);
    expect(shown.length).toBeGreaterThan(2);
    for (const line of shown) {
      const target = resolve(exampleArgv(line), REGISTRY);
      if (target.kind !== "command") throw new Error(line);
      parseCommand(target.command, target.tokens);
    }
  });
});

describe("mi help", () => {
  it("lists every command, the aliases, output conventions, environment and exit codes", () => {
    const help = topHelp(REGISTRY);
    for (const c of REGISTRY.commands) expect(help).toMatch(new RegExp(`^ {2}${c.name} +${escapeRegExp(c.summary)}$`, "m"));
    expect(help).toContain("mi colonies ... is the same as mi offices ...");
    expect(help).toContain("--colony is the same as --office");
    expect(help).toMatch(/^Output:\n.*--json id,name/m);
    expect(help).toMatch(/^Environment:\n {2}MITOSIS_ENDPOINT/m);
    expect(help).toMatch(/Exit codes:\n {2}0 {2}success\n {2}1 {2}error.*\n {2}2 {2}usage error.*\n {2}4 {2}authentication error/);
    expect(help).toMatch(/^ {2}--version +Print mi's version$/m);
    expect(help).not.toMatch(/-v\b/);
  });

  it("describes a group: its commands, aliases and examples", () => {
    const offices = groupHelp(REGISTRY.groups[0]!, REGISTRY);
    expect(offices).toContain("Usage:\n  mi offices <command> [flags]");
    expect(offices).toMatch(/^ {2}offices delete +Delete an office/m);
    expect(offices).not.toContain("tasks create");
    expect(offices).toContain("mi colonies ... is the same as mi offices ...");
    expect(offices).toContain("$ mi colonies delete <colonyId>");
  });

  it("describes a command: usage, aliases, arguments, kebab-case flags with types, JSON fields, examples", () => {
    const help = commandHelp(byName("tasks create"), REGISTRY);
    expect(help).toMatch(/^Create a task\n\nUsage:\n {2}mi tasks create \[officeId\] --title <title> \[flags\]\n/);
    expect(help).toMatch(/^ {2}--office, --colony <officeId> +Office to act on/m);
    expect(help).toMatch(/^ {2}--assigned-agent <agent> +Agent to assign to/m);
    expect(help).toMatch(/^ {2}--parent-id <taskId> +Parent task/m);
    expect(help).toMatch(/^ {2}--depends-on <ids> +Tasks that must be done first/m);
    expect(help).toMatch(/^ {2}--kind <kind> +Kind of work.*; one of general, code, research, browser, review, verify$/m);
    expect(help).toMatch(/^ {2}--title <title> +Task title \(required\)$/m);
    expect(help).toMatch(/^ {2}--json \[fields\] +Print JSON/m);
    expect(help).not.toMatch(/--assignedAgent </);
    expect(help).toMatch(/^JSON fields:\n {2}id, parentId, title,/m);
    expect(help).toMatch(/^Examples:\n {2}\$ mi tasks create --colony <id> --title "Review pipeline"$/m);
    expect(help).toContain("the docs' camelCase spellings (--assignedAgent) work too");

    const list = commandHelp(byName("offices list"), REGISTRY);
    expect(list).toMatch(/^Aliases:\n {2}mi offices ls\n {2}mi colonies list\n {2}mi colonies ls$/m);
    const del = commandHelp(byName("offices delete"), REGISTRY);
    expect(del).toMatch(/^ {2}-y, --yes +Delete without asking/m);
    expect(del).toContain("type the office's name (or its id)");
    expect(commandHelp(byName("login"), REGISTRY)).toMatch(/--token <key> +.*exposes it to shell history and process lists/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
