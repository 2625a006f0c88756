/**
 * Entry point of `mi`. Answers `--version` itself; everything else loads the command tree
 * on demand, and the commands load the SDK (the RPC stack and generated descriptors) only
 * when they talk to a server, because loading those is most of a command's start-up time.
 */
import type { IO } from "./io.js";
import { versionLine } from "./version.js";

/** The real process streams and environment. */
export const processIO: IO = {
  stdout: process.stdout,
  stderr: process.stderr,
  // Opened on first use: creating process.stdin costs start-up time most commands need not pay.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
};

/** Runs `mi` with `argv` (without the node and script paths) and returns the exit code. */
export async function main(argv: string[], io: IO = processIO): Promise<number> {
  if (asksForVersion(argv)) {
    io.stdout.write(versionLine() + "\n");
    return 0;
  }
  const { run } = await import("./run.js");
  return run(argv, io);
}

/** `--version` among the flags before any command word: `mi --version`, not `mi offices list --version`. */
function asksForVersion(argv: string[]): boolean {
  return (argv[0] ?? "-").startsWith("-") && argv.includes("--version");
}
