import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { ArtifactKind, TaskEventType, TaskKind, TaskService, TaskStatus } from "../gen/ts/mitosis/v1/task_pb.js";
import { ErrorInfoSchema } from "../gen/ts/google/rpc/error_details_pb.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tasks: ReturnType<typeof clientFor<typeof TaskService>>;
let newOffice: () => Promise<string>;

beforeAll(async () => {
  server = await startTestServer();
  tasks = clientFor(TaskService, server.url, server.adminKey);
  const offices = clientFor(OfficeService, server.url, server.adminKey);
  newOffice = async () => (await offices.createOffice({ name: "tasks" })).office!.id;
});
afterAll(async () => server?.stop());

async function failure(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (err) {
    return ConnectError.from(err);
  }
  throw new Error("expected the call to fail");
}

describe("creating tasks", () => {
  it("numbers tasks per office from 1, with the documented defaults", async () => {
    const [a, b] = [await newOffice(), await newOffice()];
    const first = (await tasks.createTask({ officeId: a, title: "Review pipeline" })).task!;
    const second = (await tasks.createTask({ officeId: a, title: "Second" })).task!;
    const otherFirst = (await tasks.createTask({ officeId: b, title: "Elsewhere" })).task!;
    expect([first.id, second.id, otherFirst.id]).toEqual([1n, 2n, 1n]);
    expect(first).toMatchObject({ status: TaskStatus.QUEUED, kind: TaskKind.GENERAL, priority: 50, assignedAgent: "", retryCount: 0 });
    expect(first.createdBy).toMatch(/^operator:/);
  });

  it("keeps everything the docs' create call takes", async () => {
    const officeId = await newOffice();
    await tasks.createTask({ officeId, title: "Parent" });
    await tasks.createTask({ officeId, title: "Dep" });
    const { task } = await tasks.createTask({
      officeId,
      title: "Review pipeline",
      description: "Audit the CI/CD pipeline for security issues",
      kind: TaskKind.REVIEW,
      priority: 10,
      assignedAgent: "analyst",
      parentId: 1n,
      dependsOn: [2n],
      requiredTools: ["github", "chromium"],
    });
    expect(task).toMatchObject({
      id: 3n,
      parentId: 1n,
      description: "Audit the CI/CD pipeline for security issues",
      kind: TaskKind.REVIEW,
      priority: 10,
      assignedAgent: "analyst",
      dependsOn: [2n],
      pendingDependencyCount: 1,
      status: TaskStatus.BLOCKED,
      requiredTools: ["github", "chromium"],
    });
    expect((await tasks.getTask({ officeId, taskId: 1n })).task?.subtaskCount).toBe(1);
  });

  it("rejects unknown parents and dependencies, self-dependencies and bad fields, and loses nothing", async () => {
    const officeId = await newOffice();
    const other = await newOffice();
    await tasks.createTask({ officeId: other, title: "in another office" });
    await tasks.createTask({ officeId, title: "one" });
    const cases: [string, () => Promise<unknown>, Code, RegExp][] = [
      [
        "unknown parent",
        () => tasks.createTask({ officeId, title: "x", parentId: 9n }),
        Code.InvalidArgument,
        /parent_id: task 9 does not exist/,
      ],
      [
        "unknown dependency",
        () => tasks.createTask({ officeId, title: "x", dependsOn: [1n, 7n] }),
        Code.InvalidArgument,
        /depends_on: task 7 does not exist/,
      ],
      [
        "itself (the number it would get)",
        () => tasks.createTask({ officeId, title: "x", dependsOn: [2n] }),
        Code.InvalidArgument,
        /cannot depend on itself/,
      ],
      [
        "parent in another office",
        () => tasks.createTask({ officeId: other, title: "x", parentId: 2n }),
        Code.InvalidArgument,
        /parent_id/,
      ],
      ["empty title", () => tasks.createTask({ officeId, title: "" }), Code.InvalidArgument, /title/],
      ["blank title", () => tasks.createTask({ officeId, title: "  " }), Code.InvalidArgument, /title/],
      ["priority 500", () => tasks.createTask({ officeId, title: "x", priority: 500 }), Code.InvalidArgument, /priority/],
      ["duplicate dependency", () => tasks.createTask({ officeId, title: "x", dependsOn: [1n, 1n] }), Code.InvalidArgument, /depends_on/],
      [
        "bad agent name",
        () => tasks.createTask({ officeId, title: "x", assignedAgent: "Not A Name" }),
        Code.InvalidArgument,
        /assigned_agent/,
      ],
    ];
    for (const [name, call, code, message] of cases) {
      const err = await failure(call());
      expect(err.code, name).toBe(code);
      expect(err.rawMessage, name).toMatch(message);
    }
    // nothing half-written: the next task still gets number 2
    expect((await tasks.createTask({ officeId, title: "two" })).task!.id).toBe(2n);
  });

  it('rejects dependsOn "x" over JSON with a clear message', async () => {
    const officeId = await newOffice();
    const res = await fetch(`${server.url}/api/offices/${officeId}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "x", dependsOn: ["x"] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/dependsOn|depends_on/);
  });
});

describe("listing and reading", () => {
  it("filters by status, pages newest first and returns the docs' detail", async () => {
    const officeId = await newOffice();
    for (let i = 1; i <= 5; i++) await tasks.createTask({ officeId, title: `task ${i}` });
    await tasks.createTask({ officeId, title: "child", parentId: 1n });
    await tasks.claimTask({ officeId, agent: "analyst" });

    const claimed = await tasks.listTasks({ officeId, statuses: [TaskStatus.CLAIMED] });
    expect(claimed.tasks.map((t) => t.id)).toEqual([1n]);
    const open = await tasks.listTasks({ officeId, statuses: [TaskStatus.QUEUED, TaskStatus.CLAIMED] });
    expect(open.tasks).toHaveLength(6);

    const seen: bigint[] = [];
    let pageToken = "";
    do {
      const page = await tasks.listTasks({ officeId, pageSize: 4, pageToken });
      seen.push(...page.tasks.map((t) => t.id));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual([6n, 5n, 4n, 3n, 2n, 1n]);

    await tasks.addTaskComment({ officeId, taskId: 1n, agent: "analyst", message: "Found 3 issues in the rate limiter" });
    await tasks.addTaskArtifact({
      officeId,
      taskId: 1n,
      kind: ArtifactKind.FILE,
      path: "/shared/files/report.md",
      label: "Code analysis report",
    });
    await tasks.updateTask({ officeId, taskId: 1n, agent: "analyst", status: TaskStatus.RUNNING, progress: "reading the code" });
    const detail = await tasks.getTask({ officeId, taskId: 1n });
    expect(detail.task?.status).toBe(TaskStatus.RUNNING);
    expect(detail.subtasks.map((t) => t.title)).toEqual(["child"]);
    expect(detail.comments.map((c) => [c.author, c.message])).toEqual([["analyst", "Found 3 issues in the rate limiter"]]);
    expect(detail.artifacts.map((a) => [a.kind, a.path, a.label])).toEqual([
      [ArtifactKind.FILE, "/shared/files/report.md", "Code analysis report"],
    ]);
    expect(detail.logs.map((l) => l.type)).toEqual([
      TaskEventType.CREATED,
      TaskEventType.CLAIMED,
      TaskEventType.COMMENTED,
      TaskEventType.ARTIFACT_ADDED,
      TaskEventType.STATUS_CHANGED,
      TaskEventType.PROGRESS,
    ]);
    expect(detail.logs.find((l) => l.type === TaskEventType.PROGRESS)?.message).toBe("reading the code");
    expect(detail.linkedMessages).toEqual([]);
    expect((await tasks.listSubtasks({ officeId, taskId: 1n })).subtasks.map((t) => t.id)).toEqual([6n]);
    expect((await tasks.listTaskArtifacts({ officeId, taskId: 1n })).artifacts).toHaveLength(1);
    expect((await tasks.listTaskComments({ officeId, taskId: 1n })).comments).toHaveLength(1);
    expect((await tasks.getTaskStats({ officeId })).stats).toMatchObject({ queued: 5, running: 1, done: 0, total: 6 });
  });
});

describe("claiming and finishing", () => {
  it("claims assigned work first, then by priority and age, and never blocked tasks", async () => {
    const officeId = await newOffice();
    await tasks.createTask({ officeId, title: "low", priority: 90 }); // 1
    await tasks.createTask({ officeId, title: "critical", priority: 0 }); // 2
    await tasks.createTask({ officeId, title: "mine, normal", assignedAgent: "analyst" }); // 3
    await tasks.createTask({ officeId, title: "someone else's", assignedAgent: "reviewer", priority: 0 }); // 4
    await tasks.createTask({ officeId, title: "blocked", priority: 0, dependsOn: [1n] }); // 5
    await tasks.createTask({ officeId, title: "critical too", priority: 0 }); // 6
    const order: bigint[] = [];
    for (;;) {
      const claim = await tasks.claimTask({ officeId, agent: "analyst" });
      if (!claim.task) break;
      expect(claim.leaseToken).not.toBe("");
      order.push(claim.task.id);
    }
    expect(order).toEqual([3n, 2n, 6n, 1n]);
    // reviewer's task is still there for reviewer; the blocked one for nobody
    expect((await tasks.claimTask({ officeId, agent: "reviewer" })).task?.id).toBe(4n);
    expect((await tasks.claimTask({ officeId, agent: "reviewer" })).task).toBeUndefined();
  });

  it("claims by kind when asked", async () => {
    const officeId = await newOffice();
    await tasks.createTask({ officeId, title: "code", kind: TaskKind.CODE });
    await tasks.createTask({ officeId, title: "review", kind: TaskKind.REVIEW });
    expect((await tasks.claimTask({ officeId, agent: "reviewer", kind: TaskKind.REVIEW })).task?.title).toBe("review");
    expect((await tasks.claimTask({ officeId, agent: "reviewer", kind: TaskKind.REVIEW })).task).toBeUndefined();
  });

  it("needs a result to be done, refuses illegal transitions and releases dependents", async () => {
    const officeId = await newOffice();
    await tasks.createTask({ officeId, title: "work" });
    await tasks.createTask({ officeId, title: "after", dependsOn: [1n] });
    const { leaseToken } = await tasks.claimTask({ officeId, agent: "analyst" });
    const noResult = await failure(tasks.updateTask({ officeId, taskId: 1n, status: TaskStatus.DONE, leaseToken }));
    expect(noResult.code).toBe(Code.InvalidArgument);
    expect(noResult.rawMessage).toMatch(/result is required/);
    const blank = await failure(tasks.updateTask({ officeId, taskId: 1n, status: TaskStatus.DONE, result: "   ", leaseToken }));
    expect(blank.rawMessage).toMatch(/proof of work/);
    await tasks.updateTask({ officeId, taskId: 1n, status: TaskStatus.RUNNING, leaseToken });
    const done = await tasks.updateTask({
      officeId,
      taskId: 1n,
      status: TaskStatus.DONE,
      result: "Analysis complete — see /shared/files/report.md",
      leaseToken,
    });
    expect(done.task).toMatchObject({ status: TaskStatus.DONE, resultSummary: "Analysis complete — see /shared/files/report.md" });
    expect(done.task?.completedAt).toBeDefined();
    expect(done.task?.lease).toBeUndefined();
    const back = await failure(tasks.updateTask({ officeId, taskId: 1n, status: TaskStatus.RUNNING }));
    expect(back.code).toBe(Code.FailedPrecondition);
    expect(back.rawMessage).toMatch(/done, which is final: use retry/);
    expect((await tasks.getTask({ officeId, taskId: 2n })).task?.status).toBe(TaskStatus.QUEUED);
    const skip = await failure(tasks.updateTask({ officeId, taskId: 2n, status: TaskStatus.RUNNING }));
    expect(skip.rawMessage).toMatch(/claim it first/);
  });

  it("shows a parent's progress as its subtasks finish", async () => {
    const officeId = await newOffice();
    await tasks.createTask({ officeId, title: "Review rate-limiter.go", kind: TaskKind.REVIEW });
    await tasks.createTask({ officeId, title: "Find bugs", parentId: 1n, assignedAgent: "reviewer" });
    await tasks.createTask({ officeId, title: "Analyze performance", parentId: 1n, assignedAgent: "analyst" });
    const parent = async () => (await tasks.getTask({ officeId, taskId: 1n })).task!;
    expect(await parent()).toMatchObject({ subtaskCount: 2, doneSubtaskCount: 0 });
    const claim = await tasks.claimTask({ officeId, agent: "reviewer" });
    await tasks.updateTask({ officeId, taskId: claim.task!.id, status: TaskStatus.DONE, result: "3 bugs", leaseToken: claim.leaseToken });
    expect(await parent()).toMatchObject({ subtaskCount: 2, doneSubtaskCount: 1 });
    await tasks.verifyTask({ officeId, taskId: claim.task!.id, accepted: false, comments: "look again" });
    await tasks.retryTask({ officeId, taskId: claim.task!.id });
    expect(await parent()).toMatchObject({ subtaskCount: 2, doneSubtaskCount: 0 });
  });

  it("lets an agent change only its own tasks; operators may change any", async () => {
    const officeId = await newOffice();
    await tasks.createTask({ officeId, title: "for a", assignedAgent: "agent-a" });
    expect((await tasks.claimTask({ officeId, agent: "agent-b" })).task).toBeUndefined();
    const denied = await failure(tasks.updateTask({ officeId, taskId: 1n, agent: "agent-b", progress: "sneaking" }));
    expect(denied.code).toBe(Code.PermissionDenied);
    expect(denied.rawMessage).toMatch(/assigned to agent-a/);
    const { leaseToken } = await tasks.claimTask({ officeId, agent: "agent-a" });
    expect(leaseToken).toBeTruthy();
    const whileLeased = await failure(tasks.updateTask({ officeId, taskId: 1n, agent: "agent-b", status: TaskStatus.RUNNING }));
    expect(whileLeased.code).toBe(Code.PermissionDenied);
    const wrongToken = await failure(
      tasks.updateTask({ officeId, taskId: 1n, agent: "agent-a", leaseToken: "00000000-0000-4000-8000-000000000000", progress: "x" }),
    );
    expect(wrongToken.code).toBe(Code.FailedPrecondition);
    expect(wrongToken.findDetails(ErrorInfoSchema)[0]?.reason).toBe("LEASE_LOST");
    // the operator cancels it
    const cancelled = await tasks.updateTask({ officeId, taskId: 1n, status: TaskStatus.CANCELLED });
    expect(cancelled.task?.status).toBe(TaskStatus.CANCELLED);
  });

  it("review loop: reject with verify, retry with feedback and reassignment", async () => {
    const officeId = await newOffice();
    await tasks.createTask({ officeId, title: "do work", assignedAgent: "worker" });
    const claim = await tasks.claimTask({ officeId, agent: "worker" });
    await tasks.updateTask({ officeId, taskId: 1n, agent: "worker", status: TaskStatus.DONE, result: "v1", leaseToken: claim.leaseToken });
    expect((await failure(tasks.verifyTask({ officeId, taskId: 1n, accepted: false, reviewer: "lead" }))).rawMessage).toMatch(
      /comments are required/,
    );
    const rejected = await tasks.verifyTask({ officeId, taskId: 1n, accepted: false, reviewer: "lead", comments: "missing edge cases" });
    expect(rejected.task?.verification).toMatchObject({ accepted: false, reviewer: "lead", comments: "missing edge cases" });
    const retried = await tasks.retryTask({
      officeId,
      taskId: 1n,
      reason: "cover edge cases",
      updatedDescription: "Focus on error handling paths",
      assignedAgent: "worker-2",
    });
    expect(retried.task).toMatchObject({
      status: TaskStatus.QUEUED,
      retryCount: 1,
      result: "",
      error: "",
      description: "Focus on error handling paths",
      assignedAgent: "worker-2",
    });
    expect(retried.task?.verification).toBeUndefined();
    const logs = (await tasks.getTask({ officeId, taskId: 1n })).logs;
    expect(logs.filter((l) => l.type === TaskEventType.VERIFIED).map((l) => l.message)).toEqual(["rejected by lead: missing edge cases"]);
    expect(logs.filter((l) => l.type === TaskEventType.RETRIED).map((l) => l.message)).toEqual(["retry 1: cover edge cases"]);
    // only failed, cancelled or rejected tasks can be retried
    await tasks.createTask({ officeId, title: "fresh" });
    expect((await failure(tasks.retryTask({ officeId, taskId: 2n }))).code).toBe(Code.FailedPrecondition);
    expect((await failure(tasks.verifyTask({ officeId, taskId: 2n, accepted: true }))).rawMessage).toMatch(/only done tasks/);
  });
});

describe("isolation between accounts", () => {
  it("another account gets not_found from every task RPC on an office it does not own", async () => {
    const officeId = await newOffice();
    await tasks.createTask({ officeId, title: "private" });
    const mallory = clientFor(TaskService, server.url, (await server.newAccount("mallory")).apiKey);
    const calls: [string, () => Promise<unknown>][] = [
      ["CreateTask", () => mallory.createTask({ officeId, title: "x" })],
      ["ListTasks", () => mallory.listTasks({ officeId })],
      ["GetTask", () => mallory.getTask({ officeId, taskId: 1n })],
      ["UpdateTask", () => mallory.updateTask({ officeId, taskId: 1n, progress: "x" })],
      ["ClaimTask", () => mallory.claimTask({ officeId, agent: "x" })],
      ["RenewTaskLease", () => mallory.renewTaskLease({ officeId, taskId: 1n, leaseToken: "t" })],
      ["ListSubtasks", () => mallory.listSubtasks({ officeId, taskId: 1n })],
      ["AddTaskArtifact", () => mallory.addTaskArtifact({ officeId, taskId: 1n, kind: ArtifactKind.FILE, path: "/x" })],
      ["ListTaskArtifacts", () => mallory.listTaskArtifacts({ officeId, taskId: 1n })],
      ["AddTaskComment", () => mallory.addTaskComment({ officeId, taskId: 1n, message: "x" })],
      ["ListTaskComments", () => mallory.listTaskComments({ officeId, taskId: 1n })],
      ["VerifyTask", () => mallory.verifyTask({ officeId, taskId: 1n, accepted: true })],
      ["RetryTask", () => mallory.retryTask({ officeId, taskId: 1n })],
      ["GetTaskStats", () => mallory.getTaskStats({ officeId })],
      ["ListTaskEvents", () => mallory.listTaskEvents({ officeId })],
      [
        "WatchTasks",
        async () => {
          for await (const _ of mallory.watchTasks({ officeId })) break;
        },
      ],
    ];
    for (const [name, call] of calls) expect((await failure(call())).code, name).toBe(Code.NotFound);
    const stats = (await tasks.getTaskStats({ officeId })).stats;
    expect(stats).toMatchObject({ total: 1, queued: 1 });
    expect((await tasks.getTask({ officeId, taskId: 1n })).logs).toHaveLength(1);
  });
});

describe("bad input on every task RPC", () => {
  it("answers invalid_argument naming the field, and changes nothing", async () => {
    const officeId = await newOffice();
    await tasks.createTask({ officeId, title: "untouched" });
    const bad = "not-a-uuid";
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ["CreateTask", () => tasks.createTask({ officeId, title: "x", kind: 99 as TaskKind }), /kind/],
      ["ListTasks", () => tasks.listTasks({ officeId, pageSize: 5000 }), /page_size/],
      ["GetTask", () => tasks.getTask({ officeId, taskId: 0n }), /task_id/],
      ["UpdateTask", () => tasks.updateTask({ officeId, taskId: 1n, priority: 101 }), /priority/],
      ["ClaimTask", () => tasks.claimTask({ officeId, agent: "Bad Agent" }), /agent/],
      ["RenewTaskLease", () => tasks.renewTaskLease({ officeId, taskId: 1n, leaseToken: "" }), /lease_token/],
      ["ListSubtasks", () => tasks.listSubtasks({ officeId: bad, taskId: 1n }), /office_id/],
      ["AddTaskArtifact", () => tasks.addTaskArtifact({ officeId, taskId: 1n, kind: ArtifactKind.FILE, path: "has space" }), /path/],
      ["ListTaskArtifacts", () => tasks.listTaskArtifacts({ officeId, taskId: -1n }), /task_id/],
      ["AddTaskComment", () => tasks.addTaskComment({ officeId, taskId: 1n, message: "  " }), /message/],
      ["ListTaskComments", () => tasks.listTaskComments({ officeId, taskId: 1n, pageSize: -1 }), /page_size/],
      ["VerifyTask", () => tasks.verifyTask({ officeId, taskId: 1n, accepted: false }), /comments are required/],
      ["RetryTask", () => tasks.retryTask({ officeId, taskId: 1n, assignedAgent: "No Way" }), /assigned_agent/],
      ["GetTaskStats", () => tasks.getTaskStats({ officeId: bad }), /office_id/],
      ["ListTaskEvents", () => tasks.listTaskEvents({ officeId, sinceId: -1n }), /since_id/],
      [
        "WatchTasks",
        async () => {
          for await (const _ of tasks.watchTasks({ officeId, statuses: [TaskStatus.UNSPECIFIED] })) break;
        },
        /statuses/,
      ],
    ];
    for (const [name, call, field] of cases) {
      const err = await failure(call()).catch((e: Error) => {
        throw new Error(`${name}: ${e.message}`);
      });
      expect(err.code, name).toBe(Code.InvalidArgument);
      expect(err.rawMessage, name).toMatch(field);
    }
    const { task, logs } = await tasks.getTask({ officeId, taskId: 1n });
    expect(task).toMatchObject({ status: TaskStatus.QUEUED, priority: 50, retryCount: 0 });
    expect(logs).toHaveLength(1);
  });
});
