import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  OS1Client,
  type ClaimedTask,
  type Task,
  type TaskArtifact,
  type TaskComment,
  type TaskDetail,
  type TaskEvent,
  type TaskEventPage,
  type TaskStats,
} from "../sdk/src/index.js";
import { runMi, startMi, fieldOf, jsonOf } from "./support/mi.js";
import type { Run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let apiKey: string;
let sdk: OS1Client;
beforeAll(async () => {
  server = await startTestServer();
  apiKey = (await server.newAccount("cli-tasks")).apiKey;
  sdk = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
});
afterAll(async () => server?.stop());

const env = () => ({ MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: "/nonexistent" });
const watch = (args: string[]) => startMi(args, env());
const mi = (...args: string[]): Promise<Run> => runMi(args, env());

describe("mi tasks, following the docs", () => {
  let id: string;
  beforeAll(async () => {
    id = (await sdk.offices.create({ name: "code-review" })).id;
  });

  it("create, claim, update, list, subtasks, artifacts, comments, proof, verify, retry, get, stats", async () => {
    // mi tasks create --colony <id> --title "Review pipeline"
    const created = await mi("tasks", "create", "--colony", id, "--title", "Review pipeline");
    expect(created.code).toBe(0);
    expect(created.stderr).toBe("Created task 1\n");
    expect(fieldOf(created.stdout, "id")).toBe("1");
    expect(fieldOf(created.stdout, "status")).toBe("queued");

    // mi tasks claim --colony <id> --agent analyst: the task and its lease token
    const claim = await mi("tasks", "claim", "--colony", id, "--agent", "analyst");
    expect(claim.code).toBe(0);
    expect(claim.stderr).toMatch(/^Claimed task 1 for analyst/);
    expect(fieldOf(claim.stdout, "lease token")).toMatch(/\S{8,}/);
    expect(fieldOf(claim.stdout, "status")).toBe("claimed");

    // mi tasks update --colony <id> 1 --status running
    const running = await mi("tasks", "update", "--colony", id, "1", "--status", "running");
    expect(running.code, running.stderr).toBe(0);
    expect(running.stderr).toBe("Updated task 1\n");
    expect(fieldOf(running.stdout, "status")).toBe("running");

    // mi tasks list --colony <id> --status running
    // (piped, so tab-separated)
    const list = await mi("tasks", "list", "--colony", id, "--status", "running");
    expect(list.code).toBe(0);
    expect(list.stdout).toBe("ID\tPARENT\tSTATUS\tKIND\tPRIORITY\tAGENT\tTITLE\n1\t-\trunning\tgeneral\t50\t-\tReview pipeline\n");

    // The tutorial's subtasks, with the docs' flag spelling and the kebab-case one.
    const bugs = jsonOf<Task>(
      await mi(
        "tasks",
        "create",
        "--colony",
        id,
        "--title",
        "Find bugs and edge cases",
        "--kind",
        "review",
        "--parentId",
        "1",
        "--assignedAgent",
        "reviewer",
        "--json",
      ),
    );
    expect(bugs).toMatchObject({ id: 2, parentId: 1, kind: "review", assignedAgent: "reviewer", status: "queued" });
    const perf = jsonOf<Task>(
      await mi(
        "tasks",
        "create",
        "--colony",
        id,
        "--title",
        "Analyze performance characteristics",
        "--kind",
        "review",
        "--parent-id",
        "1",
        "--assigned-agent",
        "analyst",
        "--depends-on",
        "2",
        "--requiredTools",
        "github,chromium",
        "--json",
      ),
    );
    expect(perf).toMatchObject({
      id: 3,
      parentId: 1,
      assignedAgent: "analyst",
      dependsOn: [2],
      status: "blocked",
      requiredTools: ["github", "chromium"],
    });

    // mi tasks subtasks --colony <id> 1
    const subtasks = await mi("tasks", "subtasks", "--colony", id, "1");
    expect(subtasks.code).toBe(0);
    expect(
      subtasks.stdout
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((r) => r.split("\t").slice(0, 3)),
    ).toEqual([
      ["2", "1", "queued"],
      ["3", "1", "blocked"],
    ]);

    // mi tasks add-artifact --colony <id> 1 --kind file --path /shared/files/report.md
    const linked = await mi("tasks", "add-artifact", "--colony", id, "1", "--kind", "file", "--path", "/shared/files/report.md");
    expect(linked.code).toBe(0);
    expect(linked.stderr).toBe("Linked file /shared/files/report.md to task 1\n");
    // mi tasks artifacts --colony <id> 1
    const artifacts = await mi("tasks", "artifacts", "--colony", id, "1");
    expect(artifacts.stdout).toMatch(/^ID\tKIND\tPATH\tLABEL\tBY\tLINKED\n\d+\tfile\t\/shared\/files\/report\.md\t-\toperator:/);
    expect(jsonOf<TaskArtifact[]>(await mi("tasks", "artifacts", "--colony", id, "1", "--json")).map((a) => a.path)).toEqual([
      "/shared/files/report.md",
    ]);

    // mi tasks comment --colony <id> 1 "Found 3 issues in the rate limiter"
    const comment = await mi("tasks", "comment", "--colony", id, "1", "Found 3 issues in the rate limiter");
    expect(comment.code).toBe(0);
    expect(comment.stderr).toMatch(/^Commented on task 1 as operator:/);
    expect(jsonOf<TaskComment[]>(await mi("tasks", "comments", "--colony", id, "1", "--json")).map((c) => c.message)).toEqual([
      "Found 3 issues in the rate limiter",
    ]);

    // The reviewer claims its subtask and finishes it with proof: --status done --result "..."
    const reviewer = jsonOf<ClaimedTask>(await mi("tasks", "claim", "--colony", id, "--agent", "reviewer", "--json"));
    expect(reviewer.task.id).toBe(2);
    const done = jsonOf<Task>(
      await mi(
        "tasks",
        "update",
        "--colony",
        id,
        "2",
        "--status",
        "done",
        "--result",
        "Found 3 bugs, see /shared/files/bugs.md",
        "--agent",
        "reviewer",
        "--leaseToken",
        reviewer.leaseToken,
        "--json",
      ),
    );
    expect(done).toMatchObject({ status: "done", result: "Found 3 bugs, see /shared/files/bugs.md" });

    // mi tasks get --colony <id> 1: the parent with subtask progress, subtasks, logs, comments, artifacts
    const get = await mi("tasks", "get", "--colony", id, "1");
    expect(get.code).toBe(0);
    expect(fieldOf(get.stdout, "subtasks")).toBe("1/2 done");
    expect(get.stdout).toMatch(
      /^Subtasks:\nID\tPARENT\tSTATUS.*\n2\t1\tdone\treview\t.*Find bugs and edge cases\n3\t1\tqueued\treview\t.*Analyze performance characteristics\n/m,
    );
    expect(get.stdout).toMatch(/^Logs:\nTIME\tACTOR\tEVENT\tMESSAGE\n(.*\n)*.*operator:\S+\tcreated/m);
    expect(get.stdout).toMatch(/^Comments:\n.*\n\d+\t\S+\toperator:\S+\tFound 3 issues in the rate limiter$/m);
    expect(get.stdout).toMatch(/^Artifacts:\n.*\n\d+\tfile\t\/shared\/files\/report\.md/m);
    const detail = jsonOf<TaskDetail>(await mi("tasks", "get", "--colony", id, "1", "--json"));
    expect(detail.task).toMatchObject({ id: 1, subtaskCount: 2, doneSubtaskCount: 1 });
    expect(detail.subtasks.map((t) => t.status)).toEqual(["done", "queued"]);
    // The troubleshooting form: mi tasks get <colonyId> <taskId>
    expect(jsonOf<TaskDetail>(await mi("tasks", "get", id, "2", "--json")).task.result).toBe("Found 3 bugs, see /shared/files/bugs.md");

    // mi tasks verify ... --accepted false --reviewer lead --comments "..."; mi tasks retry ... --reason "..."
    const rejected = await mi(
      "tasks",
      "verify",
      "--colony",
      id,
      "2",
      "--accepted",
      "false",
      "--reviewer",
      "lead",
      "--comments",
      "Missing the overflow case",
    );
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(rejected.stderr).toBe("Rejected task 2\n");
    expect(fieldOf(rejected.stdout, "verification")).toBe("rejected by lead: Missing the overflow case");
    const retried = await mi("tasks", "retry", "--colony", id, "2", "--reason", "Cover the overflow case");
    expect(retried.code).toBe(0);
    expect(retried.stderr).toBe("Retried task 2 (retry 1); it is queued again\n");

    // mi tasks stats --colony <id>
    const stats = await mi("tasks", "stats", "--colony", id);
    expect(stats.stdout).toBe(
      [
        "queued:     1",
        "claimed:    0",
        "running:    1",
        "blocked:    1",
        "done:       0",
        "failed:     0",
        "cancelled:  0",
        "total:      3",
        "",
      ].join("\n"),
    );
    expect(jsonOf<TaskStats>(await mi("tasks", "stats", "--office", id, "--json"))).toEqual({
      queued: 1,
      claimed: 0,
      running: 1,
      blocked: 1,
      done: 0,
      failed: 0,
      cancelled: 0,
      total: 3,
    });

    // mi tasks events: the audit trail as a batch, with the cursor to poll from
    const events = jsonOf<TaskEventPage>(await mi("tasks", "events", "--colony", id, "--json", "--limit", "1000"));
    expect(events.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["created", "claimed", "commented", "artifact_added", "verified", "retried"]),
    );
    expect(events.nextSinceId).toBe(events.events.at(-1)!.id);
    const none = await mi("tasks", "events", "--colony", id, "--sinceId", String(events.nextSinceId));
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain(`--since-id ${events.nextSinceId}`);
  });

  it("claim exits 0 with a message when nothing is claimable, so scripts can loop", async () => {
    const empty = (await sdk.offices.create({ name: "empty" })).id;
    const [human, asJson] = await Promise.all([
      mi("tasks", "claim", "--colony", empty, "--agent", "analyst"),
      mi("tasks", "claim", "--colony", empty, "--agent", "analyst", "--json"),
    ]);
    expect(human).toEqual({ code: 0, stdout: "", stderr: "No task to claim for analyst.\n" });
    expect(asJson.code).toBe(0);
    expect(JSON.parse(asJson.stdout)).toBeNull();
  });
});

