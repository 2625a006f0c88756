/**
 * Help texts, written from the command declarations: `mi help` (every command, environment,
 * exit codes), `mi help <group>` and `mi help <command>` (usage, arguments, flags, JSON
 * fields, examples). Pure functions of the registry, printed by run.ts.
 */
import { EXIT_CODES_HELP } from "./exit.js";
import { commandFlags, kebab, placeholder } from "./flags.js";
import { commandNames, type Registry } from "./registry.js";
import type { Command, FlagSpec, GroupSpec } from "./spec.js";
import { usageLine } from "./usage.js";

const ENVIRONMENT_HELP = [
  "  MITOSIS_ENDPOINT  server URL, overrides the one saved by mi login",
  "  MITOSIS_API_KEY   API key, overrides the one saved by mi login",
  "  MI_CONFIG_DIR     directory of config.json (default ~/.mi)",
].join("\n");

const OUTPUT_HELP = [
  "  Data goes to stdout, messages to stderr. --json prints JSON; --json id,name only those fields.",
  "  On a terminal, tables fit its width (the widest column is cut with …); piped, they are",
  "  tab-separated, one row per line, never cut.",
].join("\n");

const SPELLING_HELP = "Flags are written in kebab-case (--assigned-agent); the docs' camelCase spellings (--assignedAgent) work too.";

/** `mi help`: what mi is, every command, and what holds for all of them. */
export function topHelp(registry: Registry): string {
  const aliases = registry.groups.flatMap((g) => (g.aliases ?? []).map((a) => `  mi ${a} ... is the same as mi ${g.name} ...`));
  return sections([
    ["", "mi: the Mitosis command line. Create offices, hire agents, queue tasks for them, follow their work."],
    ["Usage", "  mi <command> [flags]\n  mi help [command]"],
    ["Commands", commandList(registry.commands)],
    ["Flags", "  -h, --help  Show help for mi or a command\n  --version   Print mi's version"],
    ["Aliases", [...aliases, "  --colony is the same as --office"].join("\n")],
    [
      "Examples",
      examples([
        "mi login --endpoint http://127.0.0.1:8080",
        'mi colonies create --name "My Colony"',
        "mi agents hire --colony <id> --name analyst --model sonnet",
        'mi tasks create --colony <id> --title "Review code" --assigned-agent analyst',
        "mi tasks list --colony <id> --json id,title,status",
      ]),
    ],
    ["Output", OUTPUT_HELP],
    ["Environment", ENVIRONMENT_HELP],
    ["Exit codes", EXIT_CODES_HELP],
    ["", `${SPELLING_HELP}\nRun 'mi help <command>' for a command's flags and examples.`],
  ]);
}

/** `mi help tasks`: a group's commands and examples. */
export function groupHelp(group: GroupSpec, registry: Registry): string {
  const members = registry.commands.filter((c) => c.name.startsWith(`${group.name} `));
  const aliases = (group.aliases ?? []).map((a) => `  mi ${a} ... is the same as mi ${group.name} ...`);
  return sections([
    ["", group.summary],
    ["Usage", `  mi ${group.name} <command> [flags]`],
    ["Commands", commandList(members)],
    ["Aliases", aliases.join("\n")],
    ["Examples", examples(group.examples)],
    ["", `Run 'mi help ${group.name} <command>' for a command's flags and examples.`],
  ]);
}

/** `mi help tasks create`: usage, arguments, flags, JSON fields and examples. */
export function commandHelp(cmd: Command, registry: Registry): string {
  return sections([
    ["", [cmd.summary, cmd.description].filter((t) => t !== undefined).join("\n\n")],
    ["Usage", `  ${usageLine(cmd)}`],
    [
      "Aliases",
      commandNames(cmd, registry)
        .slice(1)
        .map((a) => `  mi ${a}`)
        .join("\n"),
    ],
    ["Arguments", argumentList(cmd)],
    ["Flags", flagList(cmd)],
    ["JSON fields", cmd.json === undefined ? "" : wrap(cmd.json.join(", "), 90, "  ")],
    ["Examples", examples(cmd.examples)],
    // Only where a flag has two spellings.
    ["", Object.keys(cmd.flags).some((k) => /[A-Z]/.test(k)) ? SPELLING_HELP : ""],
  ]);
}

function commandList(commands: readonly Command[]): string {
  return columns(commands.map((c) => [c.name, c.summary]));
}

function argumentList(cmd: Command): string {
  return columns(
    Object.entries(cmd.args).map(([name, a]) =>
      a.type === "office"
        ? ["officeId", "Office to act on (or --office/--colony)"]
        : [name, a.optional ? `${a.summary} (optional)` : a.summary],
    ),
  );
}

function flagList(cmd: Command): string {
  const rows = Object.entries(commandFlags(cmd)).map(([key, spec]) => [flagNames(key, spec), flagSummary(spec)]);
  if (cmd.json !== undefined) rows.push(["--json [fields]", "Print JSON: every field, or only the listed ones (--json id,name)"]);
  rows.push(["-h, --help", "Show this help"]);
  return columns(rows);
}

/** `-y, --yes` or `--office, --colony <officeId>`: kebab-case only; the camelCase spellings are mentioned once. */
function flagNames(key: string, spec: FlagSpec): string {
  const short = spec.short === undefined ? [] : [`-${spec.short}`];
  const long = [key, ...(spec.aliases ?? [])].map((n) => `--${kebab(n)}`);
  return [...short, ...long].join(", ") + placeholder(key, spec);
}

function flagSummary(spec: FlagSpec): string {
  const parts = [spec.summary];
  if (spec.type === "enum") parts.push(`; one of ${spec.values.join(", ")}`);
  if (spec.type === "list" && typeof spec.of !== "string") parts.push(`; any of ${spec.of.join(", ")}`);
  if (spec.required) parts.push(" (required)");
  return parts.join("");
}

function examples(lines: readonly string[]): string {
  return lines.map((l) => `  $ ${l}`).join("\n");
}

/** Two columns, the first padded to its widest entry. */
function columns(rows: string[][]): string {
  const width = Math.max(0, ...rows.map(([left]) => (left ?? "").length));
  return rows.map(([left = "", right = ""]) => `  ${left.padEnd(width)}  ${right}`.trimEnd()).join("\n");
}

/** Words wrapped at `width` columns, each line indented. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const w of text.split(" ")) {
    if (line !== "" && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line === "" ? w : `${line} ${w}`;
  }
  if (line !== "") lines.push(indent + line);
  return lines.join("\n");
}

/** Titled sections separated by blank lines; empty ones are left out. */
function sections(parts: [title: string, body: string][]): string {
  return (
    parts
      .filter(([, body]) => body !== "")
      .map(([title, body]) => (title === "" ? body : `${title}:\n${body}`))
      .join("\n\n") + "\n"
  );
}
