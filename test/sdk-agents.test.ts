/**
 * `client.agents` against a real server whose agents are local worker processes (hire →
 * Running in about a second): the docs' calls in the order a user makes them, the typed
 * errors of the hiring guardrails, and a hire that is never sent twice.
 */
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AgentLogLine,
  AgentsClient,
  AlreadyExistsError,
  InsufficientCreditsError,
  InvalidArgumentError,
  NotFoundError,
  OS1Client,
  PermissionDeniedError,
  RateLimitedError,
  UnavailableError,
} from "../sdk/src/index.js";
import { withCallPolicy } from "../sdk/src/retry.js";
import { failure } from "./support/sdk.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { agentSigningKey, until } from "./support/agents.js";

let server: TestServer;
let apiKey: string;
let accountId: string;
beforeAll(async () => {
  server = await startTestServer({ MI_AGENT_RECONCILE_MS: "200", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_AGENT_WARM_POOL: "1" });
  ({ apiKey, accountId } = await server.newAccount("sdk-agents"));
});
afterAll(async () => server?.stop());

const client = (transport: "connect" | "grpc" = "connect", token = apiKey) =>
  new OS1Client({ endpoint: server.url, auth: { type: "token", token }, transport });
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A new office with `credits` on its balance (a hire at zero credits is refused). */
async function newColony(c: OS1Client, credits = 100): Promise<string> {
  const colonyId = (await c.offices.create({ name: "agents" })).id;
  if (credits > 0) await c.credits.add(colonyId, { amount: credits });
  return colonyId;
}

const phaseOf = async (c: OS1Client, colonyId: string, name: string) => (await c.agents.get(colonyId, name)).status.phase;

