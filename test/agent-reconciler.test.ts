/**
 * The reconciler under failure: a worker killed with SIGKILL is seen as Failed and restarted
 * with the same identity; with several replicas on one database each agent runs exactly once,
 * and when the replica running them stops, another one takes them over.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { AgentPhase, AgentService } from "../gen/ts/mitosis/v1/agent_pb.js";
import { CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
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
  let replicaA: Replica | undefined;
  let replicaB: Replica | undefined;
  afterAll(async () => {
    await replicaA?.stop();
    await replicaB?.stop();
  });

  it("run each agent exactly once, and hand them over when the replica running them stops", async () => {
    // Replicas of one deployment share the database and, for local agents, the data dir.
    replicaA = await startReplica(server, { ...FAST, MI_DATA_DIR: server.dataDir });
    replicaB = await startReplica(server, { ...FAST, MI_DATA_DIR: server.dataDir });
    const officeId = await newOffice();
    const viaA = clientFor(AgentService, replicaA.url, key);
    for (const name of ["r1", "r2", "r3"]) await viaA.hireAgent({ officeId, name });
    for (const name of ["r1", "r2", "r3"])
      await until(
        `${name} Running`,
        () => phaseOf(officeId, name),
        (p) => p === AgentPhase.RUNNING,
      );
    // Let every replica pass over them a few times: none may start a second copy.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const once = workerProcesses(server.dataDir, officeId);
    expect([...once.values()].map((pids) => pids.length)).toEqual([1, 1, 1]);

    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 1 });
    const owners = async () =>
      (await pool.query("select distinct owner from agent where office_id = $1", [officeId])).rows.map((r) => r.owner as string);
    const ownersBefore = await owners();
    expect(ownersBefore).toHaveLength(1);
    await replicaA.stop();
    replicaA = undefined;
    await until(
      "taken over",
      async () => ({ owners: await owners(), pids: [...workerProcesses(server.dataDir, officeId).values()] }),
      (s) => s.owners.length === 1 && s.owners[0] !== null && s.owners[0] !== ownersBefore[0] && s.pids.length === 3,
    );
    for (const name of ["r1", "r2", "r3"])
      await until(
        `${name} Running again`,
        () => phaseOf(officeId, name),
        (p) => p === AgentPhase.RUNNING,
      );
    expect([...workerProcesses(server.dataDir, officeId).values()].map((pids) => pids.length)).toEqual([1, 1, 1]);
    await pool.end();
  });
});
