import { randomUUID } from "node:crypto";
import pg from "pg";
import { TaskService, TaskStatus } from "../gen/ts/mitosis/v1/task_pb.js";
import { planUpdate } from "../src/tasks/rules.js";
import { PgTaskStore } from "../src/tasks/store.js";
import { clientFor } from "../test/support/clients.js";
import type { Load } from "./in-worker.js";

/** Parameters of a claim + complete load; `agents` distinct agent names take turns. */
export type TaskLoadParams =
  | { mode: "rpc"; url: string; apiKey: string; protocol: "grpc" | "connect"; officeId: string; agents: number }
  | { mode: "sql"; databaseUrl: string; poolSize: number; officeId: string; agents: number };

const LEASE_MS = 300_000;

/**
 * One op claims the next task and completes it with a result, carrying the lease token: either
 * through the server (ClaimTask + UpdateTask) or as the same SQL the server runs (PgTaskStore's
 * claim statement and completion transaction) straight on a pg pool, with no RPC, auth or
 * validation around it. Claim latency is kept apart from the op's.
 */
export async function createLoad(raw: Record<string, unknown>): Promise<Load> {
  const params = raw as TaskLoadParams;
  const step = params.mode === "rpc" ? rpcStep(params) : sqlStep(params);
  const claimMs: number[] = [];
  let turn = 0;
  return {
    async op() {
      const agent = `worker-${turn++ % params.agents}`;
      const t0 = performance.now();
      const claimed = await step.claim(agent);
      claimMs.push(performance.now() - t0);
      if (!claimed) throw new Error("the queue ran dry during the benchmark: fill more tasks");
      await step.complete(agent, claimed);
    },
    reset: () => {
      claimMs.length = 0;
    },
    figures() {
      claimMs.sort((a, b) => a - b);
      const pct = (p: number) => claimMs[Math.min(claimMs.length - 1, Math.floor(claimMs.length * p))] ?? 0;
      return { claimP50Ms: pct(0.5), claimP99Ms: pct(0.99) };
    },
    close: step.close,
  };
}

interface Step {
  claim(agent: string): Promise<{ number: bigint; token: string } | undefined>;
  complete(agent: string, claimed: { number: bigint; token: string }): Promise<unknown>;
  close(): Promise<void>;
}

function rpcStep(p: Extract<TaskLoadParams, { mode: "rpc" }>): Step {
  const tasks = clientFor(TaskService, p.url, p.apiKey, p.protocol);
  const leaseDuration = { seconds: BigInt(LEASE_MS / 1000), nanos: 0 };
  return {
    async claim(agent) {
      const res = await tasks.claimTask({ officeId: p.officeId, agent, leaseDuration });
      return res.task && { number: res.task.id, token: res.leaseToken };
    },
    complete: (agent, c) =>
      tasks.updateTask({
        officeId: p.officeId,
        taskId: c.number,
        agent,
        leaseToken: c.token,
        status: TaskStatus.DONE,
        result: `done by ${agent}`,
      }),
    close: async () => {},
  };
}

function sqlStep(p: Extract<TaskLoadParams, { mode: "sql" }>): Step {
  const pool = new pg.Pool({ connectionString: p.databaseUrl, max: p.poolSize });
  const store = new PgTaskStore(pool);
  return {
    async claim(agent) {
      const claim = await store.claim(p.officeId, agent, undefined, LEASE_MS, randomUUID(), new Date());
      return claim && { number: BigInt(claim.task.number), token: claim.token };
    },
    complete: (agent, c) =>
      store.mutate(p.officeId, Number(c.number), (task) =>
        planUpdate(task, { status: "done", result: `done by ${agent}`, agent, leaseToken: c.token }, agent, new Date(), {
          maxAttempts: 3,
          retryBackoffMs: 0,
          maxInterruptions: 5,
        }),
      ),
    close: () => pool.end(),
  };
}