/** The next item of `lines`, or a failure naming `what` after `ms`. */
async function nextWithin(lines: AsyncIterator<AgentLogLine>, what: string, ms = 20_000): Promise<IteratorResult<AgentLogLine>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no log line within ${ms} ms while waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([lines.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each(["connect", "grpc"] as const)("client.agents over %s, following the docs", (transport) => {
  it("hire → Running → logs → followLogs → promote → activity → update → fire", async () => {
    const c = client(transport);
    const colonyId = await newColony(c);

    const hired = await c.agents.hire(colonyId, {
      name: "analyst",
      modelTier: "sonnet",
      role: "research-analyst",
      skills: ["github"],
      systemPrompt: "Be brief.",
    });
    expect(hired).toEqual({
      name: "analyst",
      status: { phase: "Pending", reason: expect.any(String), message: expect.any(String), updatedAt: expect.stringMatching(ISO) },
      employeeType: "local",
      modelTier: "sonnet",
      provider: "",
      role: "research-analyst",
      skills: ["github"],
      systemPrompt: "Be brief.",
      hiredBy: `operator:${accountId}`,
      createdAt: expect.stringMatching(ISO),
      lastHeartbeatAt: null,
      publicKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      budget: null,
      creditsUsed: 0,
      spawnDepth: 0,
      xmtpAddress: "",
      clonedFrom: "",
    });

    await until(
      "Running",
      () => phaseOf(c, colonyId, "analyst"),
      (p) => p === "Running",
    );
    const running = await c.agents.get(colonyId, "analyst");
    expect(running.lastHeartbeatAt).toMatch(ISO);
    expect((await c.agents.list(colonyId)).map((a) => [a.name, a.status.phase])).toEqual([["analyst", "Running"]]);

    const logs = await until(
      "the ready line",
      () => c.agents.logs(colonyId, "analyst", { limit: 100 }),
      (lines) => lines.some((l) => l.text.includes("agent analyst ready")),
    );
    for (const line of logs) {
      expect(line).toEqual({
        time: expect.stringMatching(ISO),
        stream: expect.stringMatching(/^(stdout|stderr|system)$/),
        text: expect.any(String),
      });
    }
    expect(logs.some((l) => l.stream === "stdout" && l.text.startsWith("agent analyst starting"))).toBe(true);
    expect(await c.agents.logs(colonyId, "analyst", { limit: 1 })).toEqual([logs.at(-1)]);
    // `since` takes a Date or an ISO string: the lines written after it.
    const first = logs[0]!;
    const after = await c.agents.logs(colonyId, "analyst", { since: new Date(first.time) });
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((l) => l.time > first.time)).toBe(true);
    expect(await c.agents.logs(colonyId, "analyst", { since: first.time })).toEqual(after);

    // Follow from the last line of history, then promote: the restart writes new lines.
    const stop = new AbortController();
    const followed = c.agents.followLogs(colonyId, "analyst", { tail: 1, signal: stop.signal });
    const tail = await nextWithin(followed, "the tail line");
    expect(tail.value).toEqual((await c.agents.logs(colonyId, "analyst", { limit: 1 }))[0]);
    const promotedAt = new Date().toISOString();
    const promoted = await c.agents.promote(colonyId, "analyst", { modelTier: "opus", provider: "anthropic" });
    expect(promoted).toMatchObject({ name: "analyst", modelTier: "opus", provider: "anthropic", publicKey: hired.publicKey });
    const fresh: AgentLogLine[] = [];
    const restarted = () => fresh.findIndex((l) => l.text.includes("generation 2"));
    while (restarted() < 0 || !fresh.slice(restarted()).some((l) => l.text.startsWith("agent analyst ready"))) {
      const next = await nextWithin(followed, "the new generation's start");
      if (next.done) throw new Error(`the log stream ended early after ${JSON.stringify(fresh)}`);
      fresh.push(next.value);
    }
    expect(fresh[0]).toMatchObject({ stream: "system", text: "promoted to opus (anthropic): restarting" });
    expect(fresh.every((l) => l.time >= promotedAt)).toBe(true);
    // An abort ends the stream quietly, even while it waits for the next line.
    const pending = followed.next();
    stop.abort();
    expect(await pending).toMatchObject({ done: true });
    await until(
      "Running again",
      () => phaseOf(c, colonyId, "analyst"),
      (p) => p === "Running",
    );

    const lifecycle = await c.agents.activity(colonyId, "analyst", { category: "lifecycle" });
    expect(lifecycle.every((a) => a.category === "lifecycle")).toBe(true);
    expect(lifecycle.map((a) => a.type)).toEqual(expect.arrayContaining(["lifecycle.hired", "lifecycle.promoted"]));
    const ids = lifecycle.map((a) => a.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const promotion = lifecycle.find((a) => a.type === "lifecycle.promoted")!;
    expect(promotion).toMatchObject({ time: expect.stringMatching(ISO), summary: "promoted from sonnet to opus" });
    expect(promotion.details).toMatchObject({ to: { modelTier: "opus", provider: "anthropic" } });
    expect(promotion).not.toHaveProperty("taskId");
    expect(await c.agents.activity(colonyId, "analyst", { limit: 50, category: "task,lifecycle" })).toEqual(lifecycle);
    expect(await c.agents.activity(colonyId, "analyst", { limit: 1, category: ["lifecycle"] })).toEqual([lifecycle[0]]);
    expect(await c.agents.activity(colonyId, "analyst", { category: ["task", "chat"] })).toEqual([]);

    const updated = await c.agents.update(colonyId, "analyst", {
      role: "reviewer",
      systemPrompt: "",
      addSkills: ["slack"],
      removeSkills: ["github"],
    });
    expect(updated).toMatchObject({ role: "reviewer", systemPrompt: "", skills: ["slack"], modelTier: "opus" });
    expect(await c.agents.update(colonyId, "analyst", { addSkills: "github,linear" })).toMatchObject({
      role: "reviewer",
      skills: ["github", "linear", "slack"],
    });

    const fired = await c.agents.fire(colonyId, "analyst");
    expect(fired.agent).toMatchObject({ name: "analyst", modelTier: "opus" });
    expect(fired.workspaceBackup).toMatch(new RegExp(`^offices/${colonyId}/backups/agents/analyst/.+\\.tar\\.gz$`));
    const gone = await failure(c.agents.get(colonyId, "analyst"));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.status).toBe(404);
    expect(await c.agents.list(colonyId)).toEqual([]);
    expect((await c.agents.activity(colonyId, "analyst", { limit: 1 }))[0]).toMatchObject({
      type: "lifecycle.fired",
      details: { workspaceBackup: fired.workspaceBackup },
    });
  });
});

describe("client.agents: the office is the colony", () => {
  it("takes an office's id as the docs' colonyId, and agents sign in with colonyId or officeId", async () => {
    const operator = client();
    const colonyId = await newColony(operator);
    const lead = await operator.agents.hire(colonyId, { name: "lead" });
    await until(
      "Running",
      () => phaseOf(operator, colonyId, "lead"),
      (p) => p === "Running",
    );

    // The agent's own key, as its worker reads it (beside its workspace, in the server's data dir).
    const signingKey = agentSigningKey(server.dataDir, colonyId, lead.publicKey);
    const asColony = new OS1Client({ endpoint: server.url, signingKey, agentId: "lead", colonyId });
    const asOffice = new OS1Client({ endpoint: server.url, signingKey, agentId: "lead", officeId: colonyId });
    expect((await asColony.agents.get(colonyId, "lead")).name).toBe("lead");
    expect((await asOffice.agents.list(colonyId)).map((a) => a.name)).toEqual(["lead"]);

    // Agents hire only where the office allows it (403), and then within a budget of their own.
    const refused = await failure(asColony.agents.hire(colonyId, { name: "helper" }));
    expect(refused).toBeInstanceOf(PermissionDeniedError);
    expect(refused).toMatchObject({ status: 403, reason: "AGENT_HIRING_DISABLED" });
    expect(refused.message).toMatch(/agent hiring is disabled/);
    await operator.offices.updateSettings(colonyId, { allowAgentHiring: true });
    const helper = await asOffice.agents.hire(colonyId, { name: "helper", budget: 40 });
    expect(helper).toMatchObject({ name: "helper", hiredBy: "lead", spawnDepth: 1, budget: 40, creditsUsed: 0 });
    expect((await operator.agents.list(colonyId)).map((a) => a.name)).toEqual(["lead", "helper"]);
    const operatorBudget = await failure(operator.agents.hire(colonyId, { name: "other", budget: 5 }));
    expect(operatorBudget).toBeInstanceOf(InvalidArgumentError);
    expect(operatorBudget.message).toMatch(/budget/);
  });

  it("walks every page of agents with iterate", async () => {
    const c = client();
    const colonyId = await newColony(c);
    for (const name of ["a1", "a2", "a3"]) await c.agents.hire(colonyId, { name });
    const walked: string[] = [];
    for await (const agent of c.agents.iterate(colonyId, { pageSize: 1 })) walked.push(agent.name);
    expect(walked).toEqual(["a1", "a2", "a3"]);
    expect((await c.agents.list(colonyId)).map((a) => a.name)).toEqual(walked);
  });
});

describe("client.agents errors", () => {
  it("a taken name is AlreadyExistsError (409) and leaves one agent", async () => {
    const c = client();
    const colonyId = await newColony(c);
    await c.agents.hire(colonyId, { name: "dup" });
    const err = await failure(c.agents.hire(colonyId, { name: "dup" }));
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(err).toMatchObject({ code: "already_exists", status: 409 });
    expect(err.message).toMatch(/already exists.*Choose a different name/);
    expect((await c.agents.list(colonyId)).map((a) => a.name)).toEqual(["dup"]);
  });

  it("an office without credits is InsufficientCreditsError (402) and hires nothing", async () => {
    const c = client();
    const colonyId = await newColony(c, 0);
    const err = await failure(c.agents.hire(colonyId, { name: "broke" }));
    expect(err).toBeInstanceOf(InsufficientCreditsError);
    expect(err).toMatchObject({ status: 402, reason: "INSUFFICIENT_CREDITS" });
    expect(err.message).toMatch(/no credits.*mi credits add --colony/);
    expect(err.hint).toMatch(/mi credits add/);
    expect(await c.agents.list(colonyId)).toEqual([]);
  });

  it("the fourth hire in 10 minutes is RateLimitedError (429) with the wait", async () => {
    const c = client();
    const colonyId = await newColony(c);
    for (const name of ["r1", "r2", "r3"]) await c.agents.hire(colonyId, { name });
    const err = await failure(c.agents.hire(colonyId, { name: "r4" }));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err).toMatchObject({ code: "resource_exhausted", status: 429 });
    const retryAfter = (err as RateLimitedError).retryAfter;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(err.hint).toBe(`Wait ${retryAfter} s and retry.`);
    expect(err.message).toMatch(/at most 3 hires per 10 minutes/);
  });

  it("checks names, model tiers, times and categories before sending, naming the field", async () => {
    const c = client();
    const colonyId = await newColony(c);
    const cases: [Promise<unknown>, RegExp][] = [
      [c.agents.hire(colonyId, { name: "Analyst" }), /^name must be 1 to 63 lowercase letters/],
      [c.agents.hire(colonyId, { name: "analyst", modelTier: "gpt-4" as never }), /^modelTier must be one of sonnet, opus, haiku/],
      [c.agents.get(colonyId, "no spaces"), /^name must be/],
      [c.agents.promote(colonyId, "analyst", { modelTier: "o1" as never }), /^modelTier must be one of/],
      [c.agents.logs(colonyId, "analyst", { since: "yesterday" }), /^since must be an ISO 8601 time/],
      [c.agents.logs(colonyId, "analyst", { limit: 0 }), /^limit must be a whole number from 1 to 5000/],
      [c.agents.activity(colonyId, "analyst", { category: "task,gossip" }), /^category must be one of task, lifecycle/],
    ];
    for (const [call, message] of cases) {
      const err = await failure(call);
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(err.message).toMatch(message);
    }
    expect(() => c.agents.followLogs(colonyId, "analyst", { tail: 5, since: new Date() })).toThrow(InvalidArgumentError);
    expect(await c.agents.list(colonyId)).toEqual([]);
    // What only the server checks comes back typed too, naming the field.
    const role = await failure(c.agents.hire(colonyId, { name: "analyst", role: "Research Analyst" }));
    expect(role).toBeInstanceOf(InvalidArgumentError);
    expect((role as InvalidArgumentError).violations.map((v) => v.field)).toEqual(["role"]);
  });

  it("another account's office and a missing agent are NotFoundError", async () => {
    const c = client();
    const colonyId = await newColony(c);
    const stranger = client("connect", (await server.newAccount("stranger")).apiKey);
    expect(await failure(stranger.agents.list(colonyId))).toBeInstanceOf(NotFoundError);
    expect(await failure(stranger.agents.hire(colonyId, { name: "intruder" }))).toBeInstanceOf(NotFoundError);
    const missing = await failure(c.agents.logs(colonyId, "ghost"));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toMatch(/agent ghost not found/);
    const followed = c.agents.followLogs(colonyId, "ghost");
    expect(await failure(followed.next())).toBeInstanceOf(NotFoundError);
    expect(await c.agents.list(colonyId)).toEqual([]);
  });

  it("a hire whose answer is lost is not sent again: the caller sees the failure, the office one agent", async () => {
    const c = client();
    const colonyId = await newColony(c);
    let sent = 0;
    // The request reaches the server and is applied; its answer never reaches the caller.
    const loseAnswer: Interceptor = (next) => async (req) => {
      req.header.set("authorization", `Bearer ${apiKey}`);
      sent++;
      await next(req);
      throw new ConnectError("connection reset", Code.Unavailable);
    };
    const transport = withCallPolicy(createConnectTransport({ baseUrl: server.url, httpVersion: "1.1", interceptors: [loseAnswer] }), {
      timeoutMs: 10_000,
      maxAttempts: 4,
      initialDelayMs: 1,
      maxDelayMs: 10,
    });
    const agents = new AgentsClient(transport);
    expect(await failure(agents.hire(colonyId, { name: "once" }))).toBeInstanceOf(UnavailableError);
    expect(sent).toBe(1);
    // Reads on the same transport are retried.
    expect(await failure(agents.list(colonyId))).toBeInstanceOf(UnavailableError);
    expect(sent).toBe(5);
    expect((await c.agents.list(colonyId)).map((a) => a.name)).toEqual(["once"]);
  });
});