describe("mi tasks watch", () => {
  it("prints one JSON line per event until interrupted, then exits 0", async () => {
    const officeId = (await sdk.offices.create({ name: "watched" })).id;
    const { child, out, exited } = watch(["tasks", "watch", "--colony", officeId, "--json"]);
    await until(() => out.stderr.includes("Watching"));

    await sdk.tasks.create(officeId, { title: "Review pipeline" });
    await sdk.tasks.comment(officeId, 1, { message: "on it" });
    await until(() => out.stdout.split("\n").length > 2);
    child.kill("SIGINT");
    expect((await exited).code).toBe(0);

    const lines = out.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as TaskEvent);
    expect(lines.map((e) => [e.taskId, e.type])).toEqual([
      [1, "created"],
      [1, "commented"],
    ]);
    expect(lines[0]!.task?.title).toBe("Review pipeline");
  });

  it("prints readable lines with --status filtering", async () => {
    const officeId = (await sdk.offices.create({ name: "watched-human" })).id;
    await sdk.tasks.create(officeId, { title: "queued one" });
    const { child, out, exited } = watch(["tasks", "watch", "--colony", officeId, "--status", "running", "--sinceId", "0"]);
    await until(() => out.stderr.includes("Watching"));
    const claimed = await sdk.tasks.claim(officeId, { agent: "analyst" });
    await sdk.tasks.update(officeId, 1, {
      status: "running",
      progress: "reading\nthe code",
      agent: "analyst",
      leaseToken: claimed!.leaseToken,
    });
    await until(() => out.stdout.includes("progress"));
    child.kill("SIGINT");
    expect((await exited).code).toBe(0);
    // Only events of tasks now running; the progress line stays on one line.
    expect(out.stdout).toMatch(/^\S+Z {2}#\d+ {2}task 1 progress \[running\] {2}analyst: reading the code$/m);
    expect(out.stdout).not.toMatch(/\[queued\]/);
  });
});

