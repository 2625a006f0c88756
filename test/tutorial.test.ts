/**
 * The SDK guide's end-to-end tutorial, "multi-agent code review", run with `mi` as it is written:
 * an office, two agents hired with --provider openai-codex --model gpt-5.5, the code pushed to
 * the drive, a parent task with two subtasks assigned to them, their results and reports read
 * back, the agents fired. The agents are real local workers; their model is a fake
 * OpenAI-compatible provider on 127.0.0.1 that reads the code and writes a report per subtask.
 * Two steps the page leaves implicit are spelled out: configuring the provider's credentials
 * (mi integrations set, from stdin) and --yes on fire (a script cannot type the name back).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "./support/agents.js";
import { type FakeLlm, startFakeLlm } from "./support/fake-llm.js";
import type { ScriptedTurn } from "./support/fake-llm-protocols.js";
import { jsonOf, runMi } from "./support/mi.js";
import type { Run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let fake: FakeLlm;
let apiKey: string;
let home: string;
beforeAll(async () => {
  [server, fake] = await Promise.all([
    startTestServer({ MI_AGENT_RECONCILE_MS: "100", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_AGENT_WARM_POOL: "2" }),
    startFakeLlm(),
  ]);
  ({ apiKey } = await server.newAccount("tutorial"));
  home = await mkdtemp(join(tmpdir(), "mi-tutorial-"));
  await mkdir(join(home, "src"));
  await writeFile(join(home, "src", "rate-limiter.go"), "package ratelimit\n\nfunc Allow() bool { return tokens > 0 } // racy\n");
});
afterAll(async () => {
  await Promise.all([server?.stop(), fake?.close()]);
  if (home) await rm(home, { recursive: true, force: true });
});

const mi = (args: string[], input?: string): Promise<Run> =>
  runMi(args, { MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: join(home, ".mi") }, input, { cwd: home });
const ok = async (args: string[], input?: string): Promise<Run> => {
  const run = await mi(args, input);
  expect(run.code, `mi ${args.join(" ")}: ${run.stderr}`).toBe(0);
  return run;
};

/**
 * The model: per subtask, read the code, write a report and link it, then complete with findings;
 * the parent, should a worker claim it first, is completed as the coordination it is.
 */
function model(conversation: string): ScriptedTurn {
  const done = (conversation.match(/"role":"assistant"/g) ?? []).length;
  const subtask = conversation.includes("Find bugs and edge cases")
    ? { report: "reviews/bugs.md", finding: "Allow() reads tokens without the lock: a data race under load" }
    : conversation.includes("Analyze performance characteristics")
      ? { report: "reviews/performance.md", finding: "Allow() is O(1); contention on one counter limits throughput" }
      : undefined;
  if (!subtask) return { toolCalls: [{ name: "complete_task", arguments: { result: "Split into two subtasks: bugs and performance" } }] };
  if (done === 0) return { toolCalls: [{ name: "read_file", arguments: { path: "rate-limiter.go" } }] };
  if (done === 1) {
    return {
      toolCalls: [
        { name: "write_file", arguments: { path: subtask.report, content: `# Findings\n\n${subtask.finding}\n` } },
        { name: "add_artifact", arguments: { path: subtask.report, label: "review report" } },
      ],
    };
  }
  return { toolCalls: [{ name: "complete_task", arguments: { result: subtask.finding } }] };
}

describe("the tutorial: multi-agent code review", () => {
  it("runs as written with mi, on local workers, against the fake provider", async () => {
    fake.respond(model);
    // 1. Create office and hire agents.
    const { id } = jsonOf<{ id: string }>(await ok(["colonies", "create", "--name", "code-review", "--json", "id"]));
    await ok(["credits", "add", "--colony", id, "--amount", "1000"]);
    await ok(["integrations", "set", "--colony", id, "openai-codex", "--base-url", `${fake.url}/v1`], "OPENAI_API_KEY=sk-tutorial\n");
    await ok(["agents", "hire", "--colony", id, "--name", "reviewer", "--provider", "openai-codex", "--model", "gpt-5.5"]);
    await ok(["agents", "hire", "--colony", id, "--name", "analyst", "--provider", "openai-codex", "--model", "gpt-5.5"]);

    // 2. Upload the code to review.
    await ok(["files", "push", "--colony", id, "./src/rate-limiter.go"]);

    // 3. A parent task with two subtasks.
    const parent = jsonOf<{ id: number }>(
      await ok(["tasks", "create", "--colony", id, "--title", "Review rate-limiter.go", "--kind", "review", "--json", "id"]),
    );
    expect(parent.id).toBe(1);
    const subtask = (title: string, agent: string) =>
      ok(["tasks", "create", "--colony", id, "--title", title, "--kind", "review", "--parentId", "1", "--assignedAgent", agent]);
    await subtask("Find bugs and edge cases", "reviewer");
    await subtask("Analyze performance characteristics", "analyst");

    // 4. Monitor progress until both subtasks are done.
    type Detail = { task: { status: string; result: string }; subtasks: { id: number; status: string }[]; artifacts: { path: string }[] };
    const detail = async (taskId: number) => jsonOf<Detail>(await ok(["tasks", "get", "--colony", id, String(taskId), "--json"]));
    const overview = await until(
      "both subtasks done",
      () => detail(1),
      (d) => d.subtasks.length === 2 && d.subtasks.every((s) => s.status === "done"),
      60_000,
    );
    expect(overview.subtasks.map((s) => s.id).sort()).toEqual([2, 3]);

    // 5. Check results: the reports on the drive, each subtask's findings and artifacts.
    const files = jsonOf<{ path: string }[]>(await ok(["files", "list", "--colony", id, "--json", "path"]));
    expect(files.map((f) => f.path)).toEqual(["rate-limiter.go", "reviews/bugs.md", "reviews/performance.md"]);
    const bugs = await detail(2);
    expect(bugs.task.result).toBe("Allow() reads tokens without the lock: a data race under load");
    expect(bugs.artifacts.map((a) => a.path)).toEqual(["/shared/files/reviews/bugs.md"]);
    const perf = await detail(3);
    expect(perf.task.result).toMatch(/^Allow\(\) is O\(1\)/);
    expect(perf.artifacts.map((a) => a.path)).toEqual(["/shared/files/reviews/performance.md"]);
    const report = await ok(["files", "pull", "--colony", id, "reviews/bugs.md", "-"]);
    expect(report.stdout).toBe("# Findings\n\nAllow() reads tokens without the lock: a data race under load\n");
    // Each agent read the code it was given before writing (the model saw the file's content).
    expect(fake.requests.some((r) => JSON.stringify(r.body.messages).includes("racy"))).toBe(true);

    // 6. Clean up.
    await ok(["agents", "fire", "--colony", id, "reviewer", "--yes"]);
    await ok(["agents", "fire", "--colony", id, "analyst", "--yes"]);
    const agents = jsonOf<{ name: string; status: { phase: string } }[]>(
      await ok(["agents", "list", "--colony", id, "--json", "name,status"]),
    );
    expect(agents.every((a) => a.status.phase !== "Running")).toBe(true);
  });
});
