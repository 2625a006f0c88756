/**
 * Agents on the local process runtime, for real: a hire starts a worker process that signs its
 * heartbeats with the agent's key, which makes the agent Running; logs, promote (a new worker
 * generation), fire (workspace backed up to object storage, process and workspace gone), and
 * the hiring guardrails (409, 429, 403, 402).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { type Agent, AgentPhase, AgentService, type HireAgentRequestSchema } from "../gen/ts/mitosis/v1/agent_pb.js";
import { CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { createBlobStore } from "../src/blob/index.js";
import { until, workerProcesses } from "./support/agents.js";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import pg from "pg";
import { PgAgentStore } from "../src/agents/store.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startTestServer({ MI_AGENT_RECONCILE_MS: "200", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_AGENT_WARM_POOL: "1" });
  ({ apiKey: key } = await server.newAccount("agents"));
});
afterAll(async () => server?.stop());

const agents = () => clientFor(AgentService, server.url, key);
async function newOffice(credits = 100): Promise<string> {
  const officeId = (await clientFor(OfficeService, server.url, key).createOffice({ name: "agents" })).office!.id;
  if (credits > 0) await clientFor(CreditService, server.url, key).addCredits({ officeId, amount: BigInt(credits) });
  return officeId;
}

const phaseOf = async (officeId: string, name: string) => (await agents().getAgent({ officeId, agentName: name })).agent!.status!.phase;

describe("hire → Running → logs → promote → fire on local processes", () => {
  it("runs the agent's worker, signed in as the agent, and removes it on fire with a backup", async () => {
    const officeId = await newOffice();
    const { agent } = await agents().hireAgent({
      officeId,
      name: "analyst",
      modelTier: "sonnet",
      role: "research-analyst",
      skills: ["github"],
    });
    expect(agent).toMatchObject({ name: "analyst", modelTier: "sonnet", role: "research-analyst", skills: ["github"], spawnDepth: 0 });
    expect(agent!.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(agent!.hiredBy).toMatch(/^operator:/);
    await until(
      "phase",
      () => phaseOf(officeId, "analyst"),
      (p) => p === AgentPhase.RUNNING,
    );
    const got = (await agents().getAgent({ officeId, agentName: "analyst" })).agent!;
    expect(got.lastHeartbeatAt).toBeDefined();
    // One worker process runs in the agent's workspace.
    const [pid] = [...workerProcesses(server.dataDir, officeId).values()].flat();
    expect(pid).toBeGreaterThan(0);
    expect(workerProcesses(server.dataDir, officeId).size).toBe(1);

    const logs = await until(
      "ready line",
      async () => (await agents().listAgentLogs({ officeId, agentName: "analyst" })).lines.map((l) => l.text),
      (lines) => lines.some((l) => l.includes("agent analyst ready")),
    );
    expect(logs.some((l) => l.startsWith("starting"))).toBe(true);

    // A workspace file the backup must carry.
    const workspace = path.join(server.dataDir, "agents", officeId);
    const [agentDir] = readdirSync(workspace);
    execFileSync("sh", ["-c", `echo notes > ${path.join(workspace, agentDir!, "workspace", "notes.txt")}`]);

    const promoted = (await agents().promoteAgent({ officeId, agentName: "analyst", modelTier: "opus", provider: "anthropic" })).agent!;
    expect(promoted).toMatchObject({ modelTier: "opus", provider: "anthropic", publicKey: agent!.publicKey });
    await until(
      "restart with the new generation",
      async () => (await agents().listAgentLogs({ officeId, agentName: "analyst" })).lines.map((l) => l.text),
      (lines) => lines.some((l) => l.includes("generation 2")) && lines.filter((l) => l.includes("ready")).length >= 2,
    );
    await until(
      "phase",
      () => phaseOf(officeId, "analyst"),
      (p) => p === AgentPhase.RUNNING,
    );
    // The promote replaced the process.
    const [promotedPid] = [...workerProcesses(server.dataDir, officeId).values()].flat();
    expect(promotedPid).not.toBe(pid);

    const fired = await agents().fireAgent({ officeId, agentName: "analyst" });
    expect(fired.workspaceBackup).toMatch(new RegExp(`^offices/${officeId}/backups/agents/analyst/.+\\.tar\\.gz$`));
    const blobs = await createBlobStore({ dataDir: server.dataDir, minio: server.minio });
    const object = await blobs.get(fired.workspaceBackup);
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(Buffer.from(chunk));
    await blobs.close();
    const listing = execFileSync("tar", ["-tzf", "-"], { input: Buffer.concat(chunks), encoding: "utf8" });
    expect(listing).toContain("notes.txt");
    expect(listing).not.toContain("identity.key");
    expect(existsSync(path.join(workspace, agentDir!))).toBe(false);
    // Its process is gone: not only out of the workspace, not running at all.
    expect(workerProcesses(server.dataDir, officeId).size).toBe(0);
    expect(() => process.kill(promotedPid!, 0)).toThrow();
    await expect(agents().getAgent({ officeId, agentName: "analyst" })).rejects.toMatchObject({ code: Code.NotFound });
    const activity = await agents().listAgentActivity({ officeId, agentName: "analyst" });
    expect(activity.activities[0]).toMatchObject({ type: "lifecycle.fired" });
    expect(activity.activities[0]!.summary).toContain(fired.workspaceBackup);
    expect(activity.activities.map((a) => a.type)).toEqual(
      expect.arrayContaining(["lifecycle.hired", "lifecycle.promoted", "lifecycle.started"]),
    );
  });
});

describe("logs", () => {
  it("pages by limit and token, polls with since, and keeps only the newest lines when pruned", async () => {
    const officeId = await newOffice();
    const { agent } = await agents().hireAgent({ officeId, name: "chatty" });
    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
    try {
      const store = new PgAgentStore(pool);
      const agentId = (await pool.query("select id from agent where office_id = $1 and name = 'chatty'", [officeId])).rows[0].id;
      const base = Date.now() + 60_000; // after anything the worker writes meanwhile
      await store.appendLogs(
        Array.from({ length: 30 }, (_, i) => ({ agentId, time: new Date(base + i), stream: "stdout" as const, text: `line ${i}` })),
      );
      const texts = (lines: { text: string }[]) => lines.map((l) => l.text).filter((t) => t.startsWith("line "));
      const tail = await agents().listAgentLogs({ officeId, agentName: "chatty", pageSize: 3 });
      expect(texts(tail.lines)).toEqual(["line 27", "line 28", "line 29"]);
      const since = await agents().listAgentLogs({ officeId, agentName: "chatty", since: timestampFromMs(base + 25), pageSize: 2 });
      expect(texts(since.lines)).toEqual(["line 26", "line 27"]);
      const next = await agents().listAgentLogs({ officeId, agentName: "chatty", pageToken: since.nextPageToken, pageSize: 5 });
      expect(texts(next.lines)).toEqual(["line 28", "line 29"]);
      await store.pruneLogs([agentId], 10);
      const kept = (await pool.query("select text from agent_log_line where agent_id = $1 order by id", [agentId])).rows.map((r) => r.text);
      expect(kept).toHaveLength(10);
      expect(kept.at(-1)).toBe("line 29");
      expect(agent!.name).toBe("chatty");
    } finally {
      await pool.end();
    }
  });
});

describe("hiring guardrails", () => {
  it("refuses bad input naming the field, and writes nothing", async () => {
    const officeId = await newOffice();
    for (const [request, field] of [
      [{ name: "Bad Name" }, "name"],
      [{ name: "ok", modelTier: "gpt-4" }, "model_tier"],
      [{ name: "ok", skills: ["github", "github"] }, "skills"],
      [{ name: "ok", systemPrompt: "x".repeat(50_001) }, "system_prompt"],
    ] as [MessageInitShape<typeof HireAgentRequestSchema>, string][]) {
      const err = ConnectError.from(
        await agents()
          .hireAgent({ officeId, ...request })
          .catch((e) => e),
      );
      expect(err.code).toBe(Code.InvalidArgument);
      expect(err.rawMessage).toContain(field);
    }
    expect((await agents().listAgents({ officeId })).agents).toEqual([]);
    expect(existsSync(path.join(server.dataDir, "agents", officeId))).toBe(false);
  });

  it("holds under concurrent hires: one agent per name, and no more than the rate allows", async () => {
    const sameName = await newOffice();
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => agents().hireAgent({ officeId: sameName, name: "twin" })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((await agents().listAgents({ officeId: sameName })).agents).toHaveLength(1);

    const burst = await newOffice();
    const hires = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => agents().hireAgent({ officeId: burst, name: `b${i}` })));
    const refused = hires.filter((o) => o.status === "rejected").map((o) => ConnectError.from((o as PromiseRejectedResult).reason).code);
    expect(hires.filter((o) => o.status === "fulfilled")).toHaveLength(3);
    expect(new Set(refused)).toEqual(new Set([Code.ResourceExhausted]));
    expect((await agents().listAgents({ officeId: burst })).agents).toHaveLength(3);
  });

  it("refuses a taken name with already_exists and leaves one agent", async () => {
    const officeId = await newOffice();
    await agents().hireAgent({ officeId, name: "dup" });
    const err = await agents()
      .hireAgent({ officeId, name: "dup" })
      .catch((e) => ConnectError.from(e));
    expect(err).toMatchObject({ code: Code.AlreadyExists });
    expect((err as ConnectError).rawMessage).toMatch(/already exists.*Choose a different name/);
    expect((await agents().listAgents({ officeId })).agents.map((a: Agent) => a.name)).toEqual(["dup"]);
  });

  it("allows 3 hires per 10 minutes per office, then resource_exhausted with a retry delay", async () => {
    const officeId = await newOffice();
    for (const name of ["a1", "a2", "a3"]) await agents().hireAgent({ officeId, name });
    const err = ConnectError.from(
      await agents()
        .hireAgent({ officeId, name: "a4" })
        .catch((e) => e),
    );
    expect(err.code).toBe(Code.ResourceExhausted);
    expect(err.rawMessage).toMatch(/at most 3 hires per 10 minutes/);
    const rest = await fetch(`${server.url}/api/offices/${officeId}/agents`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "a4" }),
    });
    expect(rest.status).toBe(429);
    expect(Number(rest.headers.get("retry-after"))).toBeGreaterThan(0);
    server.clock.advance(10 * 60_000 + 1000);
    await agents().hireAgent({ officeId, name: "a4" });
  });

  it("refuses a hire when the office has no credits (402 on REST) and writes nothing", async () => {
    const officeId = await newOffice(0);
    const rest = await fetch(`${server.url}/api/offices/${officeId}/agents`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "broke" }),
    });
    expect(rest.status).toBe(402);
    expect(((await rest.json()) as { message: string }).message).toMatch(/no credits.*mi credits add --colony/);
    expect((await agents().listAgents({ officeId })).agents).toEqual([]);
    expect(existsSync(path.join(server.dataDir, "agents", officeId))).toBe(false);
  });
});
