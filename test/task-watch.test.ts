import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TaskEventType, TaskService, TaskStatus, type TaskEvent } from "../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "./support/clients.js";
import { QueueDb } from "./support/queue-db.js";
import { startReplica } from "./support/replica.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { allEvents, createTasks, newOffice, type TaskClient } from "./support/task-helpers.js";
import { startWatcher, type Watcher } from "./support/task-watcher.js";

/**
 * Live task events: WatchTasks streams them in order, resumes by id without gaps or
 * repeats (also while many workers write at once), filters, works across replicas sharing
 * one Postgres, survives its LISTEN connection being killed; REST clients poll
 * ListTaskEvents with sinceId.
 */
const EVENTUALLY = { timeout: 30_000, interval: 50 };

let server: TestServer;
let tasks: TaskClient;
let other: TaskClient;
beforeAll(async () => {
  server = await startTestServer();
  tasks = clientFor(TaskService, server.url, server.adminKey);
  // The actor is a different client (and protocol) than the watcher.
  other = clientFor(TaskService, server.url, server.adminKey, "grpc");
});
afterAll(async () => server?.stop());

const ids = (events: TaskEvent[]) => events.map((e) => e.id);
const increasing = (events: TaskEvent[]) => events.every((e, i) => i === 0 || e.id > events[i - 1]!.id);

/** Waits until the watcher received an event matching `match`, and returns it. */
async function seen(watcher: Watcher, match: (e: TaskEvent) => boolean): Promise<TaskEvent> {
  return vi.waitFor(() => {
    expect(watcher.error).toBeUndefined();
    const event = watcher.events.find(match);
    expect(event).toBeDefined();
    return event!;
  }, EVENTUALLY);
}

/** Creates, claims and completes one task with `client`; each step waits for `watcher` to see it first. */
async function lifecycleSeenBy(client: TaskClient, officeId: string, watcher: Watcher, title: string) {
  const { task } = await client.createTask({ officeId, title });
  const created = await seen(watcher, (e) => e.taskId === task!.id && e.type === TaskEventType.CREATED);
  const claim = await client.claimTask({ officeId, agent: "doer" });
  expect(claim.task?.id).toBe(task!.id);
  const claimed = await seen(watcher, (e) => e.taskId === task!.id && e.type === TaskEventType.CLAIMED);
  await client.updateTask({
    officeId,
    taskId: task!.id,
    agent: "doer",
    leaseToken: claim.leaseToken,
    status: TaskStatus.DONE,
    result: "did it",
  });
  const done = await seen(watcher, (e) => e.taskId === task!.id && e.task?.status === TaskStatus.DONE);
  return { task: task!, steps: [created, claimed, done] };
}

