import { readFile } from "node:fs/promises";
import os from "node:os";
import pg from "pg";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { clientFor } from "../test/support/clients.js";
import { startTestServer, type TestServer } from "../test/support/server.js";
import { DEFAULT_POOL_SIZE } from "../src/store/orm.js";
import { postgresCpuMs, threadCpuMs } from "./cpu.js";
import { measureInWorker, type LoadResult, type Probe } from "./in-worker.js";
import { report } from "./measure.js";
import type { TaskLoadParams } from "./task-load.js";

const TASK_LOAD = new URL("./task-load.ts", import.meta.url);
/** The SQL baseline gets as many connections as the server's pool. */
const SERVER_POOL_SIZE = DEFAULT_POOL_SIZE;
/** Queued tasks per run: enough for this many claims per second over warm-up + measurement. */
const FILL_PER_SECOND = 6_000;

/**
 * Claim + complete throughput of the task queue with 1, 8 and 32 concurrent claimers: through
 * the full stack (ClaimTask then UpdateTask done with the lease token, over gRPC and Connect)
 * against the same SQL run straight on a pg pool (the claim statement and the completion
 * transaction of TaskStore), all on the same Postgres in the same run. Each run claims from an
 * office of its own, filled with the same number of queued tasks. Callers run in a worker
 * thread; the server runs in this one.
 */
export async function benchTasks(opts: { seconds: number; claimers?: number[] }): Promise<LoadResult[][]> {
  const claimerCounts = opts.claimers ?? [1, 8, 32];
  const warmupSeconds = 1;
  const server = await startTestServer();
  const db = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  const fill = Math.ceil((opts.seconds + warmupSeconds) * FILL_PER_SECOND);
  try {
    const postmaster = await postmasterPid(db);
    // CPU used by this thread (the server) and by Postgres while a run is measured.
    const probe: Probe = async () => {
      const [server0, postgres0] = [threadCpuMs(), await postgresCpuMs(postmaster)];
      return async () => ({ serverCpuMs: threadCpuMs() - server0, postgresCpuMs: (await postgresCpuMs(postmaster)) - postgres0 });
    };
    const results: LoadResult[][] = [];
    for (const claimers of claimerCounts) {
      const run = async (name: string, params: DistributiveOmit<TaskLoadParams, "officeId" | "agents">) => {
        const officeId = await filledOffice(server, db, fill);
        return measureInWorker(
          TASK_LOAD,
          { name, seconds: opts.seconds, warmupSeconds, concurrency: claimers, params: { ...params, officeId, agents: claimers } },
          probe,
        );
      };
      const sql = await run(`same SQL on pg, ${claimers} claimers`, {
        mode: "sql",
        databaseUrl: server.databaseUrl!,
        poolSize: SERVER_POOL_SIZE,
      });
      const grpc = await run(`full stack gRPC, ${claimers} claimers`, {
        mode: "rpc",
        url: server.url,
        apiKey: server.adminKey,
        protocol: "grpc",
      });
      const connect = await run(`full stack Connect, ${claimers} claimers`, {
        mode: "rpc",
        url: server.url,
        apiKey: server.adminKey,
        protocol: "connect",
      });
      results.push([sql, grpc, connect]);
    }
    report(
      `Task claim + complete (one op = ClaimTask + UpdateTask done), ${opts.seconds}s each; baseline = the same SQL on a pg pool of ${SERVER_POOL_SIZE}`,
      results.flatMap(([sql, ...stack]) => stack.map((m) => ({ m: m!, baseline: sql! }))),
    );
    printClaimLatency(results.flat());
    printCpu(results.flat());
    return results;
  } finally {
    await db.end();
    await server.stop();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A new office with `count` queued, unassigned tasks, inserted in one statement. */
async function filledOffice(server: TestServer, db: pg.Pool, count: number): Promise<string> {
  const officeId = (await clientFor(OfficeService, server.url, server.adminKey).createOffice({ name: `bench ${Date.now()}` })).office!.id;
  await db.query(
    `with filled as (
       insert into task (office_id, number, title, status, kind, priority, created_by)
       select $1, n, 'bench task ' || n, 'queued', 'general', 50, 'bench' from generate_series(1, $2::int) n
       returning number
     )
     update office set last_task_number = (select max(number) from filled) where id = $1`,
    [officeId, count],
  );
  await db.query(`analyze task`);
  return officeId;
}

/** The backend's parent process is the cluster's postmaster. */
async function postmasterPid(db: pg.Pool): Promise<number> {
  const backend = Number((await db.query(`select pg_backend_pid() as pid`)).rows[0].pid);
  const stat = await readFile(`/proc/${backend}/stat`, "utf8").catch(() => "");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) || 0;
}

function printClaimLatency(results: LoadResult[]): void {
  console.log("\nClaim latency alone (ClaimTask, or the claim statement for the SQL baseline)");
  table(
    ["run", "ops/s", "claim p50 ms", "claim p99 ms"],
    results.map((r) => [r.name, r.perSecond.toFixed(0), r.figures.claimP50Ms!.toFixed(2), r.figures.claimP99Ms!.toFixed(2)]),
  );
}

/** Where the time goes: CPU per op in each part, and the throughput that CPU alone allows on this machine. */
function printCpu(results: LoadResult[]): void {
  const cores = os.availableParallelism();
  console.log(`\nCPU per op (ms): callers' thread, server thread, Postgres; ceiling = ${cores} cores / total`);
  table(
    ["run", "ops/s", "callers", "server", "postgres", "total", "ceiling ops/s"],
    results.map((r) => {
      const perOp = (ms: number | undefined) => (ms ?? 0) / r.calls;
      const parts = [perOp(r.figures.clientCpuMs), perOp(r.figures.serverCpuMs), perOp(r.figures.postgresCpuMs)];
      const total = parts.reduce((a, b) => a + b, 0);
      return [r.name, r.perSecond.toFixed(0), ...parts.map((p) => p.toFixed(2)), total.toFixed(2), ((cores * 1000) / total).toFixed(0)];
    }),
  );
}

function table(header: string[], lines: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines]) console.log(line.map((c, i) => c.padEnd(widths[i]!)).join("  "));
}
