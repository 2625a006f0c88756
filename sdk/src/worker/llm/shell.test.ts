import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runShell } from "./shell.js";

let cwd: string;
beforeAll(async () => {
  cwd = await realpath(await mkdtemp(path.join(os.tmpdir(), "mi-shell-")));
});
afterAll(async () => rm(cwd, { recursive: true, force: true }));

const live = () => new AbortController().signal;
const options = (more: Partial<Parameters<typeof runShell>[1]> = {}) => ({
  cwd,
  timeoutMs: 30_000,
  maxOutputBytes: 1024,
  signal: live(),
  ...more,
});

/** Whether a process is gone (or a zombie waiting for its reaper, which is as dead). */
async function gone(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

describe("runShell", () => {
  it("runs bash in the directory and reports the exit code and both streams", async () => {
    expect(await runShell("pwd; echo err >&2; exit 4", options())).toEqual({
      exitCode: 4,
      killed: undefined,
      output: `${cwd}\nerr\n`,
      truncated: false,
    });
  });

  it("keeps at most maxOutputBytes of output", async () => {
    const r = await runShell("head -c 100000 /dev/zero | tr '\\0' a", options({ maxOutputBytes: 1000 }));
    expect([r.exitCode, r.output, r.truncated]).toEqual([0, "a".repeat(1000), true]);
  });

  it("kills the whole process group on timeout", async () => {
    const r = await runShell("sleep 300 & echo $!; wait", options({ timeoutMs: 200 }));
    expect([r.exitCode, r.killed]).toEqual([null, "timeout"]);
    expect(await gone(Number(r.output.trim()))).toBe(true);
  });

  it("kills the command and rejects with the reason when the signal aborts", async () => {
    const abort = new AbortController();
    const running = runShell("sleep 300 & echo $! > sleeper.pid; wait", options({ signal: abort.signal }));
    // Abort once the command has started its child.
    while (!(await readFile(path.join(cwd, "sleeper.pid"), "utf8").catch(() => "")).trim()) await new Promise((r) => setTimeout(r, 10));
    abort.abort(new Error("lease lost"));
    await expect(running).rejects.toThrow("lease lost");
    expect(await gone(Number((await readFile(path.join(cwd, "sleeper.pid"), "utf8")).trim()))).toBe(true);
  });
});
