import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommandEngine } from "./command-engine.js";
import type { TaskRun } from "./engine.js";

// Runs without files changing never reach the drive, so no client is needed here; the drive
// path is covered against a real server in test/worker.test.ts.
let workspace: string;
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "mi-command-engine-"));
});
afterAll(async () => rm(workspace, { recursive: true, force: true }));

function runOf(signal = new AbortController().signal): { run: TaskRun; progress: string[] } {
  const progress: string[] = [];
  const task = { id: 7, title: "Summarize", description: "the log" } as TaskRun["task"];
  const run = {
    task,
    officeId: "o",
    agentName: "a",
    workspace,
    client: undefined as never,
    leaseToken: "t",
    signal,
    progress: async (l: string) => void progress.push(l),
  };
  return { run, progress };
}

describe("the command engine", () => {
  it("completes with what an instant command prints, the task as its prompt", async () => {
    const { run, progress } = runOf();
    expect(await new CommandEngine({ command: "echo done" }).run(run)).toEqual({ kind: "done", result: "done", artifacts: [] });
    expect(await new CommandEngine({ command: 'echo "$MI_TASK_ID: $(cat)"' }).run(run)).toMatchObject({
      result: "7: Task 7: Summarize\n\nthe log",
    });
    expect(progress).toContain("running the command for task 7");
  });

  it("treats a failing or silent command as a session that ended without completing", async () => {
    expect(await new CommandEngine({ command: "echo 'no network' >&2; exit 4" }).run(runOf().run)).toEqual({
      kind: "incomplete",
      reason: "the command exited with 4: no network",
    });
    expect(await new CommandEngine({ command: "true" }).run(runOf().run)).toEqual({
      kind: "incomplete",
      reason: "the command printed no result",
    });
  });

  it("kills the command and everything it started when the run is stopped", async () => {
    const stop = new AbortController();
    const pending = new CommandEngine({ command: "sleep 30 & sleep 30; echo late" }).run(runOf(stop.signal).run);
    setTimeout(() => stop.abort(), 200);
    expect(await pending).toEqual({ kind: "incomplete", reason: "stopped" });
  });

  it("never starts the command when the run is stopped while it prepares", async () => {
    const stop = new AbortController();
    const { run } = runOf(stop.signal);
    // The worker is stopped (SIGTERM) just as the run reports it is about to start the command.
    const outcome = await new CommandEngine({ command: "touch started; echo done" }).run({ ...run, progress: async () => stop.abort() });
    expect(outcome).toEqual({ kind: "incomplete", reason: "stopped" });
    await expect(stat(join(workspace, "started"))).rejects.toThrow(/ENOENT/);
  });

  it("answers the operators with what the command prints for the conversation on stdin", async () => {
    const reply = (command: string) =>
      new CommandEngine({ command }).reply({
        officeId: "o",
        agentName: "a",
        workspace,
        history: [
          { fromSelf: false, text: "ping" },
          { fromSelf: true, text: "pong" },
          { fromSelf: false, text: "again?" },
        ],
        signal: new AbortController().signal,
      });
    expect(await reply("grep -c '^operators: ' ; true")).toBe("2");
    expect(await reply("grep '^you: '")).toBe("you: pong");
    await expect(reply("echo 'no model' >&2; exit 2")).rejects.toThrow("the command exited with 2: no model");
  });
});
