import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What a finished program run left behind. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running program whose output so far is in `out`; `exited` resolves with the whole run. */
export interface Running {
  child: ChildProcessWithoutNullStreams;
  out: { stdout: string; stderr: string };
  exited: Promise<Run>;
}

/** Collects a started program's output while it runs (for long-running ones such as `mi tasks watch`). */
export function collect(child: ChildProcessWithoutNullStreams): Running {
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<Run>((done, fail) => {
    child.on("error", fail);
    child.on("close", (code) => done({ code, ...out }));
  });
  return { child, out, exited };
}

/**
 * Runs a program to completion with `input` on stdin (none by default), in the repository root
 * unless told otherwise; never rejects on a non-zero exit. Asynchronous, because the server
 * under test may live in this process.
 */
export function run(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Run> {
  const running = collect(
    spawn(command, args, { cwd: opts.cwd ?? repoRoot, env: opts.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] }),
  );
  running.child.stdin.end(opts.input ?? "");
  return running.exited;
}
