/**
 * Agents as callers and the guardrails around them, on a real server with local worker
 * processes: signed requests (bad key, replay, stale time, swapped id headers, another office),
 * agent rights, agents hiring agents (allowAgentHiring, spawn depth, sub-budgets), usage charged
 * per minute with suspension when the office cannot pay and resumption after a top-up, idle
 * self-termination, and a server restart that brings the same agents back.
 */
import { createHash, randomBytes } from "node:crypto";
import { createClient } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActivityCategory, AgentPhase, AgentService } from "../gen/ts/mitosis/v1/agent_pb.js";
import { CreditEntryKind, CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { OS1Client } from "../sdk/src/client.js";
import { generateSigningKey, privateKeyFromSeedHex, signRequest } from "../sdk/src/signing.js";
import { agentSigningKey, until } from "./support/agents.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startTestServer({ MI_AGENT_RECONCILE_MS: "100", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_AGENT_WARM_POOL: "1" });
  ({ apiKey: key } = await server.newAccount("guardrails"));
});
afterAll(async () => server?.stop());

const agents = () => clientFor(AgentService, server.url, key);
const offices = () => clientFor(OfficeService, server.url, key);
const credits = () => clientFor(CreditService, server.url, key);

async function newOffice(amount = 1000): Promise<string> {
  const officeId = (await offices().createOffice({ name: "guardrails" })).office!.id;
  if (amount > 0) await credits().addCredits({ officeId, amount: BigInt(amount) });
  return officeId;
}

const getAgent = async (officeId: string, name: string) => (await agents().getAgent({ officeId, agentName: name })).agent!;

async function hireRunning(officeId: string, name: string) {
  const { agent } = await agents().hireAgent({ officeId, name });
  await until(
    `${name} Running`,
    async () => (await getAgent(officeId, name)).status!.phase,
    (p) => p === AgentPhase.RUNNING,
  );
  return { agent: agent!, signingKey: agentSigningKey(server.dataDir, officeId, agent!.publicKey) };
}

/** The SDK, signed in as an agent (no API key at all). */
const asAgent = (signingKey: string, agentId: string, officeId: string) =>
  new OS1Client({ endpoint: server.url, signingKey, agentId, officeId, retry: { maxAttempts: 1 } });

/** A raw signed Connect JSON call, to tamper with what the SDK would never send wrong. */
function signedFetch(
  signingKey: string,
  ids: { agentId: string; officeId: string },
  path: string,
  body: object,
  tamper: { headers?: Record<string, string>; timestamp?: number; nonce?: string; method?: string } = {},
) {
  const method = tamper.method ?? "POST";
  const bytes = method === "GET" ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
  const host = new URL(server.url).host;
  const timestamp = String(tamper.timestamp ?? Date.now());
  const nonce = tamper.nonce ?? randomBytes(16).toString("hex");
  const signature = signRequest(privateKeyFromSeedHex(signingKey), { method, host, path, ...ids, timestamp, nonce, body: bytes });
  return fetch(server.url + path, {
    method,
    headers: {
      "content-type": "application/json",
      "x-mi-agent-id": ids.agentId,
      "x-mi-office-id": ids.officeId,
      "x-mi-timestamp": timestamp,
      "x-mi-nonce": nonce,
      "x-mi-signature": signature,
      ...tamper.headers,
    },
    body: method === "GET" ? undefined : bytes,
  });
}

