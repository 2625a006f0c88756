import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { Logger } from "../../log.js";
import { hasExited, spawnTethered, stopChild } from "../../lifecycle/tether.js";
import type { AgentIdentity, AgentRef, AgentRuntime, AgentSpec, LogSink, RuntimeStatus } from "./port.js";
import { WORKER_ENV } from "./port.js";

/** How to start the worker program: a command and its arguments (never a secret among them). */
export interface WorkerCommand {
  command: string;
  args: string[];
}

/** Options of {@link LocalProcessRuntime}. */
export interface LocalRuntimeOptions {
  /** Agents' directories go under `<dataDir>/agents/<office>/<agent id>/`. */
  dataDir: string;
  worker: WorkerCommand;
  /** Workers started ahead of hires; a hire takes one, so its start skips Node's boot. */
  warmPool: number;
  /** Seconds between the worker's heartbeats. */
  heartbeatSeconds: number;
  sink: LogSink;
  log: Logger;
}

interface RunningWorker {
  child: ChildProcess;
  generation: number;
}

/** How long a worker gets to stop after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;

/**
 * Agents as child processes of this server: each runs the agent worker with its own workspace
 * directory, its output captured line by line into the log sink. Children are tethered (the
 * kernel kills them when this process dies, even by SIGKILL) and stopped by `close`, so no
 * agent outlives its server; the reconciler of the next start (or another replica) starts them
 * again from the identity kept on disk.
 *
 * Warm pool: `warmPool` workers are started ahead and wait for their assignment (the agent's
 * environment, one JSON line on stdin); a start hands one over and starts a replacement, so
 * hire → Running does not wait for Node to boot.
 */
export class LocalProcessRuntime implements AgentRuntime {
  readonly kind = "local";
  readonly readyWhen = "heartbeat";
  private readonly running = new Map<string, RunningWorker>();
  /** Exits of workers no longer running, until the reconciler has seen them. */
  private readonly exited = new Map<string, RuntimeStatus>();
  private readonly warm: ChildProcess[] = [];
  private closed = false;

  constructor(private readonly opts: LocalRuntimeOptions) {
    this.fillPool();
  }

  async provision(agent: AgentRef, identity: AgentIdentity): Promise<void> {
    await mkdir(this.workspace(agent), { recursive: true, mode: 0o700 });
    // Beside the workspace, not in it: a workspace backup must not carry the key.
    const keyFile = this.keyFile(agent);
    await writeFile(keyFile, `${identity.privateKey}\n`, { mode: 0o600 });
    await chmod(keyFile, 0o600);
  }

  async start(spec: AgentSpec): Promise<void> {
    const current = this.running.get(spec.agentId);
    if (current && !hasExited(current.child)) {
      if (current.generation === spec.generation) return;
      await this.stop(spec);
    }
    this.exited.delete(spec.agentId);
    await stat(this.keyFile(spec)).catch(() => {
      throw new Error(`agent ${spec.name} has no identity on this machine (${this.keyFile(spec)} is missing); fire and hire it again`);
    });
    const child = this.warm.shift() ?? this.spawnWorker();
    this.fillPool();
    const env: Record<string, string> = {
      ...spec.env,
      // Which of these are the operator's, so the worker can name them (never show them).
      [WORKER_ENV.operatorEnv]: Object.keys(spec.env).sort().join(","),
      [WORKER_ENV.endpoint]: spec.endpoint,
      [WORKER_ENV.officeId]: spec.officeId,
      [WORKER_ENV.agentName]: spec.name,
      [WORKER_ENV.keyFile]: this.keyFile(spec),
      [WORKER_ENV.workspace]: this.workspace(spec),
      [WORKER_ENV.generation]: String(spec.generation),
      [WORKER_ENV.modelTier]: spec.modelTier,
      [WORKER_ENV.provider]: spec.provider,
      [WORKER_ENV.heartbeatSeconds]: String(this.opts.heartbeatSeconds),
    };
    const worker: RunningWorker = { child, generation: spec.generation };
    this.running.set(spec.agentId, worker);
    this.capture(spec, child, "stdout");
    this.capture(spec, child, "stderr");
    child.once("exit", (code, signal) => {
      if (this.running.get(spec.agentId) !== worker) return;
      this.running.delete(spec.agentId);
      this.exited.set(
        spec.agentId,
        code === 0
          ? { state: "succeeded", generation: spec.generation, reason: "Completed", message: "the worker exited by itself" }
          : {
              state: "failed",
              generation: spec.generation,
              reason: signal ? `Signal${signal}` : `ExitCode${code}`,
              message: signal ? `the worker was killed by ${signal}` : `the worker exited with code ${code}`,
            },
      );
    });
    child.stdin?.write(`${JSON.stringify(env)}\n`);
  }

