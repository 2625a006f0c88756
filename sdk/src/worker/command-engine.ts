/**
 * The `command` engine: runs a configured coding CLI (a Claude Code or Codex command line) in
 * the agent's workspace with the task as its prompt on stdin. What it prints becomes the
 * result; the files it created or changed in the workspace go to the shared drive under
 * `tasks/<id>/` and become the task's artifacts. A non-zero exit or an empty answer is a session
 * that ended without completing (the queue's retry rules apply).
 */
import { spawn } from "node:child_process";
import { mkdtemp, open, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import type { Engine, ProofFile, ReplyRun, RunOutcome, TaskRun } from "./engine.js";

/** How the command is run. */
export interface CommandEngineOptions {
  /** The command line, run with `bash -c` (e.g. `claude -p --output-format text`). */
  command: string;
  /** Killed after this long (default 30 minutes). */
  timeoutMs?: number;
}

/** The most a result may hold (the task's limit). */
const MAX_RESULT_CHARS = 100_000;
/** Changed files beyond this many are not linked (a build directory is not proof). */
const MAX_ARTIFACTS = 50;

/** The engine that runs a coding CLI. */
export class CommandEngine implements Engine {
  readonly name = "command";

  constructor(private readonly options: CommandEngineOptions) {}

  async run(run: TaskRun): Promise<RunOutcome> {
    const before = await snapshot(run.workspace);
    await run.progress(`running the command for task ${run.task.id}`);
    // Stopped while the workspace was read (or the progress line sent): never start the command.
    if (run.signal.aborted) return { kind: "incomplete", reason: "stopped" };
    const prompt = [`Task ${run.task.id}: ${run.task.title}`, run.task.description].filter(Boolean).join("\n\n");
    const { code, stdout, stderr } = await this.execute(run, await promptFile(prompt), { MI_TASK_ID: String(run.task.id) });
    if (run.signal.aborted) return { kind: "incomplete", reason: "stopped" };
    if (code !== 0) {
      return { kind: "incomplete", reason: `the command exited with ${code}: ${tail(stderr || stdout)}` };
    }
    const result = stdout.trim();
    if (!result) return { kind: "incomplete", reason: "the command printed no result" };
    const changed = (await changedFiles(run.workspace, before)).slice(0, MAX_ARTIFACTS);
    const artifacts: ProofFile[] = [];
    for (const path of changed) {
      const drivePath = `tasks/${run.task.id}/${path}`;
      await run.client.files.uploadFile(run.officeId, drivePath, join(run.workspace, path), { signal: run.signal });
      artifacts.push({ drivePath, label: `${path} (written by the command)` });
    }
    if (artifacts.length > 0) await run.progress(`linked ${artifacts.length} changed file(s) as artifacts`);
    return { kind: "done", result: result.slice(0, MAX_RESULT_CHARS), artifacts };
  }

  /**
   * The command's answer to the agent's conversation with the operators: the conversation on
   * stdin (each line `operators:` or `you:`), asked to answer the latest message; its output is
   * the answer. A failing command answers nothing (the worker logs why).
   */
  async reply(run: ReplyRun): Promise<string> {
    const transcript = run.history.map((m) => `${m.fromSelf ? "you" : "operators"}: ${m.text}`).join("\n");
    const prompt = `You are ${run.agentName}, chatting with the operators of your office. The conversation so far:\n\n${transcript}\n\nAnswer their latest message briefly.`;
    const { code, stdout, stderr } = await this.execute(run, await promptFile(prompt), {});
    if (run.signal.aborted) return "";
    if (code !== 0) throw new Error(`the command exited with ${code}: ${tail(stderr || stdout)}`);
    return stdout.trim().slice(0, MAX_RESULT_CHARS);
  }

  /** Runs the command in its own process group, so a stop or timeout kills all it started. */
  private async execute(
    run: Pick<TaskRun, "workspace" | "signal">,
    prompt: string,
    env: Record<string, string>,
  ): Promise<{ code: number | string; stdout: string; stderr: string }> {
    // The prompt comes from a file: on a socket (what Node's pipes are) bash would source ~/.bashrc.
    const stdin = await open(prompt, "r");
    const child = spawn("bash", ["-c", this.options.command], {
      cwd: run.workspace,
      env: commandEnv(env),
      stdio: [stdin.fd, "pipe", "pipe"],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    child.stdout!.on("data", (d: Buffer) => {
      if (outBytes < MAX_RESULT_CHARS * 4) out.push(d);
      outBytes += d.byteLength;
    });
    child.stderr!.on("data", (d: Buffer) => {
      err.push(d);
      if (err.length > 64) err.shift();
    });
    const kill = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(kill, this.options.timeoutMs ?? 30 * 60_000);
    run.signal.addEventListener("abort", kill, { once: true });
    // An abort while the prompt file was written fired no event for this listener.
    if (run.signal.aborted) kill();
    // Listening before any await: a quick command can be gone before the next tick.
    const closed = new Promise<{ code: number | string; stdout: string; stderr: string }>((resolve) => {
      child.once("close", (code, signal) => {
        clearTimeout(timer);
        run.signal.removeEventListener("abort", kill);
        resolve({
          code: code ?? signal ?? "killed",
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
        });
      });
    });
    await stdin.close();
    await rm(dirname(prompt), { recursive: true, force: true });
    return closed;
  }
}

/** The command's prompt (a task, or a conversation to answer), in a private temporary file. */
async function promptFile(prompt: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mi-task-"));
  const path = join(dir, "prompt.txt");
  await writeFile(path, prompt, { mode: 0o600 });
  return path;
}

/** The agent's environment for the command, without what would make bash source files of its own. */
function commandEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { BASH_ENV: _bashEnv, ENV: _env, ...env } = process.env;
  return { ...env, ...extra };
}

/**
 * What each workspace file looks like by relative path (dot-directories such as .git skipped):
 * its size, modification time in nanoseconds and inode. Comparing these, as make and rsync do,
 * finds the files a command wrote without reading a large checkout twice per task; a file
 * rewritten with the same bytes counts as written.
 */
async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of await walk(root, root)) files.set(path, await fingerprint(join(root, path)));
  return files;
}

async function changedFiles(root: string, before: Map<string, string>): Promise<string[]> {
  const changed: string[] = [];
  for (const path of await walk(root, root)) {
    if (before.get(path) !== (await fingerprint(join(root, path)))) changed.push(path);
  }
  return changed.sort();
}

async function walk(root: string, dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(root, full)));
    else if (entry.isFile()) found.push(relative(root, full).split(sep).join("/"));
  }
  return found;
}

async function fingerprint(path: string): Promise<string> {
  const info = await stat(path, { bigint: true }).catch(() => undefined);
  return info ? `${info.size}:${info.mtimeNs}:${info.ino}` : "gone";
}

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 500 ? `…${trimmed.slice(-500)}` : trimmed || "(no output)";
}
