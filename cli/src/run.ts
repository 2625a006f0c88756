/**
 * One `mi` invocation: parse, run one command, turn the outcome into an exit code.
 * Loaded by main.ts on demand.
 */
import type { CAC } from "cac";
import { rawOptionValues, resolveCommandPath } from "./argv.js";
import { CommandContext } from "./context.js";
import { describeError, ExitCode, exitCodeFor, UsageError } from "./exit.js";
import type { IO } from "./output.js";
import { buildProgram, commandNames, commandsInGroup, groupHelp } from "./program.js";

/**
 * Runs `mi` with `argv` (without the node and script paths) and returns the exit code.
 * Help goes to stdout through cac; main.ts has already answered `--version`.
 */
export async function run(argv: string[], io: IO): Promise<number> {
  const ctx = new CommandContext(io);
  const cli = buildProgram(ctx);
  const resolved = resolveCommandPath(argv, commandNames(cli));
  try {
    if (resolved.command === undefined) return groupOrUnknown(resolved.words, argv, io, cli);
    cli.parse(["node", "mi", ...resolved.argv], { run: false });
    if (cli.options.help) return ExitCode.Ok; // cac printed the command's help
    const matched = cli.matchedCommand;
    if (matched === undefined) throw new UsageError(`Unknown command "${resolved.command}".`);
    Object.assign(cli.options, rawOptionValues(resolved.argv.slice(1), [cli.globalCommand, matched]));
    await cli.runMatchedCommand();
    return ExitCode.Ok;
  } catch (err) {
    const error = isCacError(err) ? new UsageError(cacMessage(err.message), resolved.command) : err;
    io.stderr.write(describeError(error, ctx.endpoint) + "\n");
    return exitCodeFor(error);
  }
}

/** No command matched: top-level help, a command group's help, or an unknown command. */
function groupOrUnknown(words: string[], argv: string[], io: IO, cli: CAC): number {
  const wantsHelp = argv.includes("--help") || argv.includes("-h");
  if (words.length === 0) {
    cli.outputHelp();
    if (argv.length === 0 || wantsHelp) return ExitCode.Ok;
    io.stderr.write(`Unknown option ${argv[0]}. Put options after the command, e.g. mi offices list --json.\n`);
    return ExitCode.Usage;
  }
  const group = commandsInGroup(cli, words.slice(0, 1));
  if (group.length > 0 && words.length === 1) {
    if (wantsHelp) {
      io.stdout.write(groupHelp(words, group));
      return ExitCode.Ok;
    }
    io.stderr.write(`mi ${words[0]} needs a command.\n\n${groupHelp(words, group)}`);
    return ExitCode.Usage;
  }
  const what = group.length > 0 ? `${words[0]} ${words[1]}` : words[0];
  io.stderr.write(`Unknown command "${what}".\nRun 'mi ${group.length > 0 ? `${words[0]} ` : ""}--help' for the list of commands.\n`);
  return ExitCode.Usage;
}

function isCacError(err: unknown): err is Error {
  return err instanceof Error && err.name === "CACError";
}

/** cac's messages, reworded where they would confuse (it calls positionals "args"). */
function cacMessage(message: string): string {
  const missing = /^missing required args for command `(.+)`$/.exec(message);
  if (missing) return `Missing argument: mi ${missing[1]}`;
  const value = /^option `(.+)` value is missing$/.exec(message);
  if (value) return `Option ${value[1]} needs a value.`;
  return message.replace(/^Unused args: /, "Unexpected arguments: ");
}