  async stop(agent: AgentRef): Promise<void> {
    const worker = this.running.get(agent.agentId);
    this.running.delete(agent.agentId);
    this.exited.delete(agent.agentId);
    if (worker) await stopChild(worker.child, "SIGTERM", STOP_GRACE_MS);
  }

  async status(agent: AgentRef): Promise<RuntimeStatus> {
    const worker = this.running.get(agent.agentId);
    if (worker && !hasExited(worker.child)) return { state: "running", generation: worker.generation };
    return this.exited.get(agent.agentId) ?? { state: "absent" };
  }

  async backup(agent: AgentRef): Promise<Readable | undefined> {
    const dir = this.workspace(agent);
    if (!(await stat(dir).catch(() => undefined))) return undefined;
    const tar = spawn("tar", ["-czf", "-", "-C", dir, "."], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    tar.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    tar.once("exit", (code) => {
      // A failed archive must fail the upload, or a fire would delete the workspace after a broken backup.
      if (code !== 0) tar.stdout.destroy(new Error(`tar of ${dir} failed with code ${code}: ${stderr.trim()}`));
    });
    return tar.stdout;
  }

  async remove(agent: AgentRef): Promise<void> {
    await this.stop(agent);
    await rm(this.agentDir(agent), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    this.closed = true;
    const children = [...this.running.values()].map((w) => w.child).concat(this.warm.splice(0));
    this.running.clear();
    await Promise.all(children.map((child) => stopChild(child, "SIGTERM", STOP_GRACE_MS)));
  }

  private agentDir(agent: AgentRef): string {
    return path.join(this.opts.dataDir, "agents", agent.officeId, agent.agentId);
  }

  private workspace(agent: AgentRef): string {
    return path.join(this.agentDir(agent), "workspace");
  }

  private keyFile(agent: AgentRef): string {
    return path.join(this.agentDir(agent), "identity.key");
  }

  private spawnWorker(): ChildProcess {
    const child = spawnTethered(this.opts.worker.command, this.opts.worker.args, {
      parentDeathSignal: "SIGKILL",
      stdio: ["pipe", "pipe", "pipe"],
      // The worker gets its identity through the assignment line, nothing else from our environment.
      env: { PATH: process.env.PATH ?? "", MI_WORKER_ASSIGNMENT: "stdin" },
    });
    child.once("error", (err) => this.opts.log.error({ err }, "agent worker could not be started"));
    return child;
  }

  private fillPool(): void {
    while (!this.closed && this.warm.length < this.opts.warmPool) {
      const child = this.spawnWorker();
      this.warm.push(child);
      child.once("exit", () => {
        const at = this.warm.indexOf(child);
        if (at >= 0) this.warm.splice(at, 1);
      });
    }
  }

  private capture(agent: AgentRef, child: ChildProcess, stream: "stdout" | "stderr"): void {
    const source = child[stream];
    if (!source) return;
    const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on("line", (text) => this.opts.sink(agent, { time: new Date(), stream, text: text.slice(0, 10_000) }));
  }
}
