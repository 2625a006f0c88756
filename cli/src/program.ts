/**
 * The `mi` command tree: every command group registered on one cac instance, plus the
 * help texts cac does not produce (exit codes, environment, command groups).
 */
import { cac, type CAC, type Command } from "cac";
import { registerApiKeyCommands } from "./commands/api-keys.js";
import { registerLoginCommand } from "./commands/login.js";
import { OFFICE_GROUP, registerOfficeCommands } from "./commands/offices.js";
import { registerTaskCommands } from "./commands/tasks.js";
import { registerWhoamiCommand } from "./commands/whoami.js";
import type { CommandContext } from "./context.js";
import { EXIT_CODES_HELP } from "./exit.js";
import { VERSION } from "./version.js";

const ENVIRONMENT_HELP = [
  "  MITOSIS_ENDPOINT  server URL, overrides the one saved by mi login",
  "  MITOSIS_API_KEY   API key, overrides the one saved by mi login",
  "  MI_CONFIG_DIR     directory of config.json (default ~/.mi)",
].join("\n");

/** Builds the CLI with all commands bound to `ctx`. */
export function buildProgram(ctx: CommandContext): CAC {
  const cli = cac("mi");
  cli.usage("<command> [options]");
  cli.option("--office, --colony <officeId>", "Office to act on (--colony is an alias)");
  registerLoginCommand(cli, ctx);
  registerWhoamiCommand(cli, ctx);
  registerOfficeCommands(cli, ctx);
  registerTaskCommands(cli, ctx);
  registerApiKeyCommands(cli, ctx);
  cli.help((raw) => {
    // cac pads every option line with a trailing space.
    const sections = raw.map((s) => ({ ...s, body: s.body.replace(/ +$/gm, "") }));
    // Only the top-level help lists commands; that is where the general notes belong.
    if (!sections.some((s) => s.title === "Commands")) return sections;
    const kept = sections.filter((s) => !s.title?.startsWith("For more info"));
    return [
      ...kept,
      { title: "Aliases", body: `  mi ${OFFICE_GROUP.alias} ... is the same as mi ${OFFICE_GROUP.name} ...` },
      { title: "Environment", body: ENVIRONMENT_HELP },
      { title: "Exit codes", body: EXIT_CODES_HELP },
      { body: "Run 'mi <command> --help' for a command's options." },
    ];
  });
  // Listed in help; main.ts answers --version before this tree is built.
  cli.version(VERSION);
  return cli;
}

/** Every name a command answers to (names and aliases), for resolving multi-word commands. */
export function commandNames(cli: CAC): string[] {
  return cli.commands.flatMap((c) => [c.name, ...c.aliasNames]);
}

/** Commands under a group prefix such as `offices` or `colonies`. */
export function commandsInGroup(cli: CAC, words: string[]): Command[] {
  const prefix = words.join(" ") + " ";
  return cli.commands.filter((c) => [c.name, ...c.aliasNames].some((n) => n.startsWith(prefix)));
}

/** Help for a command group (`mi offices`), which cac has no notion of. */
export function groupHelp(words: string[], commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.rawName.length));
  const lines = commands.map((c) => `  ${c.rawName.padEnd(width)}  ${c.description}`);
  return [
    "Usage:",
    `  $ mi ${words.join(" ")} <command> [options]`,
    "",
    "Commands:",
    ...lines,
    "",
    `Run 'mi ${words.join(" ")} <command> --help' for a command's options.`,
    "",
  ].join("\n");
}
