import { connect, createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, MitosisError, LeaseLostError, NotFoundError, OS1Client, type TaskEvent } from "../sdk/src/index.js";
import { failure } from "./support/sdk.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let apiKey: string;
beforeAll(async () => {
  server = await startTestServer();
  apiKey = (await server.newAccount("sdk-tasks")).apiKey;
});
afterAll(async () => server?.stop());

const client = (transport: "connect" | "grpc" = "connect", endpoint = server.url) =>
  new OS1Client({ endpoint, auth: { type: "token", token: apiKey }, transport });
const newOffice = async (c = client()) => (await c.offices.create({ name: "tasks" })).id;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(["connect", "grpc"] as const)("client.tasks over %s", (transport) => {
  it("follows the docs: create with every option, list, get, claim, update with proof, subtasks, stats", async () => {
    const c = client(transport);
    const colonyId = await newOffice(c);
    await c.tasks.create(colonyId, { title: "Review rate-limiter.go", kind: "review" });
    await c.tasks.create(colonyId, { title: "Find bugs and edge cases", kind: "review", parentId: 1, assignedAgent: "reviewer" });

    // The docs' create example, literally.
    const task = await c.tasks.create(colonyId, {
      title: "Review pipeline",
      description: "Audit the CI/CD pipeline for security issues",
      kind: "review",
      priority: 50,
      assignedAgent: "analyst",
      parentId: 1, // optional: makes this a subtask
      dependsOn: "2", // optional: waits for task 2 to complete
      requiredTools: ["github", "chromium"],
    });
    expect(task).toEqual({
      id: 3,
      parentId: 1,
      title: "Review pipeline",
      description: "Audit the CI/CD pipeline for security issues",
      status: "blocked",
      kind: "review",
      priority: 50,
      assignedAgent: "analyst",
      createdBy: expect.stringMatching(/^operator:/),
      dependsOn: [2],
      pendingDependencyCount: 1,
      resultSummary: "",
      result: "",
      error: "",
      requiredTools: ["github", "chromium"],
      subtaskCount: 0,
      doneSubtaskCount: 0,
      retryCount: 0,
      attempt: 0,
      interruptions: 0,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    // A number array works as well as the docs' comma string.
    const fanIn = await c.tasks.create(colonyId, { title: "Synthesize", dependsOn: [2, 3] });
    expect(fanIn).toMatchObject({ id: 4, dependsOn: [2, 3], pendingDependencyCount: 2, status: "blocked" });

    // list: newest first; status as the docs' comma string or an array; limit caps the count.
    expect((await c.tasks.list(colonyId)).map((t) => t.id)).toEqual([4, 3, 2, 1]);
    expect((await c.tasks.list(colonyId, { status: "blocked" })).map((t) => t.id)).toEqual([4, 3]);
    expect((await c.tasks.list(colonyId, { status: "queued,blocked", limit: 3 })).map((t) => t.id)).toEqual([4, 3, 2]);
    expect((await c.tasks.list(colonyId, { status: ["queued"] })).map((t) => t.id)).toEqual([2, 1]);
    expect((await c.tasks.list(colonyId, { assignedAgent: "reviewer" })).map((t) => t.id)).toEqual([2]);
    expect((await c.tasks.list(colonyId, { parentId: 1, kind: "review" })).map((t) => t.id)).toEqual([3, 2]);
    const paged: number[] = [];
    for await (const t of c.tasks.iterate(colonyId, { pageSize: 1 })) paged.push(t.id);
    expect(paged).toEqual([4, 3, 2, 1]);

    // claim: pre-assigned work first, with a lease; the reviewer's task is not the analyst's.
    const claimed = await c.tasks.claim(colonyId, { agent: "reviewer", kind: "review", leaseSeconds: 60 });
    expect(claimed).toMatchObject({ task: { id: 2, status: "claimed", lease: { owner: "reviewer" } }, leaseToken: expect.any(String) });
    expect(claimed!.leaseExpiresAt).toMatch(ISO);
    expect(claimed!.task.lease!.expiresAt).toBe(claimed!.leaseExpiresAt);
    const renewed = await c.tasks.renewLease(colonyId, 2, { leaseToken: claimed!.leaseToken, leaseSeconds: 120 });
    expect(renewed.status).toBe("claimed");
    expect(Date.parse(renewed.leaseExpiresAt)).toBeGreaterThan(Date.parse(claimed!.leaseExpiresAt));

    const running = await c.tasks.update(colonyId, 2, {
      status: "running",
      progress: "reading the code",
      agent: "reviewer",
      leaseToken: claimed!.leaseToken,
    });
    expect(running).toMatchObject({ status: "running", startedAt: expect.stringMatching(ISO) });
    const done = await c.tasks.update(colonyId, 2, {
      status: "done",
      result: "Analysis complete — see /shared/files/report.md",
      agent: "reviewer",
      leaseToken: claimed!.leaseToken,
    });
    expect(done).toMatchObject({
      status: "done",
      result: "Analysis complete — see /shared/files/report.md",
      completedAt: expect.stringMatching(ISO),
    });
    expect(done.lease).toBeUndefined();
    // Task 3 waited for 2 and is queued now; 4 still waits for 3.
    expect((await c.tasks.list(colonyId, { status: "queued" })).map((t) => t.id)).toEqual([3, 1]);

    const children = await c.tasks.subtasks(colonyId, 1);
    expect(children.map((t) => [t.id, t.status])).toEqual([
      [2, "done"],
      [3, "queued"],
    ]);
    const detail = await c.tasks.get(colonyId, 1);
    expect(Object.keys(detail)).toEqual(["task", "logs", "comments", "subtasks", "artifacts", "linkedMessages"]);
    expect(detail.task).toMatchObject({ id: 1, subtaskCount: 2, doneSubtaskCount: 1 });
    expect(detail.subtasks).toEqual(children);
    expect(detail.logs[0]).toMatchObject({
      type: "created",
      actor: expect.stringMatching(/^operator:/),
      createdAt: expect.stringMatching(ISO),
    });
    expect((await c.tasks.get(colonyId, 2)).logs.map((l) => l.type)).toEqual([
      "created",
      "claimed",
      "status_changed",
      "progress",
      "status_changed",
    ]);

    expect(await c.tasks.stats(colonyId)).toEqual({
      queued: 2,
      claimed: 0,
      running: 0,
      blocked: 1,
      done: 1,
      failed: 0,
      cancelled: 0,
      total: 4,
    });
  });

  it("links artifacts, keeps comments apart from logs, verifies and retries (the review loop)", async () => {
    const c = client(transport);
    const colonyId = await newOffice(c);
    await c.tasks.create(colonyId, { title: "Do the work", assignedAgent: "analyst" });

    const artifact = await c.tasks.addArtifact(colonyId, 1, {
      kind: "file",
      path: "/shared/files/report.md",
      label: "Code analysis report",
    });
    expect(artifact).toEqual({
      id: expect.any(Number),
      kind: "file",
      path: "/shared/files/report.md",
      label: "Code analysis report",
      createdBy: expect.stringMatching(/^operator:/),
      createdAt: expect.stringMatching(ISO),
    });
    await c.tasks.addArtifact(colonyId, 1, { kind: "branch", path: "fix/rate-limiter", agent: "analyst" });
    expect((await c.tasks.artifacts(colonyId, 1)).map((a) => [a.kind, a.path, a.createdBy])).toEqual([
      ["file", "/shared/files/report.md", artifact.createdBy],
      ["branch", "fix/rate-limiter", "analyst"],
    ]);

    const comment = await c.tasks.comment(colonyId, 1, {
      agent: "analyst",
      message: "Found 3 issues in the rate limiter — see section 2 of the report.",
    });
    expect(comment).toEqual({
      id: expect.any(Number),
      author: "analyst",
      message: "Found 3 issues in the rate limiter — see section 2 of the report.",
      createdAt: expect.stringMatching(ISO),
    });
    expect(await c.tasks.comments(colonyId, 1)).toEqual([comment]);

    const claim = await c.tasks.claim(colonyId, { agent: "analyst" });
    await c.tasks.update(colonyId, 1, { status: "done", result: "v1", agent: "analyst", leaseToken: claim!.leaseToken });
    const rejected = await c.tasks.verify(colonyId, 1, { accepted: false, reviewer: "os1-sol", comments: "Missing edge cases." });
    expect(rejected.verification).toEqual({
      accepted: false,
      reviewer: "os1-sol",
      comments: "Missing edge cases.",
      verifiedAt: expect.stringMatching(ISO),
    });
    const retried = await c.tasks.retry(colonyId, 1, {
      reason: "Adjusted instructions for edge cases",
      updatedDescription: "Focus on error handling paths...",
      assignedAgent: "different-analyst",
    });
    expect(retried).toMatchObject({
      status: "queued",
      retryCount: 1,
      result: "",
      description: "Focus on error handling paths...",
      assignedAgent: "different-analyst",
    });
    expect(retried.verification).toBeUndefined();

    const detail = await c.tasks.get(colonyId, 1);
    expect(detail.comments).toEqual([comment]);
    expect(detail.artifacts).toHaveLength(2);
    expect(detail.logs.map((l) => l.type)).toEqual(expect.arrayContaining(["commented", "artifact_added", "verified", "retried"]));
    expect(detail.logs.find((l) => l.type === "retried")?.message).toMatch(/Adjusted instructions/);

    // accepted: true needs no comments
    const again = await c.tasks.claim(colonyId, { agent: "different-analyst" });
    await c.tasks.update(colonyId, 1, { status: "done", result: "v2", agent: "different-analyst", leaseToken: again!.leaseToken });
    expect((await c.tasks.verify(colonyId, 1, { accepted: true, reviewer: "os1-sol" })).verification?.accepted).toBe(true);
  });
});

describe("client.tasks.claim", () => {
  it("returns null when nothing is claimable, so workers can poll", async () => {
    const c = client();
    const colonyId = await newOffice(c);
    expect(await c.tasks.claim(colonyId, { agent: "analyst" })).toBeNull();
    await c.tasks.create(colonyId, { title: "someone else's", assignedAgent: "reviewer" });
    await c.tasks.create(colonyId, { title: "code only", kind: "code" });
    expect(await c.tasks.claim(colonyId, { agent: "analyst", kind: "review" })).toBeNull();
    expect((await c.tasks.claim(colonyId, { agent: "analyst" }))?.task.title).toBe("code only");
    expect(await c.tasks.claim(colonyId, { agent: "analyst" })).toBeNull();
  });
});

describe("client.tasks errors", () => {
  let colonyId: string;
  beforeAll(async () => {
    colonyId = await newOffice();
    await client().tasks.create(colonyId, { title: "one" });
  });

  it("NotFoundError for a missing task, with the docs' hint", async () => {
    const err = await failure(client().tasks.get(colonyId, 999));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.status).toBe(404);
    expect(err.hint).toMatch(/Verify the ID/);
  });

  it("InvalidArgumentError from the server: done without result, empty title, priority 500", async () => {
    const tasks = client().tasks;
    const claim = await tasks.claim(colonyId, { agent: "analyst" });
    const noProof = await failure(tasks.update(colonyId, 1, { status: "done", leaseToken: claim!.leaseToken }));
    expect(noProof).toBeInstanceOf(InvalidArgumentError);
    expect(noProof.message).toMatch(/result is required/);
    const emptyTitle = await failure(tasks.create(colonyId, { title: "" }));
    expect(emptyTitle).toBeInstanceOf(InvalidArgumentError);
    expect((emptyTitle as InvalidArgumentError).violations.map((v) => v.field)).toContain("title");
    const priority = await failure(tasks.create(colonyId, { title: "x", priority: 500 }));
    expect(priority).toBeInstanceOf(InvalidArgumentError);
    expect((priority as InvalidArgumentError).violations.map((v) => v.field)).toContain("priority");
  });

  it("a worker whose lease is lost gets failed_precondition on update and renewal", async () => {
    const tasks = client().tasks;
    const officeId = await newOffice();
    await tasks.create(officeId, { title: "leased" });
    const claim = await tasks.claim(officeId, { agent: "analyst" });
    expect(claim).not.toBeNull();
    const stale = { agent: "analyst", leaseToken: "00000000-0000-4000-8000-000000000000" };
    const update = await failure(tasks.update(officeId, 1, { progress: "still here", ...stale }));
    expect(update).toBeInstanceOf(LeaseLostError);
    expect(update).toMatchObject({ code: "failed_precondition", reason: "LEASE_LOST" });
    expect(await failure(tasks.renewLease(officeId, 1, { leaseToken: stale.leaseToken }))).toBeInstanceOf(LeaseLostError);
    // a token that is not even a UUID is simply not the lease holder's
    expect(await failure(tasks.renewLease(officeId, 1, { leaseToken: "bogus" }))).toBeInstanceOf(LeaseLostError);
    // The real token still works.
    expect((await tasks.renewLease(officeId, 1, { leaseToken: claim!.leaseToken })).status).toBe("claimed");
  });

  it("rejects bad input before sending anything, with a clear message", async () => {
    // Nothing listens on port 1: a request would fail as unavailable, not invalid_argument.
    const offline = client("connect", "http://127.0.0.1:1").tasks;
    const cases: [string, Promise<unknown>, RegExp][] = [
      [
        'dependsOn "x"',
        offline.create(colonyId, { title: "x", dependsOn: "x" }),
        /^dependsOn must be task ids separated by commas, e\.g\. '2' or '1,2,3'; got "x"\.$/,
      ],
      [
        "unknown kind",
        offline.create(colonyId, { title: "x", kind: "poetry" as never }),
        /^kind must be one of general, code, research, browser, review, verify/,
      ],
      ["unknown status", offline.list(colonyId, { status: "queued,finished" }), /^status must be one of queued, claimed, running/],
      ["update status", offline.update(colonyId, 1, { status: "finished" as never }), /^status must be one of/],
      [
        "artifact kind",
        offline.addArtifact(colonyId, 1, { kind: "pdf" as never, path: "/x" }),
        /^kind must be one of file, branch, report/,
      ],
      ["task id", offline.get(colonyId, 0), /^taskId must be a whole number at least 1/],
      ["limit", offline.list(colonyId, { limit: 0 }), /^limit must be a whole number at least 1/],
    ];
    for (const [name, call, message] of cases) {
      const err = await failure(call);
      expect(err, name).toBeInstanceOf(InvalidArgumentError);
      expect(err.message, name).toMatch(message);
    }
    expect(() => offline.watch(colonyId, { status: "sleeping" })).toThrow(InvalidArgumentError);
    // The same offline client does reach for the network once the input is fine.
    expect((await failure(offline.stats(colonyId))).code).toBe("unavailable");
  });

  it("hides other accounts' offices: NotFoundError", async () => {
    const other = new OS1Client({ endpoint: server.url, auth: { type: "token", token: (await server.newAccount("other")).apiKey } });
    expect(await failure(other.tasks.list(colonyId))).toBeInstanceOf(NotFoundError);
    expect(await failure(other.tasks.stats(colonyId))).toBeInstanceOf(NotFoundError);
  });
});

describe("client.tasks.events and watch", () => {
  it("pages events by cursor, filtered", async () => {
    const c = client();
    const colonyId = await newOffice(c);
    await c.tasks.create(colonyId, { title: "a" });
    await c.tasks.create(colonyId, { title: "b", assignedAgent: "analyst" });
    await c.tasks.comment(colonyId, 1, { message: "hello" });
    const all = await c.tasks.events(colonyId);
    expect(all.events.map((e) => [e.taskId, e.type])).toEqual([
      [1, "created"],
      [2, "created"],
      [1, "commented"],
    ]);
    expect(all.hasMore).toBe(false);
    expect(all.nextSinceId).toBe(all.events[2]!.id);
    expect(all.events[0]).toMatchObject({
      task: { id: 1, title: "a" },
      actor: expect.stringMatching(/^operator:/),
      createdAt: expect.stringMatching(ISO),
    });

    const first = await c.tasks.events(colonyId, { limit: 1 });
    expect(first).toMatchObject({ events: [{ taskId: 1, type: "created" }], hasMore: true });
    const rest = await c.tasks.events(colonyId, { sinceId: first.nextSinceId });
    expect(rest.events.map((e) => e.id)).toEqual(all.events.slice(1).map((e) => e.id));
    expect((await c.tasks.events(colonyId, { assignedAgent: "analyst" })).events.map((e) => e.taskId)).toEqual([2]);
    expect((await c.tasks.events(colonyId, { sinceId: all.nextSinceId })).events).toEqual([]);
  });

  it.each(["connect", "grpc"] as const)(
    "watch over %s yields live events, replays after sinceId, filters, and stops on abort",
    async (transport) => {
      const c = client(transport);
      const colonyId = await newOffice(c);
      await c.tasks.create(colonyId, { title: "before" });
      const controller = new AbortController();
      const seen: TaskEvent[] = [];
      const watching = (async () => {
        for await (const e of c.tasks.watch(colonyId, { sinceId: 0, assignedAgent: "analyst", signal: controller.signal })) {
          seen.push(e);
          if (e.type === "commented") controller.abort();
        }
      })();
      await c.tasks.create(colonyId, { title: "not for analyst" });
      await c.tasks.create(colonyId, { title: "for analyst", assignedAgent: "analyst" });
      await c.tasks.comment(colonyId, 3, { message: "go" });
      await watching; // ends quietly once aborted
      expect(seen.map((e) => [e.taskId, e.type])).toEqual([
        [3, "created"],
        [3, "commented"],
      ]);
      expect(seen[1]!.task).toMatchObject({ id: 3, assignedAgent: "analyst" });
    },
  );

  it.each(["connect", "grpc"] as const)(
    "over %s resumes from the last event after the connection drops, missing and repeating nothing",
    async (transport) => {
      const proxy = await startProxy(server.port);
      try {
        const c = client(transport);
        const colonyId = await newOffice(c);
        const watcher = client(transport, proxy.url);
        const reconnects: number[] = [];
        const seen: number[] = [];
        const controller = new AbortController();
        let dropped = false;
        const watching = (async () => {
          for await (const e of watcher.tasks.watch(colonyId, {
            sinceId: 0,
            signal: controller.signal,
            onReconnect: (info) => reconnects.push(info.sinceId ?? -1),
          })) {
            seen.push(e.taskId);
            if (e.taskId === 1 && !dropped) {
              dropped = true;
              // Cut the connection, then create task 2 while the watcher is away.
              proxy.dropAll();
              await c.tasks.create(colonyId, { title: "while away" });
            }
            if (e.taskId === 3) controller.abort();
          }
        })();
        await c.tasks.create(colonyId, { title: "first" });
        await until(() => seen.includes(2));
        await c.tasks.create(colonyId, { title: "after reconnect" });
        await watching;
        expect(seen).toEqual([1, 2, 3]);
        expect(reconnects.length).toBeGreaterThanOrEqual(1);
        // It resumed after task 1's event, not from the start.
        expect(reconnects[0]).toBeGreaterThan(0);
      } finally {
        await proxy.stop();
      }
    },
  );

  it("fails with a typed error instead of reconnecting when the office is not there", async () => {
    const stream = client().tasks.watch("00000000-0000-4000-8000-000000000000");
    const err = await failure(
      (async () => {
        for await (const _ of stream) break;
      })(),
    );
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toBeInstanceOf(MitosisError);
  });
});

/** Waits (polling every 20 ms) until `ready` holds. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
}

/**
 * A TCP relay in front of the real server, so a test can cut live connections the way a
 * network or load balancer would, while the server itself keeps running.
 */
async function startProxy(targetPort: number): Promise<{ url: string; dropAll(): void; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const proxy = createServer((inbound) => {
    const outbound = connect(targetPort, "127.0.0.1");
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const port = (proxy.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    dropAll: () => {
      for (const s of sockets) s.destroy();
    },
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => proxy.close(() => resolve()));
    },
  };
}
