/** The shell tool's runner: one `bash -c` in the workspace, bounded in time and output. */
import { spawn } from "node:child_process";

/** Options of {@link runShell}. */
export interface ShellOptions {
  cwd: string;
  timeoutMs: number;
  /** Output kept, in bytes; the rest is dropped with a note. */
  maxOutputBytes: number;
  signal: AbortSignal;
}

/** How a command ended. */
export interface ShellResult {
  /** The exit code; null when killed. */
  exitCode: number | null;
  /** Why it was killed, if it was. */
  killed?: "timeout" | "aborted";
  /** stdout and stderr interleaved as they came, cut at maxOutputBytes. */
  output: string;
  truncated: boolean;
}

/**
 * Runs `command` with `bash -c` in its own process group, so a timeout or the task's abort
 * kills everything it started, not just bash. The command comes from the model; secrets stay in
 * the environment, never on the command line.
 */
export function runShell(command: string, options: ShellOptions): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(options.signal.reason);
    const child = spawn("bash", ["-c", command], { cwd: options.cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    let killed: ShellResult["killed"];
    const take = (chunk: Buffer) => {
      const room = options.maxOutputBytes - kept;
      if (room <= 0) {
        truncated = true;
        return;
      }
      if (chunk.length > room) truncated = true;
      const part = chunk.subarray(0, room);
      chunks.push(part);
      kept += part.length;
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    const kill = (why: NonNullable<ShellResult["killed"]>) => {
      killed ??= why;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => kill("timeout"), options.timeoutMs);
    const onAbort = () => kill("aborted");
    options.signal.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
    };
    child.on("error", (err) => {
      done();
      reject(err);
    });
    child.on("close", (code) => {
      done();
      if (killed === "aborted") return reject(options.signal.reason);
      resolve({ exitCode: killed ? null : code, killed, output: Buffer.concat(chunks).toString("utf8"), truncated });
    });
  });
}