describe("mi tasks exit codes", () => {
  it("exits 1 for a missing task, with the server's message and the hint", async () => {
    const officeId = (await sdk.offices.create({ name: "errors" })).id;
    const run = await mi("tasks", "get", "--colony", officeId, "999");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/not found/);
    expect(run.stderr).toMatch(/Verify the ID/);
  });

  it("exits 1 when the server refuses: done without a result (proof of work)", async () => {
    const officeId = (await sdk.offices.create({ name: "proof" })).id;
    await sdk.tasks.create(officeId, { title: "x" });
    const run = await mi("tasks", "update", "--colony", officeId, "1", "--status", "done");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/result is required/);
  });

  it("exits 2 with a clear message for usage errors, before contacting the server", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["tasks", "create", "--colony", "x", "--title", "t", "--dependsOn", "x"],
        /--dependsOn must be task ids separated by commas, e\.g\. '2' or '1,2,3'; got "x"/,
      ],
      [
        ["tasks", "create", "--colony", "x", "--title", "t", "--kind", "poetry"],
        /--kind must be one of general, code, research, browser, review, verify/,
      ],
      [["tasks", "create", "--colony", "x"], /Missing --title/],
      [["tasks", "list", "--colony", "x", "--status", "running,finished"], /--status must be one of queued, claimed/],
      [["tasks", "get", "--colony", "x", "one"], /task id must be a task number/],
      [["tasks", "get", "1"], /Missing office id/],
      [["tasks", "verify", "--colony", "x", "2", "--accepted", "maybe"], /--accepted must be true or false/],
      [["tasks", "claim", "--colony", "x"], /Missing --agent/],
      [["tasks", "update", "--colony", "x", "1"], /Nothing to change/],
      [["tasks", "frobnicate"], /Unknown command "tasks frobnicate"/],
    ];
    const runs = await Promise.all(cases.map(([args]) => mi(...args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]![0].join(" ")).toBe(2);
      expect(run.stderr).toMatch(cases[i]![1]);
      expect(run.stdout).toBe("");
    });
  });
});

/** Waits (polling every 20 ms) until `ready` holds. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
}
