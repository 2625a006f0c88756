import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TaskEventType, TaskService, TaskStatus } from "../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { allEvents, createTasks, newOffice, type TaskClient } from "./support/task-helpers.js";

/**
 * The queue under contention, through the real server: many claimers never share a task or
 * lose one, claim order follows the documented rules, and fan-in releases its task exactly
 * when the last dependency is done, also when the completions race.
 */
let server: TestServer;
let tasks: TaskClient;
beforeAll(async () => {
  server = await startTestServer();
  tasks = clientFor(TaskService, server.url, server.adminKey);
});
afterAll(async () => server?.stop());

/** Claims one task for `agent` and completes it with a result naming the agent; undefined when nothing was claimable. */
async function claimAndComplete(client: TaskClient, officeId: string, agent: string): Promise<bigint | undefined> {
  const claim = await client.claimTask({ officeId, agent });
  if (!claim.task) return undefined;
  await client.updateTask({
    officeId,
    taskId: claim.task.id,
    agent,
    leaseToken: claim.leaseToken,
    status: TaskStatus.DONE,
    result: `done by ${agent}`,
  });
  return claim.task.id;
}

describe("32 concurrent claimers on 2,000 tasks", () => {
  it("claim every task exactly once and lose none", async () => {
    const officeId = await newOffice(server, "contention");
    const created = await createTasks(tasks, officeId, 2000);
    expect(new Set(created).size).toBe(2000);

    // Half the claimers speak Connect, half gRPC; each loops until the queue is empty.
    const claims: { agent: string; taskId: bigint }[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async (_, i) => {
        const agent = `worker-${i}`;
        const client = clientFor(TaskService, server.url, server.adminKey, i % 2 ? "grpc" : "connect");
        for (
          let id = await claimAndComplete(client, officeId, agent);
          id !== undefined;
          id = await claimAndComplete(client, officeId, agent)
        ) {
          claims.push({ agent, taskId: id });
        }
      }),
    );

    // Each claim returned a different task, and together they are exactly the created ones.
    expect(claims).toHaveLength(2000);
    expect(new Set(claims.map((c) => c.taskId))).toEqual(new Set(created));
    const claimerOf = new Map(claims.map((c) => [c.taskId, c.agent]));
    // More than one claimer got work, or this would not test contention at all.
    expect(new Set(claims.map((c) => c.agent)).size).toBeGreaterThan(1);

    // The event log agrees: one claimed event per task, by the agent that got it.
    const claimedEvents = (await allEvents(tasks, officeId)).filter((e) => e.type === TaskEventType.CLAIMED);
    expect(claimedEvents).toHaveLength(2000);
    for (const e of claimedEvents) expect(e.actor).toBe(claimerOf.get(e.taskId));

    // Nothing is left behind, and every task holds the result of its one claimer.
    const { stats } = await tasks.getTaskStats({ officeId });
    expect(stats).toMatchObject({ done: 2000, total: 2000, queued: 0, claimed: 0, running: 0 });
    const done = [];
    for (let pageToken = ""; ; ) {
      const page = await tasks.listTasks({ officeId, pageSize: 1000, pageToken });
      done.push(...page.tasks);
      pageToken = page.nextPageToken;
      if (!pageToken) break;
    }
    expect(done).toHaveLength(2000);
    for (const t of done) {
      expect(t.status).toBe(TaskStatus.DONE);
      expect(t.attempt).toBe(1);
      expect(t.result).toBe(`done by ${claimerOf.get(t.id)}`);
    }
  }, 180_000); // about 20 s alone; more when the whole suite shares the two cores
});

describe("claim order", () => {
  it("assigned to me first, then by priority, then oldest; others' and blocked tasks never", async () => {
    const officeId = await newOffice(server, "order");
    const make = async (title: string, opts: { priority?: number; assignedAgent?: string; dependsOn?: bigint[] } = {}) =>
      (await tasks.createTask({ officeId, title, ...opts })).task!;
    const normal = await make("unassigned normal", { priority: 50 });
    const mineLow = await make("mine, low priority", { priority: 100, assignedAgent: "alice" });
    const critical = await make("unassigned critical", { priority: 0 });
    const bobs = await make("bob's critical", { priority: 0, assignedAgent: "bob" });
    const criticalLater = await make("unassigned critical, newer", { priority: 0 });
    const blocked = await make("blocked on bob's task", { priority: 0, dependsOn: [bobs.id] });
    const mineHigh = await make("mine, high priority", { priority: 10, assignedAgent: "alice" });
    expect(blocked.status).toBe(TaskStatus.BLOCKED);

    const order: bigint[] = [];
    for (;;) {
      const claim = await tasks.claimTask({ officeId, agent: "alice" });
      if (!claim.task) break;
      expect(claim.task.status).toBe(TaskStatus.CLAIMED);
      expect(claim.task.lease?.owner).toBe("alice");
      order.push(claim.task.id);
    }
    expect(order).toEqual([mineHigh.id, mineLow.id, critical.id, criticalLater.id, normal.id]);

    // Bob's task was never offered to alice; once bob finishes it, the blocked task opens up.
    const bobClaim = await tasks.claimTask({ officeId, agent: "bob" });
    expect(bobClaim.task?.id).toBe(bobs.id);
    expect((await tasks.claimTask({ officeId, agent: "carol" })).task).toBeUndefined();
    await tasks.updateTask({
      officeId,
      taskId: bobs.id,
      agent: "bob",
      leaseToken: bobClaim.leaseToken,
      status: TaskStatus.DONE,
      result: "shipped",
    });
    expect((await tasks.claimTask({ officeId, agent: "carol" })).task?.id).toBe(blocked.id);
  });
});

