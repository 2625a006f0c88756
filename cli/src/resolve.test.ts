import { describe, expect, it } from "vitest";
import { REGISTRY } from "./commands/index.js";
import { resolve } from "./resolve.js";

const target = (...argv: string[]) => {
  const t = resolve(argv, REGISTRY);
  if (t.kind === "command") return { command: t.command.name, tokens: t.tokens };
  if (t.kind === "help") return { help: t.topic?.name ?? "mi" };
  return { group: t.group.name };
};

describe("resolve", () => {
  it("takes the longest run of leading words that names a command, group aliases included", () => {
    expect(target("offices", "settings", "set", "ID", "--json")).toEqual({ command: "offices settings set", tokens: ["ID", "--json"] });
    expect(target("colonies", "settings", "ID")).toEqual({ command: "offices settings", tokens: ["ID"] });
    expect(target("colonies", "ls")).toEqual({ command: "offices list", tokens: [] });
    expect(target("tasks", "get", "X", "1")).toEqual({ command: "tasks get", tokens: ["X", "1"] });
    expect(target("login", "--token", "offices")).toEqual({ command: "login", tokens: ["--token", "offices"] });
  });

  it("finds help: mi, mi help, mi help <group|command>, --help or -h anywhere before --", () => {
    expect(target()).toEqual({ help: "mi" });
    expect(target("help")).toEqual({ help: "mi" });
    expect(target("--help")).toEqual({ help: "mi" });
    expect(target("help", "colonies")).toEqual({ help: "offices" });
    expect(target("help", "colonies", "delete")).toEqual({ help: "offices delete" });
    expect(target("tasks", "-h")).toEqual({ help: "tasks" });
    expect(target("tasks", "create", "--colony", "x", "--help")).toEqual({ help: "tasks create" });
    expect(target("tasks", "comment", "x", "1", "--", "--help")).toEqual({ command: "tasks comment", tokens: ["x", "1", "--", "--help"] });
  });

  it("names a group without a command, so mi can show its commands", () => {
    expect(target("colonies")).toEqual({ group: "offices" });
    expect(target("tasks", "--colony", "x")).toEqual({ group: "tasks" });
  });

  it("rejects unknown commands and leading flags, suggesting the closest name", () => {
    expect(() => target("colonies", "lst")).toThrow('Unknown command "colonies lst". Did you mean mi colonies list?');
    expect(() => target("taks", "list")).toThrow('Unknown command "taks". Did you mean mi tasks?');
    expect(() => target("frobnicate")).toThrow('Unknown command "frobnicate".');
    expect(() => target("help", "tasks", "frobnicate")).toThrow('Unknown command "tasks frobnicate".');
    expect(() => target("-v")).toThrow("Unknown option -v. Print the version with mi --version.");
    expect(() => target("--colony", "x", "tasks", "list")).toThrow("Unknown option --colony. Put flags after the command");
  });
});