describe("signed agent requests", () => {
  it("let an agent act in its own office with agent rights only, over Connect, gRPC and REST", async () => {
    const officeId = await newOffice();
    const { signingKey } = await hireRunning(officeId, "worker");
    const client = asAgent(signingKey, "worker", officeId);
    expect((await client.offices.get(officeId)).id).toBe(officeId);
    const grpc = new OS1Client({ endpoint: server.url, signingKey, agentId: "worker", officeId, transport: "grpc" });
    expect((await grpc.tasks.create(officeId, { title: "from an agent" })).title).toBe("from an agent");
    await expect(client.offices.list()).rejects.toMatchObject({ code: "permission_denied" });
    await expect(client.apiKeys.list()).rejects.toMatchObject({ code: "permission_denied" });
    await expect(client.offices.delete(officeId)).rejects.toMatchObject({ code: "permission_denied" });
    await expect(client.credits.add(officeId, { amount: 5 })).rejects.toMatchObject({ code: "permission_denied" });
    // Over REST the signature covers the REST method, path and body as sent.
    const rest = await signedFetch(signingKey, { agentId: "worker", officeId }, `/api/offices/${officeId}`, {}, { method: "GET" });
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { office: { id: string } }).office.id).toBe(officeId);
    // The hosted worker itself signs its heartbeats; its task is listed with the agent as creator.
    const tasks = await client.tasks.list(officeId);
    expect(tasks.map((t) => t.createdBy)).toContain("worker");
  });

  it("refuse a bad key, a replay, a stale time, swapped id headers and another office", async () => {
    const officeId = await newOffice();
    const otherOffice = await newOffice();
    const { signingKey } = await hireRunning(officeId, "alice");
    await hireRunning(officeId, "bob");
    const ids = { agentId: "alice", officeId };
    const path = "/mitosis.v1.OfficeService/GetOffice";
    const ok = await signedFetch(signingKey, ids, path, { officeId });
    expect(ok.status).toBe(200);

    const wrongKey = await signedFetch(generateSigningKey().signingKey, ids, path, { officeId });
    expect(wrongKey.status).toBe(401);
    expect(((await wrongKey.json()) as { message: string }).message).toMatch(/does not verify/);

    const nonce = randomBytes(16).toString("hex");
    expect((await signedFetch(signingKey, ids, path, { officeId }, { nonce })).status).toBe(200);
    const replay = await signedFetch(signingKey, ids, path, { officeId }, { nonce });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { message: string }).message).toMatch(/replay/);

    const stale = await signedFetch(signingKey, ids, path, { officeId }, { timestamp: Date.now() - 6 * 60_000 });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { message: string }).message).toMatch(/stale/);

    // Alice's valid signature presented as bob's, or for another office: the ids are signed.
    for (const headers of [{ "x-mi-agent-id": "bob" }, { "x-mi-office-id": otherOffice }] as Record<string, string>[]) {
      const swapped = await signedFetch(signingKey, ids, path, { officeId }, { headers });
      expect(swapped.status).toBe(401);
    }
    // Correctly signed, but reaching for another office's data: not found, like any stranger.
    const elsewhere = await signedFetch(signingKey, ids, path, { officeId: otherOffice });
    expect(elsewhere.status).toBe(404);
  });

  it("move files as raw bytes over REST, the body's stated SHA-256 covered by the signature", async () => {
    const officeId = await newOffice();
    const { signingKey } = await hireRunning(officeId, "filer");
    const client = asAgent(signingKey, "filer", officeId);
    const stored = await client.files.upload(officeId, "out/report.md", "# Findings\n");
    expect(stored).toMatchObject({ path: "out/report.md", size: 11, modifiedBy: "filer" });
    const { content } = await client.files.download(officeId, "out/report.md");
    const parts: Uint8Array[] = [];
    for await (const part of content) parts.push(part);
    expect(Buffer.concat(parts).toString()).toBe("# Findings\n");

    // Signed for one body, sent with another: refused once the body has streamed, nothing stored.
    const put = async (body: string, stated: string | undefined) => {
      const path = `/api/offices/${officeId}/files/out/swapped.md:upload`;
      const parts = { method: "PUT", host: new URL(server.url).host, path, agentId: "filer", officeId };
      const timestamp = String(Date.now());
      const nonce = randomBytes(16).toString("hex");
      const signature = signRequest(privateKeyFromSeedHex(signingKey), { ...parts, timestamp, nonce, body: { sha256: stated ?? "" } });
      return fetch(server.url + path, {
        method: "PUT",
        headers: {
          "x-mi-agent-id": "filer",
          "x-mi-office-id": officeId,
          "x-mi-timestamp": timestamp,
          "x-mi-nonce": nonce,
          "x-mi-signature": signature,
          ...(stated ? { "x-mi-content-sha256": stated } : {}),
        },
        body,
      });
    };
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    const swapped = await put("tampered", sha("what was signed"));
    expect(swapped.status).toBe(400);
    expect(((await swapped.json()) as { message: string }).message).toMatch(/x-mi-content-sha256/);
    const unstated = await put("no hash", undefined);
    expect(unstated.status).toBe(400);
    expect(((await unstated.json()) as { message: string }).message).toMatch(/x-mi-content-sha256/i);
    expect((await put("honest", sha("honest"))).status).toBe(200);
    expect((await client.files.list(officeId)).map((f) => f.path)).toEqual(["out/report.md", "out/swapped.md"]);
  });

  it("work the queue only as themselves: a claim or comment in another agent's name is refused", async () => {
    const officeId = await newOffice();
    const { signingKey } = await hireRunning(officeId, "honest");
    const client = asAgent(signingKey, "honest", officeId);
    const task = await client.tasks.create(officeId, { title: "for anyone" });
    await expect(client.tasks.claim(officeId, { agent: "someone-else" })).rejects.toMatchObject({ code: "permission_denied" });
    await expect(client.tasks.comment(officeId, task.id, { agent: "someone-else", message: "hi" })).rejects.toMatchObject({
      code: "permission_denied",
    });
    const claimed = await client.tasks.claim(officeId, { agent: "honest" });
    expect(claimed?.task.lease?.owner).toBe("honest");
    await client.tasks.comment(officeId, task.id, { message: "on it" });
    // What the agent did in the queue shows in its activity feed under "task".
    const feed = await until(
      "task activity",
      async () => (await agents().listAgentActivity({ officeId, agentName: "honest", categories: [ActivityCategory.TASK] })).activities,
      (entries) => entries.length >= 3,
    );
    expect(feed.map((a) => a.type)).toEqual(["task.commented", "task.claimed", "task.created"]);
    expect(feed.every((a) => a.taskId === BigInt(task.id))).toBe(true);
    expect(feed[1]!.summary).toMatch(/^task \d+ claimed/);
  });
});