describe("fan-in", () => {
  /** N claimed dependencies and one task depending on all of them, in a fresh office. */
  async function fanIn(n: number) {
    const officeId = await newOffice(server, `fan-in ${n}`);
    const deps = await createTasks(tasks, officeId, n, "part");
    const final = (await tasks.createTask({ officeId, title: "synthesize", dependsOn: deps })).task!;
    expect(final).toMatchObject({ status: TaskStatus.BLOCKED, pendingDependencyCount: n });
    const claims = await Promise.all(
      deps.map(async (_, i) => ({ agent: `part-${i}`, ...(await tasks.claimTask({ officeId, agent: `part-${i}` })) })),
    );
    expect(new Set(claims.map((c) => c.task?.id))).toEqual(new Set(deps));
    const complete = (c: (typeof claims)[number]) =>
      tasks.updateTask({
        officeId,
        taskId: c.task!.id,
        agent: c.agent,
        leaseToken: c.leaseToken,
        status: TaskStatus.DONE,
        result: `part by ${c.agent}`,
      });
    return { officeId, final, claims, complete };
  }

  it("becomes claimable exactly when the last of its dependencies is done", async () => {
    const { officeId, final, claims, complete } = await fanIn(5);
    for (const [i, c] of claims.slice(0, -1).entries()) {
      await complete(c);
      expect((await tasks.getTask({ officeId, taskId: final.id })).task).toMatchObject({
        status: TaskStatus.BLOCKED,
        pendingDependencyCount: 5 - i - 1,
      });
      expect((await tasks.claimTask({ officeId, agent: "synthesizer" })).task).toBeUndefined();
    }
    await complete(claims.at(-1)!);
    const claim = await tasks.claimTask({ officeId, agent: "synthesizer" });
    expect(claim.task).toMatchObject({ id: final.id, status: TaskStatus.CLAIMED, pendingDependencyCount: 0 });
  });

  it("is released exactly once when its dependencies finish at the same moment (20 rounds)", async () => {
    for (let round = 0; round < 20; round++) {
      const { officeId, final, claims, complete } = await fanIn(8);
      expect((await tasks.claimTask({ officeId, agent: "synthesizer" })).task).toBeUndefined();
      await Promise.all(claims.map(complete));
      const claim = await tasks.claimTask({ officeId, agent: "synthesizer" });
      expect(claim.task, `round ${round}`).toMatchObject({ id: final.id, pendingDependencyCount: 0 });
      // The audit trail has one release, after every dependency was done.
      const { logs } = await tasks.getTask({ officeId, taskId: final.id });
      const releases = logs.filter((l) => l.type === TaskEventType.STATUS_CHANGED);
      expect(releases, `round ${round}`).toHaveLength(1);
      expect(releases[0]!.message).toMatch(/queued/);
    }
  });

  it("a dependent created while its dependency completes is never left blocked (20 rounds)", async () => {
    const officeId = await newOffice(server, "create vs complete");
    for (let round = 0; round < 20; round++) {
      const { task: dep } = await tasks.createTask({ officeId, title: `dependency ${round}` });
      const claim = await tasks.claimTask({ officeId, agent: "worker" });
      expect(claim.task?.id).toBe(dep!.id);
      const [, created] = await Promise.all([
        tasks.updateTask({
          officeId,
          taskId: dep!.id,
          agent: "worker",
          leaseToken: claim.leaseToken,
          status: TaskStatus.DONE,
          result: "done",
        }),
        tasks.createTask({ officeId, title: `dependent ${round}`, dependsOn: [dep!.id] }),
      ]);
      const { task } = await tasks.getTask({ officeId, taskId: created.task!.id });
      expect(task, `round ${round}`).toMatchObject({ status: TaskStatus.QUEUED, pendingDependencyCount: 0 });
      // Leave the queue empty for the next round's claim.
      const next = await tasks.claimTask({ officeId, agent: "worker" });
      expect(next.task?.id).toBe(task!.id);
      await tasks.updateTask({
        officeId,
        taskId: task!.id,
        agent: "worker",
        leaseToken: next.leaseToken,
        status: TaskStatus.DONE,
        result: "done",
      });
    }
  });
});
