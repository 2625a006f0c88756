/**
 * Entry point of `mi`. Answers `--version` itself; everything else loads the command tree
 * (and with it the SDK, the RPC stack and the generated descriptors) on demand, because
 * loading those is most of a command's start-up time and `--version` needs none of it.
 */
import type { IO } from "./output.js";
import { versionLine } from "./version.js";

/** The real process streams and environment. */
export const processIO: IO = { stdout: process.stdout, stderr: process.stderr, env: process.env };

/**
 * Runs `mi` with `argv` (without the node and script paths) and returns the exit code.
 * Help and version go to stdout.
 */
export async function main(argv: string[], io: IO = processIO): Promise<number> {
  if (asksForVersion(argv)) {
    io.stdout.write(versionLine() + "\n");
    return 0;
  }
  const { run } = await import("./run.js");
  return run(argv, io);
}

/** `--version` (or `-v`) before any command word: `mi --version`, not `mi offices list -v`. */
function asksForVersion(argv: string[]): boolean {
  return (argv[0] ?? "-").startsWith("-") && (argv.includes("--version") || argv.includes("-v"));
}
