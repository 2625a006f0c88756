/**
 * The agent worker doing its job on a real server with local worker processes: an agent whose
 * environment names a coding CLI (AGENT_COMMAND; a small script stands in for it) wakes on a new
 * task, claims it, runs the command in its workspace, links the files it wrote as artifacts on the
 * drive and completes with the output as the result. Tasks needing tools the agent lacks stay
 * queued; another office's tasks are never touched; a command that fails uses up the task's
 * attempts and fails it with the reason; a task cancelled while running stops the command.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OS1Client } from "../sdk/src/client.js";
import { until } from "./support/agents.js";
import { startFakeLlm } from "./support/fake-llm.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let client: OS1Client;
let scripts: string;
beforeAll(async () => {
  server = await startTestServer({
    MI_AGENT_RECONCILE_MS: "100",
    MI_AGENT_HEARTBEAT_SECONDS: "1",
    MI_TASK_RETRY_BACKOFF_MS: "100",
  });
  const { apiKey } = await server.newAccount("worker");
  client = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey }, retry: { maxAttempts: 1 } });
  scripts = await mkdtemp(join(tmpdir(), "mi-worker-cli-"));
  // Stands in for a coding CLI: reads the prompt on stdin, writes a report, prints the result.
  await writeFile(
    join(scripts, "reviewer.sh"),
    `#!/usr/bin/env bash
set -e
prompt=$(cat)
mkdir -p out
printf '# Review\\n\\n%s\\n' "$prompt" > out/review.md
echo "Reviewed task $MI_TASK_ID: $(printf '%s' "$prompt" | head -n 1)"
`,
    { mode: 0o755 },
  );
  await writeFile(join(scripts, "broken.sh"), "#!/usr/bin/env bash\necho 'cannot reach the repository' >&2\nexit 3\n", { mode: 0o755 });
  await writeFile(join(scripts, "slow.sh"), `#!/usr/bin/env bash\nsleep 30\ntouch "${scripts}/slow-finished"\necho late\n`, {
    mode: 0o755,
  });
});
afterAll(async () => {
  await server?.stop();
  if (scripts) await rm(scripts, { recursive: true, force: true });
});

/** An office with credits and one agent running `command`. */
async function officeWithAgent(command: string, name = "coder"): Promise<string> {
  const office = await client.offices.create({ name: `worker ${name}` });
  await client.credits.add(office.id, { amount: 1000 });
  await client.env.set(office.id, "AGENT_COMMAND", command);
  await client.agents.hire(office.id, { name });
  await until(
    `${name} Running`,
    async () => (await client.agents.get(office.id, name)).status.phase,
    (phase) => phase === "Running",
  );
  return office.id;
}

const taskOf = (officeId: string, id: number) => client.tasks.get(officeId, id);

describe("claiming for a worker", () => {
  it("matches required tools, and takes a task given back again as its next attempt", async () => {
    const office = await client.offices.create({ name: "claims" });
    const task = await client.tasks.create(office.id, { title: "Open a PR", requiredTools: ["github"] });
    expect((await client.tasks.claimNext(office.id, { agent: "w", tools: [] })).claimed).toBeNull();
    expect((await client.tasks.claimNext(office.id, { agent: "w", tools: ["slack"] })).claimed).toBeNull();
    const claimed = (await client.tasks.claimNext(office.id, { agent: "w", tools: ["slack", "github"] })).claimed!;
    expect(claimed.task.id).toBe(task.id);
    // Given back: an attempt used, claimable again after the backoff.
    await client.tasks.update(office.id, task.id, {
      status: "queued",
      error: "ran out of ideas",
      leaseToken: claimed.leaseToken,
      agent: "w",
    });
    const requeued = (await client.tasks.get(office.id, task.id)).task;
    expect(requeued).toMatchObject({ status: "queued", error: "ran out of ideas", attempt: 1 });
    const again = await until(
      "claimable again",
      async () => (await client.tasks.claimNext(office.id, { agent: "w", tools: ["github"] })).claimed,
      (c) => c !== null,
    );
    expect(again!.task.attempt).toBe(2);
  });
});

