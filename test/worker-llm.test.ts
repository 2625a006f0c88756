import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OS1Client } from "../sdk/src/index.js";
import type { CallPurpose, TaskRun } from "../sdk/src/worker/engine.js";
import type { LlmUsage } from "../sdk/src/worker/llm/engine.js";
import { llmEngineFromEnv, type LlmEngineConfig } from "../sdk/src/worker/llm/factory.js";
import { startFakeLlm, type FakeLlm } from "./support/fake-llm.js";
import { startTestServer, type TestServer } from "./support/server.js";

// A made-up key: the fake records it so the test can check it reached the provider (and only there).
const LLM_KEY = "sk-fake-0123456789";
const AGENT = "analyst";

let server: TestServer;
let fake: FakeLlm;
let client: OS1Client;
let officeId: string;
const workspaces: string[] = [];

beforeAll(async () => {
  [server, fake] = await Promise.all([startTestServer(), startFakeLlm()]);
  const { apiKey } = await server.newAccount("worker-llm");
  client = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
  officeId = (await client.offices.create({ name: "llm-engine" })).id;
});
afterAll(async () => {
  await Promise.all([server?.stop(), fake?.close(), ...workspaces.map((w) => rm(w, { recursive: true, force: true }))]);
});
beforeEach(() => fake.reset());

/** A task created and claimed in the agent's name, as the worker would hand it to an engine. */
async function claimedRun(title: string, description = "") {
  const created = await client.tasks.create(officeId, { title, description, kind: "research" });
  const claimed = await client.tasks.claim(officeId, { agent: AGENT });
  expect(claimed?.task.id).toBe(created.id);
  const workspace = await realpath(await mkdtemp(path.join(os.tmpdir(), "mi-llm-ws-")));
  workspaces.push(workspace);
  const abort = new AbortController();
  const lines: string[] = [];
  const run: TaskRun = {
    task: claimed!.task,
    officeId,
    agentName: AGENT,
    workspace,
    client,
    leaseToken: claimed!.leaseToken,
    signal: abort.signal,
    async progress(line) {
      lines.push(line);
      await client.tasks.update(officeId, created.id, { progress: line, leaseToken: claimed!.leaseToken, agent: AGENT });
    },
  };
  return { run, abort, lines, workspace };
}

const fast: LlmEngineConfig = { retry: { initialDelayMs: 1, maxDelayMs: 5 } };

function openaiEngine(config: LlmEngineConfig = {}) {
  return llmEngineFromEnv(
    {
      MI_PROVIDER: "openai",
      MI_MODEL_TIER: "haiku",
      OPENAI_API_KEY: LLM_KEY,
      OPENAI_BASE_URL: `${fake.url}/v1`,
      MI_AGENT_ROLE: "research-analyst",
      MI_SYSTEM_PROMPT: "Write reports in Markdown.",
    },
    { ...fast, ...config },
  );
}

const reportScript = (dir: string) => [
  {
    toolCalls: [
      { name: "write_file", arguments: { path: `${dir}/report.md`, content: "# Findings\n\nThe queue is fair.\n" } },
      { name: "add_artifact", arguments: { path: `${dir}/report.md`, label: "the report" } },
    ],
  },
  { text: "Done.", toolCalls: [{ name: "complete_task", arguments: { result: "Wrote the report on queue fairness" } }] },
];

