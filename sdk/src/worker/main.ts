/**
 * The agent worker: what runs inside every hosted agent (a local process or a pod). It loads
 * the agent's identity, signs every request with it, and keeps the agent alive with heartbeats;
 * the first heartbeat after a start is how the server learns the agent is up (phase Running).
 * Beside the heartbeats runs the task loop (agent.ts, task-loop.ts): it claims the tasks this
 * agent can do and executes them with its engine, chosen by engines.ts from the agent's environment.
 *
 * Configuration is the environment (names in src/agents/runtime/port.ts WORKER_ENV), or, when
 * MI_WORKER_ASSIGNMENT=stdin, one JSON object of the same names on stdin: a warm-pool worker
 * boots ahead of any hire and waits there for its agent. The private key is always a file.
 */
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { OS1Client } from "../client.js";
import { runAgent } from "./agent.js";

type WorkerEnv = Record<string, string | undefined>;

/** How long a stopping worker may take to give its task back (within the local runtime's 5 s grace). */
const STOP_WITHIN_MS = 3_000;

async function assignment(): Promise<WorkerEnv> {
  if (process.env.MI_WORKER_ASSIGNMENT !== "stdin") return process.env;
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    // Once assigned, stdin stays open: its end means the server that started us is gone.
    process.stdin.once("end", () => process.exit(0));
    // The agent's environment (the operator's variables, then the platform's), for what it runs too.
    Object.assign(process.env, JSON.parse(line) as WorkerEnv);
    return process.env;
  }
  process.exit(0); // the server closed the pool before assigning us
}

function need(env: WorkerEnv, name: string): string {
  const value = env[name];
  if (!value) {
    process.stderr.write(`agent worker: ${name} is not set\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const env = await assignment();
  const endpoint = need(env, "MI_ENDPOINT");
  const officeId = need(env, "MI_OFFICE_ID");
  const agentName = need(env, "MI_AGENT_NAME");
  const signingKey = (await readFile(need(env, "MI_AGENT_KEY_FILE"), "utf8")).trim();
  if (env.MI_WORKSPACE) process.chdir(env.MI_WORKSPACE);
  const client = new OS1Client({ endpoint, signingKey, agentId: agentName, officeId, retry: { maxAttempts: 1 }, timeoutMs: 10_000 });

  // A stop gives a task in hand back (costing it no attempt) before the process ends; the
  // runtime's grace period (5 s locally, 30 s in a pod) bounds it, and so does this timer.
  const stopping = new AbortController();
  const stop = (signal: string) => {
    if (stopping.signal.aborted) return;
    process.stdout.write(`agent ${agentName} stopping (${signal})\n`);
    stopping.abort();
    setTimeout(() => process.exit(0), STOP_WITHIN_MS).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  process.stdout.write(
    `agent ${agentName} starting: office ${officeId}, model ${env.MI_MODEL_TIER ?? "?"}, generation ${env.MI_AGENT_GENERATION ?? "?"}\n`,
  );
  // Names only: values may be secret.
  const operatorVars = (env.MI_OPERATOR_ENV ?? "").split(",").filter(Boolean);
  if (operatorVars.length > 0) process.stdout.write(`agent ${agentName} environment: ${operatorVars.join(", ")}\n`);
  await runAgent({
    client,
    officeId,
    agentName,
    env,
    workspace: env.MI_WORKSPACE ?? process.cwd(),
    heartbeatMs: Math.max(1, Number(env.MI_HEARTBEAT_SECONDS ?? 30)) * 1000,
    signal: stopping.signal,
    log: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
    clientVersion: "worker/0.1",
  });
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`agent worker failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
