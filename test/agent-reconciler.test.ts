/**
 * The reconciler under failure: a worker killed with SIGKILL is seen as Failed and restarted
 * with the same identity; with several replicas on one database each agent runs exactly once,
 * and when the replicas running them stop, the one left takes them over.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { AgentPhase, AgentService } from "../gen/ts/mitosis/v1/agent_pb.js";
import { CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { PgAgentStore } from "../src/agents/store.js";
import { until, workerProcesses } from "./support/agents.js";
import { clientFor } from "./support/clients.js";
import { type Replica, startReplica } from "./support/replica.js";
import { startTestServer, type TestServer } from "./support/server.js";

const FAST = {
  MI_AGENT_RECONCILE_MS: "100",
  MI_AGENT_HEARTBEAT_SECONDS: "1",
  MI_AGENT_WARM_POOL: "1",
  MI_AGENT_HIRES_PER_10_MINUTES: "50",
};
let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startTestServer(FAST);
  ({ apiKey: key } = await server.newAccount("reconciler"));
});
afterAll(async () => server?.stop());

async function newOffice(url = server.url): Promise<string> {
  const officeId = (await clientFor(OfficeService, url, key).createOffice({ name: "reconciler" })).office!.id;
  await clientFor(CreditService, url, key).addCredits({ officeId, amount: 1000n });
  return officeId;
}
const phaseOf = async (officeId: string, agentName: string) =>
  (await clientFor(AgentService, server.url, key).getAgent({ officeId, agentName })).agent!.status!.phase;

describe("a worker that dies", () => {
  it("is reported Failed and restarted with backoff, with the same identity", async () => {
    const officeId = await newOffice();
    const agents = clientFor(AgentService, server.url, key);
    const { agent } = await agents.hireAgent({ officeId, name: "fragile" });
    await until(
      "Running",
      () => phaseOf(officeId, "fragile"),
      (p) => p === AgentPhase.RUNNING,
    );
    const [pid] = [...workerProcesses(server.dataDir, officeId).values()].flat();
    process.kill(pid!, "SIGKILL");
    const logs = await until(
      "failure noticed and a restart",
      async () => (await agents.listAgentLogs({ officeId, agentName: "fragile" })).lines.map((l) => l.text),
      (lines) =>
        lines.some((l) => l.includes("worker failed (the worker was killed by SIGKILL)")) &&
        lines.filter((l) => l.includes("ready")).length >= 2,
    );
    expect(logs.filter((l) => l.startsWith("starting")).length).toBe(2);
    const after = (await agents.getAgent({ officeId, agentName: "fragile" })).agent!;
    expect(after.status!.phase).toBe(AgentPhase.RUNNING);
    expect(after.publicKey).toBe(agent!.publicKey);
    const running = [...workerProcesses(server.dataDir, officeId).values()].flat();
    expect(running).toHaveLength(1);
    expect(running[0]).not.toBe(pid);
  });
});

describe("several replicas", () => {
  let primary: TestServer | undefined;
  let replicaA: Replica | undefined;
  let replicaB: Replica | undefined;
  let pool: pg.Pool | undefined;
  afterAll(async () => {
    await pool?.end();
    await replicaA?.stop();
    await replicaB?.stop();
    await primary?.stop();
  });

  it("run each agent exactly once, and hand them over when the replicas running them stop", async () => {
    // The primary passes rarely, so the replicas (one of which takes the hires) run the agents.
    primary = await startTestServer({ ...FAST, MI_AGENT_RECONCILE_MS: "1000" });
    const { apiKey } = await primary.newAccount("replicas");
    // Replicas of one deployment share the database and, for local agents, the data dir.
    replicaA = await startReplica(primary, { ...FAST, MI_DATA_DIR: primary.dataDir });
    replicaB = await startReplica(primary, { ...FAST, MI_DATA_DIR: primary.dataDir });
    const officeId = (await clientFor(OfficeService, primary.url, apiKey).createOffice({ name: "replicas" })).office!.id;
    await clientFor(CreditService, primary.url, apiKey).addCredits({ officeId, amount: 1000n });
    const viaA = clientFor(AgentService, replicaA.url, apiKey);
    const phase = async (agentName: string) =>
      (await clientFor(AgentService, primary!.url, apiKey).getAgent({ officeId, agentName })).agent!.status!.phase;
    const names = ["r1", "r2", "r3"];
    for (const name of names) await viaA.hireAgent({ officeId, name });
    for (const name of names)
      await until(
        `${name} Running`,
        () => phase(name),
        (p) => p === AgentPhase.RUNNING,
      );
    // Let every replica pass over them several times: none may start a second copy.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect([...workerProcesses(primary.dataDir, officeId).values()].map((pids) => pids.length)).toEqual([1, 1, 1]);

    pool = new pg.Pool({ connectionString: primary.databaseUrl, max: 1 });
    const owners = async () =>
      (await pool!.query("select name, owner from agent where office_id = $1 order by name", [officeId])).rows.map(
        (r) => r.owner as string,
      );
    const ownersBefore = await owners();
    await replicaA.stop();
    await replicaB.stop();
    replicaA = replicaB = undefined;
    // Now only the primary is left: it takes over every agent and runs each once, Running again.
    const ownersAfter = await until(
      "taken over",
      owners,
      (o) => o.every((owner) => owner !== null && owner === o[0]) && workerProcesses(primary!.dataDir, officeId).size === 3,
    );
    expect(ownersAfter.some((owner, i) => owner !== ownersBefore[i])).toBe(true);
    for (const name of names)
      await until(
        `${name} Running again`,
        () => phase(name),
        (p) => p === AgentPhase.RUNNING,
      );
    expect([...workerProcesses(primary.dataDir, officeId).values()].map((pids) => pids.length)).toEqual([1, 1, 1]);
  });
});

describe("a fire cut short", () => {
  it("is finished by the reconciler once the firing server's hold runs out: backup, removal, tombstone", async () => {
    const officeId = await newOffice();
    const agents = clientFor(AgentService, server.url, key);
    await agents.hireAgent({ officeId, name: "halfgone" });
    await until(
      "Running",
      () => phaseOf(officeId, "halfgone"),
      (p) => p === AgentPhase.RUNNING,
    );
    // What a FireAgent does first, on a server that then dies before stopping and backing up.
    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 1 });
    try {
      const store = new PgAgentStore(pool);
      await store.markFiring(officeId, "halfgone", server.clock.now(), 10 * 60_000);
      expect(await phaseOf(officeId, "halfgone")).toBe(AgentPhase.TERMINATING);
      // Until the hold runs out the agent is left alone: still a process, still Terminating.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(workerProcesses(server.dataDir, officeId).size).toBe(1);
      server.clock.advance(10 * 60_000 + 1000);
      const fired = await until(
        "fire finished",
        async () => (await pool.query("select fired_at, workspace_backup from agent where office_id = $1", [officeId])).rows[0],
        (row) => row.fired_at !== null,
      );
      expect(fired.workspace_backup).toMatch(/backups\/agents\/halfgone\//);
      expect(workerProcesses(server.dataDir, officeId).size).toBe(0);
      const feed = await agents.listAgentActivity({ officeId, agentName: "halfgone" });
      expect(feed.activities[0]).toMatchObject({ type: "lifecycle.fired", summary: expect.stringContaining("system:reconciler") });
    } finally {
      await pool.end();
    }
  });
});