describe("the worker with an LLM", () => {
  it("executes a task with the agent's LLM provider, paying for each call, and completes with proof", async () => {
    const fake = await startFakeLlm();
    try {
      const office = await client.offices.create({ name: "worker llm" });
      await client.credits.add(office.id, { amount: 1000 });
      await client.integrations.setSecret(office.id, "openai", { OPENAI_API_KEY: "sk-worker-test", OPENAI_BASE_URL: `${fake.url}/v1` });
      fake.script([
        {
          toolCalls: [
            { name: "write_file", arguments: { path: "reports/fairness.md", content: "# Fair\n" } },
            { name: "add_artifact", arguments: { path: "reports/fairness.md", label: "fairness report" } },
          ],
        },
        { toolCalls: [{ name: "complete_task", arguments: { result: "The queue is fair; see the report" } }] },
      ]);
      const task = await client.tasks.create(office.id, { title: "Is the queue fair?" });
      await client.agents.hire(office.id, { name: "thinker", provider: "openai" });
      const done = await until(
        "the task done",
        () => taskOf(office.id, task.id),
        (d) => d.task.status === "done",
        30_000,
      );
      expect(done.task.result).toBe("The queue is fair; see the report");
      expect(done.artifacts.map((a) => [a.path, a.label])).toEqual([["/shared/files/reports/fairness.md", "fairness report"]]);
      expect((await client.files.read(office.id, "reports/fairness.md")).content.toString()).toBe("# Fair\n");
      expect(fake.requests.map((r) => r.headers.authorization)).toEqual(["Bearer sk-worker-test", "Bearer sk-worker-test"]);
      // Each answer is limited to the tokens its reservation counted on (OpenAI's name for the limit).
      expect(fake.requests.map((r) => [r.body.max_completion_tokens, r.body.max_tokens])).toEqual([
        [8192, undefined],
        [8192, undefined],
      ]);
      // Each call reserved before and settled after, charged to the agent.
      const ledger = await client.credits.ledger(office.id, { agentName: "thinker" });
      const reservations = ledger.filter((e) => e.kind === "usage" && e.note.startsWith("reserved for openai"));
      expect(reservations).toHaveLength(2);
      expect(ledger.filter((e) => e.kind === "refund")).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });

  it("answers the operators' direct messages with its LLM provider, paying for each answer", async () => {
    const fake = await startFakeLlm();
    try {
      const office = await client.offices.create({ name: "worker chat" });
      await client.credits.add(office.id, { amount: 1000 });
      await client.integrations.setSecret(office.id, "openai", { OPENAI_API_KEY: "sk-chat-test", OPENAI_BASE_URL: `${fake.url}/v1` });
      // Said before the agent started: it is answered once the agent is up.
      await client.agents.hire(office.id, { name: "talker", provider: "openai" });
      fake.script([{ text: "4, of course." }, { text: "You are welcome." }]);
      await client.chat.send(office.id, "talker", "What is 2 + 2?");
      const answered = await until(
        "the answer",
        () => client.chat.messages(office.id, "talker"),
        (messages) => messages.length === 2,
        30_000,
      );
      expect(answered.map((m) => [m.sender.startsWith("operator:") ? "operator" : m.sender, m.text])).toEqual([
        ["operator", "What is 2 + 2?"],
        ["talker", "4, of course."],
      ]);
      await client.chat.send(office.id, "talker", "Thanks!");
      await until(
        "the second answer",
        () => client.chat.messages(office.id, "talker"),
        (messages) => messages.at(-1)?.text === "You are welcome.",
        30_000,
      );
      // The model saw the conversation as turns, and no tools.
      const last = fake.requests.at(-1)!.body;
      expect(last.messages.slice(1).map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
        ["user", "What is 2 + 2?"],
        ["assistant", "4, of course."],
        ["user", "Thanks!"],
      ]);
      expect(last.tools).toBeUndefined();
      const ledger = await client.credits.ledger(office.id, { agentName: "talker" });
      expect(ledger.filter((e) => e.kind === "usage" && /^reserved for openai .*, a chat reply/.test(e.note))).toHaveLength(2);
      // One model call per answer: an answered conversation is not answered again.
      expect(fake.requests).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });

  it("retries a task whose model never completes it twice, then fails it with the reason", async () => {
    const fake = await startFakeLlm();
    try {
      const office = await client.offices.create({ name: "worker llm talker" });
      await client.credits.add(office.id, { amount: 1000 });
      await client.integrations.setSecret(office.id, "openai", { OPENAI_API_KEY: "sk-worker-test", OPENAI_BASE_URL: `${fake.url}/v1` });
      fake.respond(() => ({ text: "I would rather talk about it." }));
      const task = await client.tasks.create(office.id, { title: "Decide something" });
      await client.agents.hire(office.id, { name: "talker", provider: "openai" });
      const failed = await until(
        "the task failed",
        () => taskOf(office.id, task.id),
        (d) => d.task.status === "failed",
        30_000,
      );
      expect(failed.task.attempt).toBe(3);
      expect(failed.task.error).toMatch(
        /^the model ended its session without completing the task: I would rather talk about it\. \(attempt 3 of 3; giving up/,
      );
      expect(fake.requests).toHaveLength(3);
    } finally {
      await fake.close();
    }
  });
});

describe("the worker", () => {
  it("claims a new task, runs the command, links what it wrote and completes with its output", async () => {
    const officeId = await officeWithAgent(join(scripts, "reviewer.sh"));
    const task = await client.tasks.create(officeId, { title: "Review the rate limiter", description: "Look for races." });
    const done = await until(
      "the task done",
      () => taskOf(officeId, task.id),
      (d) => d.task.status === "done",
      30_000,
    );
    expect(done.task.result).toBe(`Reviewed task ${task.id}: Task ${task.id}: Review the rate limiter`);
    expect(done.task.assignedAgent === "" || done.task.assignedAgent === "coder").toBe(true);
    expect(done.artifacts.map((a) => a.path)).toEqual([`/shared/files/tasks/${task.id}/out/review.md`]);
    const report = await client.files.read(officeId, `tasks/${task.id}/out/review.md`);
    expect(report.content.toString()).toContain("Look for races.");
    expect(done.logs.map((l) => l.message)).toEqual(expect.arrayContaining([`running the command for task ${task.id}`]));
  });

  it("leaves tasks needing tools it lacks, and never touches another office's tasks", async () => {
    const officeId = await officeWithAgent(join(scripts, "reviewer.sh"), "picky");
    const other = await client.offices.create({ name: "someone else's" });
    const foreign = await client.tasks.create(other.id, { title: "Not yours" });
    const needsGithub = await client.tasks.create(officeId, { title: "Open a PR", requiredTools: ["github"] });
    const plain = await client.tasks.create(officeId, { title: "Summarize" });
    await until(
      "the plain task done",
      () => taskOf(officeId, plain.id),
      (d) => d.task.status === "done",
      30_000,
    );
    expect((await taskOf(officeId, needsGithub.id)).task.status).toBe("queued");
    expect((await taskOf(other.id, foreign.id)).task.status).toBe("queued");
  });

  it("takes only the task kinds its AGENT_TASK_KINDS names, and none while that names no kind", async () => {
    const office = await client.offices.create({ name: "worker kinds" });
    await client.credits.add(office.id, { amount: 1000 });
    await client.env.set(office.id, "AGENT_COMMAND", join(scripts, "reviewer.sh"));
    await client.env.set(office.id, "AGENT_TASK_KINDS", "review, research");
    await client.agents.hire(office.id, { name: "critic" });
    // Another agent of the office whose own setting names no kind.
    await client.agents.hire(office.id, { name: "confused" });
    await client.env.setForAgent(office.id, "confused", "AGENT_TASK_KINDS", "reviews");
    await client.agents.promote(office.id, "confused", { modelTier: "opus" }); // restarts it with the setting
    await until(
      "the misconfigured agent's complaint",
      () => client.agents.logs(office.id, "confused"),
      (lines) => lines.some((l) => l.text.includes("AGENT_TASK_KINDS names reviews, not task kinds")),
      30_000,
    );
    const code = await client.tasks.create(office.id, { title: "Write the parser", kind: "code" });
    const review = await client.tasks.create(office.id, { title: "Review the parser", kind: "review" });
    const done = await until(
      "the review done",
      () => taskOf(office.id, review.id),
      (d) => d.task.status === "done",
      30_000,
    );
    expect(done.logs.find((l) => l.type === "claimed")?.actor).toBe("critic");
    expect((await taskOf(office.id, code.id)).task.status).toBe("queued");
  });

  it("gives a task back when the command fails, and the queue fails it after the third attempt with the reason", async () => {
    const officeId = await officeWithAgent(join(scripts, "broken.sh"), "unlucky");
    const task = await client.tasks.create(officeId, { title: "Doomed" });
    const failed = await until(
      "the task failed",
      () => taskOf(officeId, task.id),
      (d) => d.task.status === "failed",
      30_000,
    );
    expect(failed.task.attempt).toBe(3);
    expect(failed.task.error).toMatch(/the command exited with 3: cannot reach the repository \(attempt 3 of 3; giving up/);
    const requeues = failed.logs.filter((l) => /-> queued: the command exited with 3/.test(l.message));
    expect(requeues).toHaveLength(2);
  });

  it("stops at once when its task is taken back, and the next claim is a new attempt", async () => {
    const officeId = await officeWithAgent(join(scripts, "slow.sh"), "overtaken");
    const task = await client.tasks.create(officeId, { title: "Contested" });
    await until(
      "the task running",
      async () => (await taskOf(officeId, task.id)).task.status,
      (s) => s === "running",
      30_000,
    );
    await client.tasks.update(officeId, task.id, { status: "queued", error: "taken back by the operator" });
    await until(
      "the worker to let go",
      () => client.agents.logs(officeId, "overtaken"),
      (lines) =>
        lines.some((l) => l.text.includes(`task ${task.id}: the task is queued now, no longer this worker's; stopping work on it`)),
      30_000,
    );
    // Free again, the task is claimed anew, as its second attempt: the first one's work is gone.
    await until(
      "the next attempt",
      () => client.agents.logs(officeId, "overtaken"),
      (lines) => lines.some((l) => l.text.includes(`task ${task.id} claimed (attempt 2)`)),
      30_000,
    );
    expect((await taskOf(officeId, task.id)).task.attempt).toBe(2);
  });

  it("gives its task back at once when it is restarted (promote), costing the task no attempt", async () => {
    const officeId = await officeWithAgent(join(scripts, "slow.sh"), "restarted");
    const task = await client.tasks.create(officeId, { title: "Outlives a restart" });
    await until(
      "the task running",
      async () => (await taskOf(officeId, task.id)).task.status,
      (s) => s === "running",
      30_000,
    );
    // A promote restarts the worker: the old one is stopped (SIGTERM) with the task in hand.
    await client.agents.promote(officeId, "restarted", { modelTier: "opus" });
    const { task: back } = await until(
      "the task given back by the stopping worker",
      // The agent's log with it, to tell on failure what the worker did.
      async () => ({
        ...(await taskOf(officeId, task.id)),
        agentLog: (await client.agents.logs(officeId, "restarted")).map((l) => l.text),
      }),
      (d) => d.logs.some((l) => /restarted was interrupted: agent restarted stopped while working on it/.test(l.message)),
      30_000,
    );
    expect(back.interruptions).toBe(1);
    // The new generation claims it as the same attempt: the restart used none.
    await until(
      "the new worker's claim",
      () => client.agents.logs(officeId, "restarted"),
      (lines) => lines.some((l) => l.text.includes(`task ${task.id} claimed (attempt 1)`) && l.time > back.updatedAt),
      30_000,
    );
    expect((await taskOf(officeId, task.id)).task).toMatchObject({ attempt: 1, interruptions: 1 });
  });

  it("stops the command when its task is cancelled while running", async () => {
    const officeId = await officeWithAgent(join(scripts, "slow.sh"), "patient");
    const task = await client.tasks.create(officeId, { title: "Takes long" });
    await until(
      "the task running",
      async () => (await taskOf(officeId, task.id)).task.status,
      (s) => s === "running",
      30_000,
    );
    await client.tasks.update(officeId, task.id, { status: "cancelled" });
    await until(
      "the worker to notice",
      () => client.agents.logs(officeId, "patient"),
      (lines) => lines.some((l) => l.text.includes(`task ${task.id}: the task was cancelled; stopping work on it`)),
      30_000,
    );
    expect((await taskOf(officeId, task.id)).task.status).toBe("cancelled");
  });
});