describe("agents hiring agents", () => {
  it("is refused while the office does not allow it (403), then carves a sub-budget at depth 1", async () => {
    const officeId = await newOffice();
    const { signingKey } = await hireRunning(officeId, "lead");
    const denied = await signedFetch(signingKey, { agentId: "lead", officeId }, `/api/offices/${officeId}/agents`, { name: "helper" });
    // Signed REST body must be what was sent: signedFetch sends the same bytes it signed.
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { message: string }).message).toMatch(/agent hiring is disabled/);
    await offices().updateOfficeSettings({ officeId, allowAgentHiring: true });
    const helper = (await clientForAgent(signingKey, "lead", officeId).hireAgent({ officeId, name: "helper", budget: 5n })).agent!;
    expect(helper).toMatchObject({ hiredBy: "lead", spawnDepth: 1, budget: 5n });
  });

  it("stops a spawned agent whose sub-budget is used up, and not its parent", async () => {
    const officeId = await newOffice();
    await offices().updateOfficeSettings({ officeId, allowAgentHiring: true });
    const { signingKey } = await hireRunning(officeId, "parent");
    await clientForAgent(signingKey, "parent", officeId).hireAgent({ officeId, name: "child", budget: 2n });
    await until(
      "child Running",
      async () => (await getAgent(officeId, "child")).status!.phase,
      (p) => p === AgentPhase.RUNNING,
    );
    server.clock.advance(3 * 60_000);
    const child = await until(
      "child suspended",
      () => getAgent(officeId, "child"),
      (a) => a.status!.phase === AgentPhase.SUSPENDED,
    );
    expect(child.status!.reason).toBe("BudgetExhausted");
    expect(child.creditsUsed).toBe(2n);
    const parent = await getAgent(officeId, "parent");
    expect(parent.status!.phase).toBe(AgentPhase.RUNNING);
    const ledger = await credits().listCreditLedgerEntries({ officeId, kind: CreditEntryKind.USAGE });
    expect(ledger.entries.filter((e) => e.agentName === "child").reduce((sum, e) => sum - e.amount, 0n)).toBe(2n);
  });

  it("lets an agent hired by an agent stop itself after the office's idle limit; operators' hires keep running", async () => {
    const officeId = await newOffice();
    await offices().updateOfficeSettings({ officeId, allowAgentHiring: true, agentIdleTimeoutMinutes: 1 });
    const { signingKey } = await hireRunning(officeId, "boss");
    await clientForAgent(signingKey, "boss", officeId).hireAgent({ officeId, name: "temp" });
    await until(
      "temp Running",
      async () => (await getAgent(officeId, "temp")).status!.phase,
      (p) => p === AgentPhase.RUNNING,
    );
    server.clock.advance(61_000);
    const temp = await until(
      "temp stopped",
      () => getAgent(officeId, "temp"),
      (a) => a.status!.phase === AgentPhase.SUCCEEDED,
    );
    expect(temp.status!.reason).toBe("IdleTimeout");
    expect((await getAgent(officeId, "boss")).status!.phase).toBe(AgentPhase.RUNNING);
    const activity = await agents().listAgentActivity({ officeId, agentName: "temp" });
    expect(activity.activities.map((a) => a.type)).toContain("lifecycle.idle_stopped");
  });
});

