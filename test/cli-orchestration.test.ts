import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClaimedTask, Task, TaskDetail } from "../sdk/src/index.js";
import { runMi } from "./support/mi.js";
import type { Run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

// The Tasks doc's four orchestration patterns, driven only through the `mi` CLI: an operator
// lays out the work, and each "agent" is a series of mi commands with its name and lease token.

let server: TestServer;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  env = { MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: (await server.newAccount("orchestrator")).apiKey, MI_CONFIG_DIR: "/nonexistent" };
});
afterAll(async () => server?.stop());

async function mi<T = unknown>(...args: string[]): Promise<T> {
  const run: Run = await runMi([...args, "--json"], env);
  expect(run.code, `mi ${args.join(" ")}\n${run.stderr}`).toBe(0);
  return JSON.parse(run.stdout) as T;
}

async function office(name: string): Promise<string> {
  return (await mi<{ id: string }>("colonies", "create", "--name", name)).id;
}

const create = (colony: string, ...flags: string[]) => mi<Task>("tasks", "create", "--colony", colony, ...flags);
const claim = (colony: string, agent: string) => mi<ClaimedTask | null>("tasks", "claim", "--colony", colony, "--agent", agent);
const get = (colony: string, id: number) => mi<TaskDetail>("tasks", "get", "--colony", colony, String(id));

/** An agent's whole turn: claim, start, finish with proof. Returns the task it worked on. */
async function work(colony: string, agent: string, result: string): Promise<Task | undefined> {
  const claimed = await claim(colony, agent);
  if (!claimed) return undefined;
  const id = String(claimed.task.id);
  const lease = ["--agent", agent, "--leaseToken", claimed.leaseToken];
  await mi("tasks", "update", "--colony", colony, id, "--status", "running", ...lease);
  await mi("tasks", "comment", "--colony", colony, id, `working on ${claimed.task.title}`, "--agent", agent);
  return mi<Task>("tasks", "update", "--colony", colony, id, "--status", "done", "--result", result, ...lease);
}

describe("orchestration patterns, with the CLI", () => {
  it("parallel analysis: N subtasks of one parent, N specialists at once", async () => {
    const colony = await office("parallel");
    const parent = await create(colony, "--title", "Review rate-limiter.go", "--kind", "review");
    const specialists = ["security", "performance", "style"];
    for (const agent of specialists) {
      await create(colony, "--title", `${agent} review`, "--kind", "review", "--parentId", String(parent.id), "--assignedAgent", agent);
    }
    const done = await Promise.all(specialists.map((agent) => work(colony, agent, `${agent}: 2 findings`)));
    expect(done.map((t) => t?.status)).toEqual(["done", "done", "done"]);
    const detail = await get(colony, parent.id);
    expect(detail.task).toMatchObject({ subtaskCount: 3, doneSubtaskCount: 3 });
    expect(detail.subtasks.map((t) => [t.assignedAgent, t.result])).toEqual(specialists.map((a) => [a, `${a}: 2 findings`]));
  });

  it("sequential pipeline: each step waits for the previous one", async () => {
    const colony = await office("pipeline");
    const pipeline = await create(colony, "--title", "Ship the feature");
    const steps = ["design", "implement", "test"];
    let previous: number | undefined;
    for (const step of steps) {
      const flags = ["--title", step, "--parentId", String(pipeline.id)];
      if (previous !== undefined) flags.push("--dependsOn", String(previous));
      previous = (await create(colony, ...flags)).id;
    }
    expect((await mi<Task[]>("tasks", "list", "--colony", colony, "--status", "blocked")).map((t) => t.title).sort()).toEqual([
      "implement",
      "test",
    ]);
    // Claim the parent out of the way, then the steps come one at a time, in order.
    await work(colony, "lead", "coordinated");
    const order: string[] = [];
    for (;;) {
      const claimed = await claim(colony, "builder");
      if (!claimed) break;
      order.push(claimed.task.title);
      // while this step runs, the next one is blocked: a second builder finds nothing
      expect(await claim(colony, "builder-2")).toBeNull();
      const id = String(claimed.task.id);
      await mi(
        "tasks",
        "update",
        "--colony",
        colony,
        id,
        "--status",
        "done",
        "--result",
        "step done",
        "--agent",
        "builder",
        "--leaseToken",
        claimed.leaseToken,
      );
    }
    expect(order).toEqual(steps);
    expect(await mi<Record<string, number>>("tasks", "stats", "--colony", colony)).toMatchObject({ done: 4, blocked: 0, queued: 0 });
  });

  it("fan-out / fan-in: the final task becomes claimable exactly when the last part is done", async () => {
    const colony = await office("fan-in");
    const parts = [];
    for (let i = 1; i <= 3; i++) parts.push((await create(colony, "--title", `part ${i}`, "--assignedAgent", `worker-${i}`)).id);
    const final = await create(colony, "--title", "synthesize", "--dependsOn", parts.join(","), "--assignedAgent", "synthesizer");
    expect(final).toMatchObject({ status: "blocked", pendingDependencyCount: 3 });
    await work(colony, "worker-1", "a");
    await work(colony, "worker-2", "b");
    expect(await claim(colony, "synthesizer")).toBeNull();
    expect((await get(colony, final.id)).task).toMatchObject({ status: "blocked", pendingDependencyCount: 1 });
    await work(colony, "worker-3", "c");
    const synthesized = await work(colony, "synthesizer", "a + b + c");
    expect(synthesized).toMatchObject({ id: final.id, status: "done", result: "a + b + c" });
  });

  it("review loop: a rejected result is retried with feedback, then accepted", async () => {
    const colony = await office("review-loop");
    const doWork = await create(colony, "--title", "write the report", "--assignedAgent", "writer");
    const review = await create(
      colony,
      "--title",
      "review the report",
      "--kind",
      "review",
      "--dependsOn",
      String(doWork.id),
      "--assignedAgent",
      "reviewer",
    );
    await work(colony, "writer", "draft 1");
    expect((await work(colony, "reviewer", "needs edge cases"))?.id).toBe(review.id);

    const rejected = await mi<Task>(
      "tasks",
      "verify",
      "--colony",
      colony,
      String(doWork.id),
      "--accepted",
      "false",
      "--reviewer",
      "reviewer",
      "--comments",
      "cover the error paths",
    );
    expect(rejected.verification).toMatchObject({ accepted: false, comments: "cover the error paths" });
    const retried = await mi<Task>(
      "tasks",
      "retry",
      "--colony",
      colony,
      String(doWork.id),
      "--reason",
      "reviewer feedback: cover the error paths",
    );
    expect(retried).toMatchObject({ status: "queued", retryCount: 1, result: "" });

    const redone = await work(colony, "writer", "draft 2 with error paths");
    expect(redone).toMatchObject({ id: doWork.id, result: "draft 2 with error paths" });
    const accepted = await mi<Task>(
      "tasks",
      "verify",
      "--colony",
      colony,
      String(doWork.id),
      "--accepted",
      "true",
      "--reviewer",
      "reviewer",
      "--comments",
      "thorough",
    );
    expect(accepted.verification).toMatchObject({ accepted: true });
    const trail = (await get(colony, doWork.id)).logs.map((l) => l.type);
    expect(trail.filter((t) => t === "verified")).toHaveLength(2);
    expect(trail.filter((t) => t === "retried")).toHaveLength(1);
  });
});
