import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { AgentPhase, AgentService } from "../gen/ts/mitosis/v1/agent_pb.js";
import { CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { clientFor } from "../test/support/clients.js";
import { startTestServer, type TestServer } from "../test/support/server.js";
import { type Measurement, measure, report } from "./measure.js";

/** Agents in the office that ListAgents lists. */
const LISTED_AGENTS = 1000;

/**
 * Hire → Running on the local runtime: the time from the HireAgent call until GetAgent reports
 * Running (the worker's first signed heartbeat), over `hires` hires with the warm pool against
 * the same hires without one (every worker boots Node first), in the same run.
 */
export async function benchHires(opts: { hires: number }): Promise<Measurement[]> {
  const cold = await hireToRunning("hire → Running, no warm pool (baseline)", opts.hires, "0");
  const warm = await hireToRunning("hire → Running, warm pool of 2", opts.hires, "2");
  report(`Hire → Running on local processes, ${opts.hires} hires each; baseline = the same hires without a warm pool`, [
    { m: warm, baseline: cold },
  ]);
  console.log(`hire → Running with the warm pool: p50 ${warm.p50Ms.toFixed(0)} ms, p99 ${warm.p99Ms.toFixed(0)} ms (target p50 < 1000 ms)`);
  return [cold, warm];
}

/** ListAgents of an office of 1,000 agents against GetOffice on the same server, from 1 and `concurrency` callers. */
export async function benchAgentList(opts: { seconds: number; concurrency: number }): Promise<Measurement[]> {
  const server = await startTestServer({ MI_AGENT_WARM_POOL: "0" });
  try {
    const officeId = await fundedOffice(server);
    await insertStoppedAgents(server, officeId, LISTED_AGENTS);
    const agents = clientFor(AgentService, server.url, server.adminKey);
    const offices = clientFor(OfficeService, server.url, server.adminKey);
    const listed = (await agents.listAgents({ officeId, pageSize: LISTED_AGENTS })).agents.length;
    if (listed !== LISTED_AGENTS) throw new Error(`ListAgents returned ${listed} agents, not ${LISTED_AGENTS}`);
    const results: Measurement[] = [];
    for (const concurrency of [1, opts.concurrency]) {
      const baseline = await measure(`GetOffice, ${concurrency} callers (baseline)`, () => offices.getOffice({ officeId }), {
        seconds: opts.seconds,
        concurrency,
      });
      const list = await measure(
        `ListAgents of ${LISTED_AGENTS} agents, one page, ${concurrency} callers`,
        () => agents.listAgents({ officeId, pageSize: LISTED_AGENTS }),
        { seconds: opts.seconds, concurrency },
      );
      report(`ListAgents; baseline = GetOffice on the same server`, [{ m: list, baseline }]);
      console.log(`ListAgents of ${LISTED_AGENTS}, ${concurrency} callers: p99 ${list.p99Ms.toFixed(1)} ms (target < 100 ms)`);
      results.push(baseline, list);
    }
    return results;
  } finally {
    await server.stop();
  }
}

/** Hires `count` agents one after another and times each until it is Running; fires each afterwards. */
async function hireToRunning(name: string, count: number, warmPool: string): Promise<Measurement> {
  const server = await startTestServer({
    MI_AGENT_WARM_POOL: warmPool,
    MI_AGENT_HIRES_PER_10_MINUTES: String(count + 10),
    MI_AGENT_HEARTBEAT_SECONDS: "30",
  });
  try {
    const officeId = await fundedOffice(server);
    const agents = clientFor(AgentService, server.url, server.adminKey);
    // Let the warm pool boot, as it would have long before a real hire.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const agentName = `bench-${i}`;
      const t0 = performance.now();
      await agents.hireAgent({ officeId, name: agentName });
      while ((await agents.getAgent({ officeId, agentName })).agent!.status!.phase !== AgentPhase.RUNNING) {
        if (performance.now() - t0 > 60_000) throw new Error(`${agentName} was not Running after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      latencies.push(performance.now() - t0);
      await agents.fireAgent({ officeId, agentName });
      // Give the pool time to replace the worker it handed out, as between real hires.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
    return { name, calls: count, seconds, perSecond: 1000 / pct(0.5), p50Ms: pct(0.5), p99Ms: pct(0.99) };
  } finally {
    await server.stop();
  }
}

async function fundedOffice(server: TestServer): Promise<string> {
  const officeId = (await clientFor(OfficeService, server.url, server.adminKey).createOffice({ name: "bench agents" })).office!.id;
  await clientFor(CreditService, server.url, server.adminKey).addCredits({ officeId, amount: 1_000_000n });
  return officeId;
}

/** Agents stopped by their own idleness, straight into the table: listing them needs rows, not processes. */
async function insertStoppedAgents(server: TestServer, officeId: string, count: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  try {
    const now = new Date();
    const ids = Array.from({ length: count }, () => randomUUID());
    await pool.query(
      `insert into agent (id, office_id, name, employee_type, model_tier, hired_by, public_key, desired, phase, phase_reason,
         phase_updated_at, last_working_at, created_at, skills, role)
       select id, $2, 'agent-' || n, 'local', 'sonnet', 'operator:bench', $3, 'stopped', 'Succeeded', 'IdleTimeout',
         $4, $4, $4::timestamptz + make_interval(secs => n / 1000.0), array['github', 'search'], 'research-analyst'
       from unnest($1::uuid[]) with ordinality as t(id, n)`,
      [ids, officeId, randomBytes(32).toString("hex"), now],
    );
  } finally {
    await pool.end();
  }
}