describe("credits", () => {
  it("suspends running agents when the office cannot pay and resumes them after a top-up; the balance never goes negative", async () => {
    const officeId = await newOffice(2);
    const { agent } = await hireRunning(officeId, "spender");
    server.clock.advance(3 * 60_000);
    const suspended = await until(
      "suspended",
      () => getAgent(officeId, "spender"),
      (a) => a.status!.phase === AgentPhase.SUSPENDED,
    );
    expect(suspended.status!.reason).toBe("InsufficientCredits");
    const balance = (await credits().getCreditBalance({ officeId })).balance!.balance;
    expect(balance).toBeGreaterThanOrEqual(0n);
    // Suspended, not deleted: it is still listed, and the office status counts it as not running.
    expect((await agents().listAgents({ officeId })).agents.map((a) => a.name)).toEqual(["spender"]);
    expect((await offices().getOfficeStatus({ officeId })).status).toMatchObject({ agentCount: 1, runningAgentCount: 0 });
    await credits().addCredits({ officeId, amount: 100n });
    const resumed = await until(
      "resumed",
      () => getAgent(officeId, "spender"),
      (a) => a.status!.phase === AgentPhase.RUNNING,
    );
    expect(resumed.publicKey).toBe(agent.publicKey);
  });
});

describe("a server restart", () => {
  it("brings running agents back Running with the same identity", async () => {
    const officeId = await newOffice();
    const { agent } = await hireRunning(officeId, "survivor");
    const heartbeatBefore = (await getAgent(officeId, "survivor")).lastHeartbeatAt!;
    await server.restart();
    const after = await until(
      "Running after restart",
      () => getAgent(officeId, "survivor"),
      (a) =>
        a.status!.phase === AgentPhase.RUNNING &&
        a.lastHeartbeatAt !== undefined &&
        a.lastHeartbeatAt.seconds * 1000n + BigInt(a.lastHeartbeatAt.nanos / 1e6) >
          heartbeatBefore.seconds * 1000n + BigInt(heartbeatBefore.nanos / 1e6),
    );
    // The heartbeat that made it Running again was signed with the same key the agent was hired with.
    expect(after.publicKey).toBe(agent.publicKey);
    const logs = (await agents().listAgentLogs({ officeId, agentName: "survivor", pageSize: 100 })).lines.map((l) => l.text);
    expect(logs.filter((l) => l.startsWith("starting")).length).toBeGreaterThanOrEqual(2);
  });
});

/** A generated AgentService client whose requests are signed as an agent (through the SDK's transport). */
function clientForAgent(signingKey: string, agentId: string, officeId: string) {
  return createClient(AgentService, asAgent(signingKey, agentId, officeId).transport);
}