describe("the llm engine against a scripted OpenAI-compatible provider", () => {
  it("streams: writes a file to the drive, records it as proof and completes with a result", async () => {
    const { run, lines } = await claimedRun("Study queue fairness", "Is the queue fair? Report.");
    fake.script(reportScript("openai"));
    const usage: LlmUsage[] = [];
    const outcome = await openaiEngine({ onUsage: (u) => usage.push(u) }).run(run);

    expect(outcome).toEqual({
      kind: "done",
      result: "Wrote the report on queue fairness",
      artifacts: [{ drivePath: "openai/report.md", label: "the report" }],
    });
    expect((await client.files.read(officeId, "openai/report.md")).content.toString()).toBe("# Findings\n\nThe queue is fair.\n");

    const [first, second] = fake.requests;
    expect(fake.requests.map((r) => [r.path, r.status, r.body.stream, r.body.stream_options])).toEqual([
      ["/v1/chat/completions", 200, true, { include_usage: true }],
      ["/v1/chat/completions", 200, true, { include_usage: true }],
    ]);
    expect(first!.headers.authorization).toBe(`Bearer ${LLM_KEY}`);
    expect(first!.body.model).toBe("gpt-5.4-mini");
    const [system, user] = first!.body.messages;
    expect(system.role).toBe("system");
    expect(system.content).toContain("You are analyst, an AI agent working as research-analyst");
    expect(system.content).toContain("Write reports in Markdown.");
    expect(system.content).toContain("call complete_task");
    expect(user).toEqual({ role: "user", content: `Task ${run.task.id} (research): Study queue fairness\n\nIs the queue fair? Report.` });
    expect(first!.body.tools.map((t: { function: { name: string } }) => t.function.name)).toContain("complete_task");

    // The streamed tool calls were assembled from their deltas and answered by id.
    const messages = second!.body.messages;
    expect(messages[2]).toEqual({
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id: "call_1_0",
          type: "function",
          function: { name: "write_file", arguments: JSON.stringify(reportScript("openai")[0]!.toolCalls[0]!.arguments) },
        },
        {
          id: "call_1_1",
          type: "function",
          function: { name: "add_artifact", arguments: '{"path":"openai/report.md","label":"the report"}' },
        },
      ],
    });
    expect(messages.slice(3)).toEqual([
      { role: "tool", tool_call_id: "call_1_0", content: "wrote openai/report.md (31 bytes)" },
      { role: "tool", tool_call_id: "call_1_1", content: "recorded openai/report.md as proof" },
    ]);

    expect(usage).toHaveLength(2);
    expect(usage[0]).toMatchObject({ provider: "openai", model: "gpt-5.4-mini" });
    expect(usage.every((u) => u.inputTokens > 0 && u.outputTokens > 0)).toBe(true);
    expect(lines).toEqual([
      "turn 1: model called write_file openai/report.md, add_artifact openai/report.md",
      "turn 2: model called complete_task",
    ]);
    const logs = (await client.tasks.get(officeId, run.task.id)).logs.map((l) => l.message);
    expect(logs).toEqual(expect.arrayContaining(lines));
  });

  it("retries a provider's 503s inside the engine (non-streaming), at no cost to the task", async () => {
    const { run, lines } = await claimedRun("Survive an outage");
    fake.failNext(2);
    fake.script([{ toolCalls: [{ name: "complete_task", arguments: { result: "Answered after the outage" } }] }]);
    const outcome = await openaiEngine({ stream: false }).run(run);
    expect(outcome).toEqual({ kind: "done", result: "Answered after the outage", artifacts: [] });
    expect(fake.requests.map((r) => [r.status, r.body.stream])).toEqual([
      [503, false],
      [503, false],
      [200, false],
    ]);
    expect(lines).toEqual([
      "turn 1: model call failed (503 The server is overloaded; please try again later.), retry 1",
      "turn 1: model call failed (503 The server is overloaded; please try again later.), retry 2",
      "turn 1: model called complete_task",
    ]);
  });

  it("retries a dropped connection too", async () => {
    const { run } = await claimedRun("Survive a network failure");
    fake.dropNext(1);
    fake.script([{ toolCalls: [{ name: "complete_task", arguments: { result: "Answered after the drop" } }] }]);
    expect(await openaiEngine().run(run)).toEqual({ kind: "done", result: "Answered after the drop", artifacts: [] });
    expect(fake.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it.each([true, false])("has one retry policy: the packages' own retries are off (Anthropic: %s)", async (useAnthropic) => {
    const { run } = await claimedRun("One policy");
    fake.failNext(2);
    fake.script([{ toolCalls: [{ name: "complete_task", arguments: { result: "never" } }] }]);
    const engine = useAnthropic
      ? llmEngineFromEnv(
          { MI_PROVIDER: "anthropic", ANTHROPIC_API_KEY: LLM_KEY, ANTHROPIC_BASE_URL: fake.url },
          { retry: { maxAttempts: 1 } },
        )
      : openaiEngine({ retry: { maxAttempts: 1 } });
    await expect(engine.run(run)).rejects.toThrow(/^503 /);
    expect(fake.requests).toHaveLength(1);
  });

  it("does not retry a refusal (401): the run fails with the provider's error", async () => {
    const { run } = await claimedRun("Bad key");
    fake.failNext(1, 401);
    await expect(openaiEngine().run(run)).rejects.toThrow(/^401 /);
    expect(fake.requests).toHaveLength(1);
  });

  it("leaves the task incomplete when the model only talks", async () => {
    const { run, lines } = await claimedRun("Chatty model");
    fake.script([{ text: "I believe the answer is 42." }]);
    const outcome = await openaiEngine().run(run);
    expect(outcome).toEqual({
      kind: "incomplete",
      reason: "the model ended its session without completing the task: I believe the answer is 42.",
    });
    expect(lines).toEqual(["turn 1: model answered without a tool call"]);
  });

  it("runs shell commands in the workspace and shows their output to the model", async () => {
    const { run, workspace } = await claimedRun("Count things");
    fake.script([
      { toolCalls: [{ name: "shell", arguments: { command: "echo hello > out.txt && cat out.txt && pwd && echo oops >&2 && exit 3" } }] },
      { toolCalls: [{ name: "complete_task", arguments: { result: "counted" } }] },
    ]);
    expect(await openaiEngine().run(run)).toMatchObject({ kind: "done", result: "counted" });
    expect(await readFile(path.join(workspace, "out.txt"), "utf8")).toBe("hello\n");
    expect(fake.requests[1]!.body.messages.at(-1)).toEqual({
      role: "tool",
      tool_call_id: "call_1_0",
      content: `exit code 3\nhello\n${workspace}\noops\n`,
    });
  });

  it("returns tool errors to the model instead of failing the run, and fails the task on fail_task", async () => {
    const { run } = await claimedRun("Read a missing file");
    fake.script([
      {
        toolCalls: [
          { name: "read_file", arguments: { path: "nope/missing.md" } },
          { name: "write_file", arguments: { path: "x.md" } },
        ],
      },
      { toolCalls: [{ name: "fail_task", arguments: { error: "the input file does not exist" } }] },
    ]);
    expect(await openaiEngine().run(run)).toEqual({ kind: "failed", error: "the input file does not exist" });
    const results = fake.requests[1]!.body.messages.slice(-2).map((m: { content: string }) => m.content);
    expect(results[0]).toMatch(/^error: .*nope\/missing\.md/);
    expect(results[1]).toBe("error: write_file needs content");
  });

  it("works the office through its tools: subtasks, comments, chat, the drive, integrations", async () => {
    const { run } = await claimedRun("Organise the study");
    fake.script([
      {
        toolCalls: [
          { name: "create_subtask", arguments: { title: "Collect data", kind: "research", assigned_agent: "collector" } },
          { name: "comment", arguments: { message: "Starting with data collection" } },
          { name: "write_file", arguments: { path: "office/plan.txt", content: "plan" } },
          { name: "send_message", arguments: { text: "The plan is on the drive" } },
        ],
      },
      {
        toolCalls: [
          { name: "list_files", arguments: { prefix: "office/" } },
          { name: "read_file", arguments: { path: "office/plan.txt" } },
          { name: "http_request", arguments: { integration: "github", path: "/user" } },
        ],
      },
      { toolCalls: [{ name: "complete_task", arguments: { result: "Planned; data collection delegated" } }] },
    ]);
    expect(await openaiEngine().run(run)).toMatchObject({ kind: "done", result: "Planned; data collection delegated" });

    const detail = await client.tasks.get(officeId, run.task.id);
    expect(detail.subtasks.map((t) => [t.title, t.parentId, t.assignedAgent, t.kind])).toEqual([
      ["Collect data", run.task.id, "collector", "research"],
    ]);
    expect(detail.comments.map((c) => [c.author, c.message])).toEqual([[AGENT, "Starting with data collection"]]);
    const results = (i: number) =>
      fake.requests[i]!.body.messages.filter((m: { role: string }) => m.role === "tool").map((m: { content: string }) => m.content);
    // The message names the task, so it shows in the task's detail.
    expect(detail.linkedMessages.map((m) => [m.channel, m.text, m.taskId])).toEqual([["group", "The plan is on the drive", run.task.id]]);
    expect(results(1)).toEqual([
      `created subtask ${detail.subtasks[0]!.id} (queued)`,
      "comment posted",
      "wrote office/plan.txt (4 bytes)",
      `sent (message ${detail.linkedMessages[0]!.id}) to the group chat`,
    ]);
    const [listed, read, proxied] = results(2).slice(4);
    expect([listed, read]).toEqual(["office/plan.txt\t4 bytes", "plan"]);
    // The server refuses (no such agent hired here, nor the integration enabled): its words reach the model, and the run goes on.
    expect(proxied).toMatch(/^error: agent analyst not found/);
  });

  it("ends incomplete after maxTurns", async () => {
    const { run } = await claimedRun("Loop forever");
    fake.script([1, 2].map(() => ({ toolCalls: [{ name: "list_files", arguments: {} }] })));
    expect(await openaiEngine({ maxTurns: 2 }).run(run)).toEqual({ kind: "incomplete", reason: "no result after 2 turns" });
    expect(fake.requests).toHaveLength(2);
  });

  it("stops at once when the signal aborts mid-call, resolving incomplete", async () => {
    const { run, abort } = await claimedRun("Slow model");
    fake.script([{ delayMs: 120_000, toolCalls: [{ name: "complete_task", arguments: { result: "too late" } }] }]);
    const running = openaiEngine().run(run);
    await fake.received(1);
    abort.abort(new Error("lease lost"));
    expect(await running).toEqual({ kind: "incomplete", reason: "aborted: lease lost" });
    expect(fake.requests).toHaveLength(1);
  });

  it("throws naming the integration to configure when its key is missing", async () => {
    const { run } = await claimedRun("No key");
    const engine = llmEngineFromEnv({ MI_PROVIDER: "venice" });
    await expect(engine.run(run)).rejects.toThrow("the venice integration is not configured for this agent: VENICE_API_KEY is not set");
  });
});

describe("paying for model calls", () => {
  it("reserves each call's most before it, settles after, and stops with INSUFFICIENT_CREDITS instead of overrunning", async () => {
    // An office of its own with 20 credits, at the test server's price of 1 credit per 1,000 tokens.
    const poor = (await client.offices.create({ name: "llm-credits" })).id;
    await client.credits.add(poor, { amount: 20 });
    await client.tasks.create(poor, { title: "Write a long report" });
    const claimed = (await client.tasks.claim(poor, { agent: AGENT }))!;
    const workspace = await realpath(await mkdtemp(path.join(os.tmpdir(), "mi-llm-ws-")));
    workspaces.push(workspace);
    const run: TaskRun = {
      task: claimed.task,
      officeId: poor,
      agentName: AGENT,
      workspace,
      client,
      leaseToken: claimed.leaseToken,
      signal: new AbortController().signal,
      progress: async () => {},
    };
    const reserved: number[] = [];
    const meter = {
      async reserve(r: CallPurpose, call: { maxTokens: number }) {
        const res = await client.credits.reserve(r.officeId, { agentName: r.agentName, maxTokens: call.maxTokens, purpose: "test" });
        reserved.push(res.credits);
        return res.requestId;
      },
      async settle(r: CallPurpose, reservation: string, used: number) {
        await client.credits.settle(r.officeId, reservation, used);
      },
    };
    // The first answer is long (about 8,000 tokens), so the second request cannot be covered.
    fake.script([
      { toolCalls: [{ name: "write_file", arguments: { path: "long.md", content: "x".repeat(32_000) } }] },
      { toolCalls: [{ name: "complete_task", arguments: { result: "never reached" } }] },
    ]);
    const outcome = await openaiEngine({ meter }).run(run);
    expect(outcome.kind).toBe("failed");
    expect(outcome.kind === "failed" && outcome.error).toMatch(
      /^INSUFFICIENT_CREDITS: stopped before turn 2's model call: The office has \d+ credits, not enough for \d+/,
    );
    expect(fake.requests).toHaveLength(1);
    expect(reserved).toHaveLength(1);
    const balance = (await client.credits.balance(poor)).balance;
    expect(balance).toBeGreaterThanOrEqual(0);
    const ledger = await client.credits.ledger(poor);
    // Deposit, one reservation, its settlement; the refused reservation wrote nothing.
    expect(ledger.map((e) => e.kind)).toEqual(["refund", "usage", "deposit"]);
    expect(balance).toBe(20 + ledger[0]!.amount + ledger[1]!.amount);
  });
});

describe.each([true, false])("the llm engine against a scripted Anthropic provider (streaming: %s)", (stream) => {
  const dir = stream ? "anthropic-streamed" : "anthropic";

  it("writes, records proof and completes through Messages with tool_use blocks", async () => {
    const { run } = await claimedRun("Study queue fairness again");
    const [writes, completion] = reportScript(dir);
    // A second round of tool use: each round's results must go in their own user message.
    fake.script([writes!, { text: "Checking.", toolCalls: [{ name: "shell", arguments: { command: "echo checked" } }] }, completion!]);
    const usage: LlmUsage[] = [];
    const engine = llmEngineFromEnv(
      { MI_PROVIDER: "anthropic", MI_MODEL_TIER: "opus", ANTHROPIC_API_KEY: LLM_KEY, ANTHROPIC_BASE_URL: fake.url },
      { ...fast, stream, onUsage: (u) => usage.push(u) },
    );
    expect(await engine.run(run)).toEqual({
      kind: "done",
      result: "Wrote the report on queue fairness",
      artifacts: [{ drivePath: `${dir}/report.md`, label: "the report" }],
    });
    expect((await client.files.read(officeId, `${dir}/report.md`)).content.toString()).toContain("The queue is fair.");

    expect(fake.requests.map((r) => [r.api, r.path, r.status, r.body.stream === true])).toEqual(
      Array(3).fill(["anthropic", "/v1/messages", 200, stream]),
    );
    const [first, second, third] = fake.requests;
    const sentKey = first!.headers["x-api-key"] ?? first!.headers.authorization?.replace(/^Bearer /, "");
    expect(sentKey).toBe(LLM_KEY);
    expect(first!.body.model).toBe("claude-opus-4-7");
    expect(first!.body.system).toContain("call complete_task");
    expect(first!.body.tools.find((t: { name: string }) => t.name === "write_file").input_schema.required).toEqual(["path", "content"]);
    expect(second!.body.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "toolu_1_0", name: "write_file", input: reportScript(dir)[0]!.toolCalls[0]!.arguments },
          { type: "tool_use", id: "toolu_1_1", name: "add_artifact", input: { path: `${dir}/report.md`, label: "the report" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1_0", content: `wrote ${dir}/report.md (31 bytes)` },
          { type: "tool_result", tool_use_id: "toolu_1_1", content: `recorded ${dir}/report.md as proof` },
        ],
      },
    ]);
    expect(third!.body.messages.slice(3)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          { type: "tool_use", id: "toolu_2_0", name: "shell", input: { command: "echo checked" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_2_0", content: "exit code 0\nchecked\n" }] },
    ]);
    expect(usage.map((u) => [u.provider, u.model])).toEqual(Array(3).fill(["anthropic", "claude-opus-4-7"]));
  });
});