describe("WatchTasks", () => {
  it("delivers another client's create -> claim -> done live, in order", async () => {
    const officeId = await newOffice(server, "live");
    const watcher = startWatcher(tasks, { officeId, sinceId: 0n });
    try {
      const { task, steps } = await lifecycleSeenBy(other, officeId, watcher, "watched");
      expect(steps.map((e) => e.type)).toEqual([TaskEventType.CREATED, TaskEventType.CLAIMED, TaskEventType.STATUS_CHANGED]);
      expect(steps.map((e) => e.task?.status)).toEqual([TaskStatus.QUEUED, TaskStatus.CLAIMED, TaskStatus.DONE]);
      expect(steps[1]!.actor).toBe("doer");
      expect(steps[2]!.task?.result).toBe("did it");
      expect(increasing(watcher.events)).toBe(true);
      expect(ids(watcher.events)).toEqual(ids(await allEvents(tasks, officeId)));
      expect(watcher.events.every((e) => e.taskId === task.id)).toBe(true);
    } finally {
      await watcher.stop();
    }
  });

  it("resumes with since_id without gaps or repeats while 16 workers write", async () => {
    const officeId = await newOffice(server, "resume");
    const first = startWatcher(tasks, { officeId, sinceId: 0n });
    let second: Watcher | undefined;
    try {
      const work = (async () => {
        const created = await createTasks(other, officeId, 300);
        await Promise.all(
          Array.from({ length: 16 }, async (_, i) => {
            const client = clientFor(TaskService, server.url, server.adminKey, i % 2 ? "grpc" : "connect");
            for (;;) {
              const claim = await client.claimTask({ officeId, agent: `w-${i}` });
              if (!claim.task) return;
              await client.updateTask({
                officeId,
                taskId: claim.task.id,
                agent: `w-${i}`,
                leaseToken: claim.leaseToken,
                status: TaskStatus.DONE,
                result: "ok",
              });
            }
          }),
        );
        return created;
      })();
      // Drop the first watcher mid-stream and resume from the last event it got.
      await vi.waitFor(() => expect(first.events.length).toBeGreaterThanOrEqual(200), EVENTUALLY);
      await first.stop();
      const resumeAfter = first.events.at(-1)!.id;
      second = startWatcher(tasks, { officeId, sinceId: resumeAfter });
      expect(await work).toHaveLength(300);

      const stored = await allEvents(tasks, officeId);
      expect(stored).toHaveLength(900); // created, claimed, done per task
      await vi.waitFor(() => expect(second!.events.at(-1)?.id).toBe(stored.at(-1)!.id), EVENTUALLY);
      const delivered = [...first.events, ...second.events];
      expect(second.events[0]!.id).toBeGreaterThan(resumeAfter);
      expect(ids(delivered)).toEqual(ids(stored));
    } finally {
      await first.stop();
      await second?.stop();
    }
  });

  it("filters by status and by assigned agent", async () => {
    const officeId = await newOffice(server, "filters");
    const doneOnly = startWatcher(tasks, { officeId, sinceId: 0n, statuses: [TaskStatus.DONE] });
    const alices = startWatcher(tasks, { officeId, sinceId: 0n, assignedAgent: "alice" });
    try {
      for (const assignedAgent of ["alice", "", "bob", "alice"]) {
        const { task } = await other.createTask({ officeId, title: `for ${assignedAgent || "anyone"}`, assignedAgent });
        const agent = assignedAgent || "carol";
        const claim = await other.claimTask({ officeId, agent });
        expect(claim.task?.id).toBe(task!.id);
        await other.updateTask({ officeId, taskId: task!.id, agent, leaseToken: claim.leaseToken, status: TaskStatus.DONE, result: "ok" });
      }
      // A last event that both filters let through marks the end of the stream to compare.
      const { task: last } = await other.createTask({ officeId, title: "marker", assignedAgent: "alice" });
      const claim = await other.claimTask({ officeId, agent: "alice" });
      await other.updateTask({
        officeId,
        taskId: last!.id,
        agent: "alice",
        leaseToken: claim.leaseToken,
        status: TaskStatus.DONE,
        result: "ok",
      });
      const stored = await allEvents(tasks, officeId);
      const end = stored.at(-1)!.id;
      await Promise.all([doneOnly, alices].map((w) => vi.waitFor(() => expect(w.events.at(-1)?.id).toBe(end), EVENTUALLY)));

      expect(ids(doneOnly.events)).toEqual(ids(stored.filter((e) => e.task?.status === TaskStatus.DONE)));
      expect(doneOnly.events).toHaveLength(5);
      expect(ids(alices.events)).toEqual(ids(stored.filter((e) => e.task?.assignedAgent === "alice")));
      expect(alices.events).toHaveLength(9);
      // Polling with the same filter returns the same events.
      expect(ids((await tasks.listTaskEvents({ officeId, assignedAgent: "alice", pageSize: 1000 })).events)).toEqual(ids(alices.events));
    } finally {
      await doneOnly.stop();
      await alices.stop();
    }
  });

  it("delivers events written through another replica on the same database", async () => {
    const replica = await startReplica(server);
    const officeId = await newOffice(server, "replicas");
    const watcher = startWatcher(tasks, { officeId, sinceId: 0n });
    try {
      // gRPC: an idle HTTP/1.1 keep-alive connection would hold up the replica's shutdown for 5 s.
      const onReplica = clientFor(TaskService, replica.url, server.adminKey, "grpc");
      const { steps } = await lifecycleSeenBy(onReplica, officeId, watcher, "made elsewhere");
      expect(steps.map((e) => e.type)).toEqual([TaskEventType.CREATED, TaskEventType.CLAIMED, TaskEventType.STATUS_CHANGED]);
      expect(increasing(watcher.events)).toBe(true);
    } finally {
      await watcher.stop();
      await replica.stop();
    }
  });

  it("keeps delivering when its LISTEN connection is killed, and listens again", async () => {
    const db = new QueueDb(server.databaseUrl!);
    const officeId = await newOffice(server, "listen drop");
    const watcher = startWatcher(tasks, { officeId, sinceId: 0n });
    try {
      await lifecycleSeenBy(other, officeId, watcher, "before the drop");
      const [listener] = await vi.waitFor(async () => {
        const pids = await db.listenerPids();
        expect(pids).toHaveLength(1);
        return pids;
      }, EVENTUALLY);
      await db.terminate([listener!]);

      await lifecycleSeenBy(other, officeId, watcher, "during the drop");
      // The server opens a new LISTEN connection by itself...
      await vi.waitFor(async () => {
        const pids = await db.listenerPids();
        expect(pids).toHaveLength(1);
        expect(pids[0]).not.toBe(listener);
      }, EVENTUALLY);
      // ...and the same stream goes on, with nothing lost or repeated.
      await lifecycleSeenBy(other, officeId, watcher, "after the drop");
      expect(ids(watcher.events)).toEqual(ids(await allEvents(tasks, officeId)));
      expect(watcher.events).toHaveLength(9);
    } finally {
      await watcher.stop();
      await db.close();
    }
  });
});

