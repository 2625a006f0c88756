import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What a finished subprocess said. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (never throws on a non-zero exit) and collects its output. */
export function run(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd ?? repoRoot, env: opts.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

/** The non-npm tools of scripts/tools.sh, installed (or found in the cache) for this run. */
export interface InteropTools {
  /** process.env plus the tool folders and the venv first on PATH. */
  env: NodeJS.ProcessEnv;
  /** Python of the cached venv that has grpcio and gen/python installed. */
  python: string;
  /** grpcurl binary. */
  grpcurl: string;
}

/** Runs scripts/tools.sh (fast when warm; a cold machine pays the installs once). */
export async function interopTools(): Promise<InteropTools> {
  const script = 'eval "$(bash scripts/tools.sh)" && printf "%s\\0%s\\0%s" "$PATH" "$MITOSIS_PYTHON" "$MITOSIS_GRPCURL"';
  const res = await run("bash", ["-c", script]);
  if (res.code !== 0) throw new Error(`scripts/tools.sh failed (${res.code}):\n${res.stderr}`);
  const [PATH, python, grpcurl] = res.stdout.split("\0") as [string, string, string];
  return { env: { ...process.env, PATH }, python, grpcurl };
}

/** Names of the tests a `go test -v` or `pytest -v` run reports as passed. */
export function passedTests(output: string): string[] {
  const go = [...output.matchAll(/^\s*--- PASS: (\S+)/gm)].map((m) => m[1]!);
  const py = [...output.matchAll(/::(\w+) PASSED/g)].map((m) => m[1]!);
  return [...go, ...py];
}
