/**
 * One `mi` invocation: resolve the command, parse its arguments, run it, print its result
 * (JSON or the command's rendering), and turn the outcome into an exit code. Loaded by
 * main.ts for everything but `--version`.
 */
import { REGISTRY } from "./commands/index.js";
import { CommandContext } from "./context.js";
import { ExitCode } from "./exit.js";
import { describeFailure } from "./failure.js";
import { commandHelp, groupHelp, topHelp } from "./help.js";
import { type IO, terminalOf } from "./io.js";
import { jsonText } from "./json-fields.js";
import type { Registry } from "./registry.js";
import { resolve } from "./resolve.js";
import type { Command, GroupSpec, Input } from "./spec.js";

/** Runs `mi` with `argv` (without the node and script paths) and returns the exit code. */
export async function run(argv: readonly string[], io: IO, registry: Registry = REGISTRY): Promise<number> {
  const ctx = new CommandContext(io);
  try {
    const target = resolve(argv, registry);
    switch (target.kind) {
      case "help":
        io.stdout.write(helpFor(target.topic, registry));
        return ExitCode.Ok;
      case "group":
        io.stderr.write(`mi ${target.typed} needs a command.\n\n${groupHelp(target.group, registry)}`);
        return ExitCode.Usage;
      case "command": {
        // The parser (and cac with it) loads only when there is a command to parse: help does without.
        const { parseCommand } = await import("./parse.js");
        await runCommand(target.command, parseCommand(target.command, target.tokens), ctx);
        return ExitCode.Ok;
      }
    }
  } catch (err) {
    const { message, code } = await describeFailure(err, ctx.endpoint);
    io.stderr.write(message + "\n");
    return code;
  }
}

/** Runs a parsed command and prints what it returned. */
export async function runCommand(cmd: Command, input: Input, ctx: CommandContext): Promise<void> {
  const result = await cmd.run(ctx, input);
  const io = ctx.io;
  if (input.json !== undefined) {
    // Streaming commands (tasks watch) print as they go and return nothing.
    if (result !== undefined) io.stdout.write(jsonText(cmd.toJson ? cmd.toJson(result) : result, input.json.fields));
    return;
  }
  const out = cmd.render?.(result, input, terminalOf(io));
  if (out?.status) io.stderr.write(out.status);
  if (out?.data) io.stdout.write(out.data);
}

function helpFor(topic: Command | GroupSpec | undefined, registry: Registry): string {
  if (topic === undefined) return topHelp(registry);
  return "run" in topic ? commandHelp(topic, registry) : groupHelp(topic, registry);
}
