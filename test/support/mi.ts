import { expect } from "vitest";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { delimiter, dirname, resolve } from "node:path";
import { collect, type Run, type Running } from "./run.js";

const MI = resolve("node_modules/.bin/mi");

/**
 * Starts `mi` as a user runs it: the bin of the built `@mitosislabs/sdk` package (the global
 * setup builds it; test/packaging.test.ts covers installing it), Node 24 first on PATH, and only the
 * MITOSIS_* / MI_CONFIG_DIR settings given in `env` (none inherited from the test's shell).
 */
export function spawnMi(args: string[], env: Record<string, string>, opts: MiOptions = {}): ChildProcessWithoutNullStreams {
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of ["MITOSIS_ENDPOINT", "MITOSIS_API_KEY", "MI_CONFIG_DIR"]) if (!(name in env)) delete full[name];
  full.PATH = dirname(process.execPath) + delimiter + (process.env.PATH ?? "");
  return spawn(MI, args, { env: full, stdio: ["pipe", "pipe", "pipe"], cwd: opts.cwd });
}

/** Where `mi` runs. */
export interface MiOptions {
  /** Working directory (default: the test's, the repository root). */
  cwd?: string;
}

/** Starts `mi` and collects its output while it runs (for long-running commands like watch). */
export function startMi(args: string[], env: Record<string, string>, opts: MiOptions = {}): Running {
  return collect(spawnMi(args, env, opts));
}

/**
 * Runs `mi` to completion with `input` piped to its stdin (none by default); asynchronous
 * because the server under test lives in this process.
 */
export function runMi(args: string[], env: Record<string, string>, input?: string | Uint8Array, opts: MiOptions = {}): Promise<Run> {
  const running = startMi(args, env, opts);
  running.child.stdin.end(input);
  return running.exited;
}

/** The parsed `--json` output of a run, which must have succeeded. */
export function jsonOf<T>(run: Run): T {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** The value printed after `label:` in label/value output. */
export function fieldOf(stdout: string, label: string): string | undefined {
  return new RegExp(`^${label}: +(.*)$`, "m").exec(stdout)?.[1];
}
