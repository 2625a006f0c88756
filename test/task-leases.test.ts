import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Code } from "@connectrpc/connect";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TaskEventType, TaskService, TaskStatus } from "../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "./support/clients.js";
import { PAST_ANY_LEASE_MS } from "./support/clock.js";
import { QueueDb } from "./support/queue-db.js";
import { startReplica } from "./support/replica.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { allEvents, createTasks, failureOf, mapLimit, newOffice, type TaskClient } from "./support/task-helpers.js";

/**
 * Leases with fencing tokens: an expired lease requeues the task without using an attempt (its
 * worker was lost, not the work) and fails it once its workers were lost too often,
 * a worker that lost its lease can no longer write, a killed worker's task goes to another
 * worker, and the reaper handles every expired lease once even on two replicas. Leases run
 * out when the test moves the servers' clock past them; the reaper itself is untouched.
 */
const QUEUE_ENV = { MI_TASK_RETRY_BACKOFF_MS: "0", MI_LEASE_SWEEP_MS: "100", MI_TASK_MAX_INTERRUPTIONS: "2" };
const EVENTUALLY = { timeout: 30_000, interval: 100 };
const LEASE_LOST = { code: Code.FailedPrecondition, reason: "LEASE_LOST" };

let server: TestServer;
let tasks: TaskClient;
let db: QueueDb;
beforeAll(async () => {
  server = await startTestServer(QUEUE_ENV);
  tasks = clientFor(TaskService, server.url, server.adminKey);
  db = new QueueDb(server.databaseUrl!);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

async function statusOf(officeId: string, taskId: bigint) {
  return (await tasks.getTask({ officeId, taskId })).task!;
}

describe("lease expiry", () => {
  it("requeues without using an attempt (a lost worker is not a failed session), then fails after too many; each step is in the audit trail", async () => {
    const officeId = await newOffice(server, "expiry");
    const { task } = await tasks.createTask({ officeId, title: "flaky job" });
    const taskId = task!.id;
    for (const n of [1, 2, 3]) {
      const claim = await tasks.claimTask({ officeId, agent: `worker-${n}` });
      expect(claim.task).toMatchObject({ id: taskId, attempt: 1, interruptions: n - 1, status: TaskStatus.CLAIMED });
      server.clock.advance(PAST_ANY_LEASE_MS);
      const expected = n < 3 ? TaskStatus.QUEUED : TaskStatus.FAILED;
      await vi.waitFor(async () => expect((await statusOf(officeId, taskId)).status).toBe(expected), EVENTUALLY);
    }
    const failed = await statusOf(officeId, taskId);
    expect(failed).toMatchObject({ attempt: 0, interruptions: 3 });
    expect(failed.lease).toBeUndefined();
    expect(failed.error).toMatch(/lease of worker-3 expired; its workers stopped 3 times while holding it, giving up/);
    expect(failed.completedAt).toBeDefined();

    const { logs } = await tasks.getTask({ officeId, taskId });
    const requeued = "requeued without using an attempt";
    expect(logs.map((l) => [l.type, l.actor, l.message])).toEqual([
      [TaskEventType.CREATED, expect.stringMatching(/^operator:/), "created"],
      [TaskEventType.CLAIMED, "worker-1", "claimed (attempt 1)"],
      [TaskEventType.LEASE_EXPIRED, "system:lease-reaper", `the lease of worker-1 expired (interruption 1 of at most 2); ${requeued}`],
      [TaskEventType.CLAIMED, "worker-2", "claimed (attempt 1)"],
      [TaskEventType.LEASE_EXPIRED, "system:lease-reaper", `the lease of worker-2 expired (interruption 2 of at most 2); ${requeued}`],
      [TaskEventType.CLAIMED, "worker-3", "claimed (attempt 1)"],
      [TaskEventType.LEASE_EXPIRED, "system:lease-reaper", "the lease of worker-3 expired (interruption 3 of at most 2); failed"],
    ]);
    expect(logs.map((l) => l.id)).toEqual([...logs.map((l) => l.id)].sort((a, b) => (a < b ? -1 : 1)));

    // Retrying starts the attempts over.
    await tasks.retryTask({ officeId, taskId, reason: "flaky network fixed" });
    const again = await tasks.claimTask({ officeId, agent: "worker-4" });
    expect(again.task).toMatchObject({ id: taskId, attempt: 1, interruptions: 0, retryCount: 1 });
  });
});

describe("fencing", () => {
  it("a worker whose lease expired can neither complete nor renew; the new holder can", async () => {
    const officeId = await newOffice(server, "fencing");
    const { task } = await tasks.createTask({ officeId, title: "contested" });
    const taskId = task!.id;
    const stale = await tasks.claimTask({ officeId, agent: "slow" });
    server.clock.advance(PAST_ANY_LEASE_MS);
    // Refused as soon as the lease is past its expiry, whether or not the reaper ran yet.
    expect(await failureOf(tasks.renewTaskLease({ officeId, taskId, leaseToken: stale.leaseToken }))).toEqual(LEASE_LOST);
    await vi.waitFor(async () => expect((await statusOf(officeId, taskId)).status).toBe(TaskStatus.QUEUED), EVENTUALLY);

    const fresh = await tasks.claimTask({ officeId, agent: "quick" });
    expect(fresh.task?.id).toBe(taskId);
    expect(fresh.leaseToken).not.toBe(stale.leaseToken);

    const staleDone = tasks.updateTask({
      officeId,
      taskId,
      agent: "slow",
      leaseToken: stale.leaseToken,
      status: TaskStatus.DONE,
      result: "stale result",
    });
    expect(await failureOf(staleDone)).toEqual(LEASE_LOST);
    expect(
      await failureOf(tasks.updateTask({ officeId, taskId, agent: "slow", leaseToken: stale.leaseToken, progress: "still going" })),
    ).toEqual(LEASE_LOST);
    expect(await failureOf(tasks.renewTaskLease({ officeId, taskId, leaseToken: stale.leaseToken }))).toEqual(LEASE_LOST);
    // Without its token the old worker is simply not the holder any more.
    expect(await failureOf(tasks.updateTask({ officeId, taskId, agent: "slow", status: TaskStatus.DONE, result: "stale" }))).toMatchObject({
      code: Code.PermissionDenied,
    });

    await tasks.renewTaskLease({ officeId, taskId, leaseToken: fresh.leaseToken });
    await tasks.updateTask({ officeId, taskId, agent: "quick", leaseToken: fresh.leaseToken, progress: "halfway" });
    const { task: done } = await tasks.updateTask({
      officeId,
      taskId,
      agent: "quick",
      leaseToken: fresh.leaseToken,
      status: TaskStatus.DONE,
      result: "fresh result",
    });
    // The lost lease gave its attempt back: the new holder's claim is attempt 1 again.
    expect(done).toMatchObject({ status: TaskStatus.DONE, result: "fresh result", attempt: 1, interruptions: 1 });
    // A finished task has no lease left to renew.
    expect(await failureOf(tasks.renewTaskLease({ officeId, taskId, leaseToken: fresh.leaseToken }))).toEqual(LEASE_LOST);
  });

  it("renewing pushes the expiry out", async () => {
    const officeId = await newOffice(server, "renew");
    const { task } = await tasks.createTask({ officeId, title: "long job" });
    const claim = await tasks.claimTask({ officeId, agent: "steady", leaseDuration: { seconds: 10n, nanos: 0 } });
    const first = timestampDate(claim.leaseExpiresAt!);
    const renewed = await tasks.renewTaskLease({
      officeId,
      taskId: task!.id,
      leaseToken: claim.leaseToken,
      leaseDuration: { seconds: 600n, nanos: 0 },
    });
    const second = timestampDate(renewed.leaseExpiresAt!);
    expect(second.getTime()).toBeGreaterThan(first.getTime() + 500_000);
    expect(renewed.status).toBe(TaskStatus.CLAIMED);
    expect(await db.leaseExpiry(officeId, task!.id)).toEqual(second);
    expect(timestampDate((await statusOf(officeId, task!.id)).lease!.expiresAt!)).toEqual(second);
  });

  it("renewing without a length keeps the length given at claim time", async () => {
    const officeId = await newOffice(server, "renew default");
    const { task } = await tasks.createTask({ officeId, title: "short leases" });
    const claim = await tasks.claimTask({ officeId, agent: "steady", leaseDuration: { seconds: 10n, nanos: 0 } });
    const renewed = await tasks.renewTaskLease({ officeId, taskId: task!.id, leaseToken: claim.leaseToken });
    const answeredBy = server.clock.now().getTime();
    const expiry = timestampDate(renewed.leaseExpiresAt!).getTime();
    expect(expiry).toBeGreaterThanOrEqual(timestampDate(claim.leaseExpiresAt!).getTime());
    // 10 s from the renewal, not the server's 300 s default (a minute of slack for slow machines).
    expect(expiry).toBeLessThan(answeredBy + 60_000);
  });
});

describe("a worker killed with SIGKILL mid-task", () => {
  it("loses its task to another worker once its lease runs out", async () => {
    const officeId = await newOffice(server, "kill -9");
    const { task } = await tasks.createTask({ officeId, title: "survive a crash" });
    const script = fileURLToPath(new URL("./support/doomed-worker.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, server.url, server.adminKey, officeId, "doomed"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
      const claimed = JSON.parse(line) as { taskId: string; leaseToken: string };
      expect(claimed.taskId).toBe(String(task!.id));
      // Alive, it heartbeats: its lease moves forward.
      const before = await db.leaseExpiry(officeId, task!.id);
      await vi.waitFor(
        async () => expect((await db.leaseExpiry(officeId, task!.id))!.getTime()).toBeGreaterThan(before!.getTime()),
        EVENTUALLY,
      );

      child.kill("SIGKILL");
      await once(child, "exit");
      // No heartbeat any more: once its 10 s lease has passed, the next sweep requeues the task.
      server.clock.advance(11_000);
      await vi.waitFor(async () => expect((await statusOf(officeId, task!.id)).status).toBe(TaskStatus.QUEUED), EVENTUALLY);

      const rescue = await tasks.claimTask({ officeId, agent: "rescuer" });
      expect(rescue.task).toMatchObject({ id: task!.id, attempt: 1, interruptions: 1 });
      const lost = tasks.updateTask({
        officeId,
        taskId: task!.id,
        leaseToken: claimed.leaseToken,
        status: TaskStatus.DONE,
        result: "ghost",
      });
      expect(await failureOf(lost)).toEqual(LEASE_LOST);
      await tasks.updateTask({
        officeId,
        taskId: task!.id,
        agent: "rescuer",
        leaseToken: rescue.leaseToken,
        status: TaskStatus.DONE,
        result: "recovered",
      });
      const { logs } = await tasks.getTask({ officeId, taskId: task!.id });
      expect(logs.filter((l) => l.type === TaskEventType.LEASE_EXPIRED).map((l) => l.message)).toEqual([
        "the lease of doomed expired (interruption 1 of at most 2); requeued without using an attempt",
      ]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("two replicas on one database", () => {
  it("handle each of 200 expired leases exactly once", async () => {
    const replica = await startReplica(server, QUEUE_ENV);
    try {
      const officeId = await newOffice(server, "replicas");
      const created = await createTasks(tasks, officeId, 200);
      // Claims go through both replicas.
      // gRPC: an idle HTTP/1.1 keep-alive connection would hold up the replica's shutdown for 5 s.
      const onReplica = clientFor(TaskService, replica.url, server.adminKey, "grpc");
      await mapLimit(created, 16, async (_, i) => (i % 2 ? onReplica : tasks).claimTask({ officeId, agent: `worker-${i}` }));
      expect((await tasks.getTaskStats({ officeId })).stats).toMatchObject({ claimed: 200, queued: 0 });

      server.clock.advance(PAST_ANY_LEASE_MS);
      await vi.waitFor(
        async () => expect((await tasks.getTaskStats({ officeId })).stats).toMatchObject({ queued: 200, claimed: 0 }),
        EVENTUALLY,
      );

      const expired = (await allEvents(tasks, officeId)).filter((e) => e.type === TaskEventType.LEASE_EXPIRED);
      const perTask = new Map<bigint, number>();
      for (const e of expired) perTask.set(e.taskId, (perTask.get(e.taskId) ?? 0) + 1);
      expect(perTask.size).toBe(200);
      expect([...perTask.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(perTask.keys())).toEqual(new Set(created));
    } finally {
      await replica.stop();
    }
  });
});
