import { describe, expect, it } from "vitest";
import type { Input } from "../spec.js";
import type { Office, Task, TaskDetail } from "../sdk.js";
import { listOffices } from "./offices.js";
import { getTask, listTasks } from "./tasks.js";
import { claimTask } from "./task-work.js";

// Rendering is a pure function of a command's result and the terminal, so people's views are
// tested here without a server; test/cli-in-process.test.ts renders real results.

const input = (flags: Input["flags"] = {}): Input => ({ args: { officeId: "o-1", taskId: 1 }, flags, json: undefined });
const tty = (columns: number) => ({ tty: true, columns });
const pipe = { tty: false, columns: 80 };

const office: Office = {
  id: "0b7c6a3e-5f1d-4c2a-9e8b-1d2c3b4a5f60",
  name: "code-review",
  status: "active",
  createdAt: "2026-04-27T10:00:00.000Z",
};

function task(id: number, title: string, extra: Partial<Task> = {}): Task {
  return {
    id,
    title,
    description: "",
    status: "queued",
    kind: "review",
    priority: 50,
    assignedAgent: "",
    createdBy: "operator:acc",
    dependsOn: [],
    pendingDependencyCount: 0,
    resultSummary: "",
    result: "",
    error: "",
    requiredTools: [],
    subtaskCount: 0,
    doneSubtaskCount: 0,
    retryCount: 0,
    attempt: 0,
    interruptions: 0,
    createdAt: "2026-04-27T10:00:00.000Z",
    updatedAt: "2026-04-27T10:00:00.000Z",
    ...extra,
  };
}

describe("list views", () => {
  it("fit the terminal, cutting the widest column (here the title) with an ellipsis", () => {
    const tasks = [task(1, "Review pipeline"), task(2, "Find bugs and edge cases in the rate limiter and its tests", { parentId: 1 })];
    const out = listTasks.render!(tasks, input(), tty(60)).data!;
    expect(out).toBe(
      [
        "ID  PARENT  STATUS  KIND    PRIORITY  AGENT  TITLE",
        "1   -       queued  review  50        -      Review pipeline",
        "2   1       queued  review  50        -      Find bugs and…",
        "",
      ].join("\n"),
    );
  });

  it("are tab-separated and whole when piped", () => {
    expect(listOffices.render!([office], input(), pipe)).toEqual({
      data: `ID\tNAME\tSTATUS\tCREATED\n${office.id}\tcode-review\tactive\t${office.createdAt}\n`,
    });
    const long = "x".repeat(300);
    expect(listTasks.render!([task(1, long)], input(), pipe).data).toBe(
      `ID\tPARENT\tSTATUS\tKIND\tPRIORITY\tAGENT\tTITLE\n1\t-\tqueued\treview\t50\t-\t${long}\n`,
    );
  });

  it("say so on stderr when there is nothing to list, leaving stdout empty", () => {
    expect(listOffices.render!([], input(), tty(80))).toEqual({
      status: "No offices yet. Create one with mi offices create --name <name>.\n",
    });
    expect(listTasks.render!([], input(), pipe).data).toBeUndefined();
  });
});

describe("detail views", () => {
  const detail: TaskDetail = {
    task: task(1, "Review pipeline", { subtaskCount: 1 }),
    subtasks: [task(2, "Find bugs", { parentId: 1, status: "done" })],
    logs: [{ id: 1, type: "created", actor: "operator:acc", message: "", createdAt: "2026-04-27T10:00:00.000Z" }],
    comments: [],
    artifacts: [],
    linkedMessages: [],
  };

  it("show a task's fields, then its sub-tables in the terminal's or the pipe's form", () => {
    const piped = getTask.render!(detail, input(), pipe).data!;
    expect(piped).toMatch(/^id: +1\ntitle: +Review pipeline\n/);
    expect(piped).toMatch(/^subtasks: +0\/1 done$/m);
    expect(piped).toContain("Subtasks:\nID\tPARENT\tSTATUS\tKIND\tPRIORITY\tAGENT\tTITLE\n2\t1\tdone\treview\t50\t-\tFind bugs\n");
    expect(piped).toContain("Comments: none\n");
    const terminal = getTask.render!(detail, input(), tty(120)).data!;
    expect(terminal).toContain(
      "Subtasks:\nID  PARENT  STATUS  KIND    PRIORITY  AGENT  TITLE\n2   1       done    review  50        -      Find bugs\n",
    );
  });

  it("put the message on stderr and the data on stdout", () => {
    const claimed = { task: task(3, "x", { status: "claimed" }), leaseToken: "lt_1", leaseExpiresAt: "2026-04-27T10:05:00.000Z" };
    const out = claimTask.render!(claimed, input({ agent: "analyst" }), pipe);
    expect(out.status).toBe("Claimed task 3 for analyst. Pass the lease token on every update.\n");
    expect(out.data).toMatch(/^lease token: +lt_1$/m);
    expect(claimTask.render!(null, input({ agent: "analyst" }), pipe)).toEqual({ status: "No task to claim for analyst.\n" });
  });
});