describe("ListTaskEvents over REST", () => {
  /** GET /api/offices/{id}/task-events with the query, as curl would. */
  async function poll(officeId: string, query: string) {
    const res = await fetch(`${server.url}/api/offices/${officeId}/task-events?${query}`, {
      headers: { authorization: `Bearer ${server.adminKey}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      events?: { id: string; type: string; taskId: string; task: { title: string; status: string } }[];
      nextSinceId: string;
      hasMore?: boolean;
    };
  }

  it("polls with sinceId: each event once, in order, paged", async () => {
    const officeId = await newOffice(server, "rest polling");
    const empty = await poll(officeId, "sinceId=0");
    expect(empty.events ?? []).toEqual([]);
    expect(empty.nextSinceId).toBe("0");

    await createTasks(other, officeId, 3, "polled");
    const firstPage = await poll(officeId, "sinceId=0&pageSize=2");
    expect(firstPage.events!.map((e) => [e.type, e.task.status])).toEqual([
      ["created", "queued"],
      ["created", "queued"],
    ]);
    expect(firstPage.hasMore).toBe(true);
    expect(firstPage.nextSinceId).toBe(firstPage.events![1]!.id);
    const secondPage = await poll(officeId, `sinceId=${firstPage.nextSinceId}&pageSize=2`);
    expect(secondPage.events).toHaveLength(1);
    expect(secondPage.hasMore ?? false).toBe(false);
    const caughtUp = await poll(officeId, `sinceId=${secondPage.nextSinceId}`);
    expect(caughtUp.events ?? []).toEqual([]);
    expect(caughtUp.nextSinceId).toBe(secondPage.nextSinceId);

    // New activity shows up on the next poll from the cursor, and only it.
    const claim = await other.claimTask({ officeId, agent: "poller" });
    const next = await poll(officeId, `sinceId=${caughtUp.nextSinceId}`);
    expect(next.events!.map((e) => [e.type, e.taskId])).toEqual([["claimed", String(claim.task!.id)]]);
    const polled = [...firstPage.events!, ...secondPage.events!, ...next.events!].map((e) => BigInt(e.id));
    expect(polled).toEqual(ids(await allEvents(tasks, officeId)));

    const claimedOnly = await poll(officeId, "sinceId=0&statuses=TASK_STATUS_CLAIMED");
    expect(claimedOnly.events!.map((e) => e.id)).toEqual([next.events![0]!.id]);
    // The docs' spelling of the same filter.
    expect((await poll(officeId, "sinceId=0&status=claimed")).events!.map((e) => e.id)).toEqual([next.events![0]!.id]);
  });
});
