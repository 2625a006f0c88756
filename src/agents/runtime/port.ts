import type { Readable } from "node:stream";

/**
 * The runtime port: where hosted agents' compute lives. The reconciler (agents/reconciler.ts)
 * is its only caller; it compares each agent's desired state in Postgres with `status` and
 * calls `start` / `stop` until they agree. Two adapters: a child process per agent on this
 * machine (runtime/local.ts, the embedded default) and a pod per agent on Kubernetes
 * (runtime/kubernetes.ts). Every method is idempotent: the reconciler may repeat any call
 * after a crash or on another replica.
 */
export interface AgentRuntime {
  /** Which adapter this is; it becomes the agents' employee type (local or kubernetes). */
  readonly kind: "local" | "kubernetes";
  /**
   * How the agent's phase reaches Running: "heartbeat" when the worker's first signed heartbeat
   * after a start proves it is up (local processes run the real worker), "runtime" when the
   * runtime's own readiness is trusted (a pod Ready condition).
   */
  readonly readyWhen: "heartbeat" | "runtime";
  /**
   * Creates the agent's lasting parts (workspace, identity, Secret) once at hire, before its
   * row commits; a failed hire calls `remove`. The private key is stored only here, never in
   * Postgres, so the identity survives restarts as long as the workspace does.
   */
  provision(agent: AgentRef, identity: AgentIdentity): Promise<void>;
  /**
   * Starts the agent's compute with `spec`, or leaves it running when it already runs that
   * spec's generation; a different generation (after a promote) is replaced.
   */
  start(spec: AgentSpec): Promise<void>;
  /** Stops the compute and keeps the workspace and identity (suspension, idle stop). */
  stop(agent: AgentRef): Promise<void>;
  /** What the compute is doing now. */
  status(agent: AgentRef): Promise<RuntimeStatus>;
  /**
   * The workspace as a gzip'd tar stream, for the backup taken before a fire; undefined when
   * the agent has nothing to back up.
   */
  backup(agent: AgentRef): Promise<Readable | undefined>;
  /** Deletes everything `provision` and `start` made: compute, identity, workspace. */
  remove(agent: AgentRef): Promise<void>;
  /**
   * Log lines the runtime keeps itself (a pod's log), oldest first; undefined when the runtime
   * hands every line to the `LogSink` instead (local processes).
   */
  readLogs?(agent: AgentRef, opts: { since?: Date; limit: number }): Promise<RuntimeLogLine[]>;
  /** Stops what this process started (local children) and closes connections. */
  close(): Promise<void>;
}

/** Which agent: enough to find its compute and workspace. */
export interface AgentRef {
  officeId: string;
  /** The agent's row id (UUID): names compute and storage, so a re-hired name never meets old parts. */
  agentId: string;
  /** The agent's name in its office (what it signs requests as). */
  name: string;
}

/** The agent's signing identity, handed to the runtime once at hire. */
export interface AgentIdentity {
  /** Ed25519 private key seed, 64 hex characters. */
  privateKey: string;
  /** Its public key, 64 hex characters (also in Postgres). */
  publicKey: string;
}

/** What to run. */
export interface AgentSpec extends AgentRef {
  /** Bumped by every change that needs a restart (promote). */
  generation: number;
  modelTier: string;
  provider: string;
  role: string;
  skills: string[];
  systemPrompt: string;
  /** The API endpoint the worker calls, e.g. http://127.0.0.1:8080. */
  endpoint: string;
  /**
   * The operator's variables for the worker (env feature), some of them secret: adapters keep
   * them off command lines and pod specs (stdin locally, a Secret on Kubernetes).
   */
  env: Record<string, string>;
}

/** The compute's state as the runtime sees it. */
export interface RuntimeStatus {
  /**
   * absent: nothing runs (never started, stopped, or gone); pending: starting; running: up;
   * succeeded: exited cleanly by itself; failed: crashed or cannot start.
   */
  state: "absent" | "pending" | "running" | "succeeded" | "failed";
  /** The generation running, when known. */
  generation?: number;
  /** Machine-readable cause, e.g. "ExitCode1", "ImagePullBackOff". */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/** One line an agent wrote. */
export interface RuntimeLogLine {
  time: Date;
  stream: "stdout" | "stderr";
  text: string;
}

/** Where a runtime that captures output itself (local processes) sends each line. */
export type LogSink = (agent: AgentRef, line: RuntimeLogLine) => void;

/** Labels every Kubernetes object of an agent carries, and names for them. */
export const AGENT_LABELS = {
  office: "mitosis.dev/office",
  agent: "mitosis.dev/agent",
  agentId: "mitosis.dev/agent-id",
  managedBy: "app.kubernetes.io/managed-by",
} as const;

/**
 * The environment every agent worker starts with, whatever runs it (sdk/src/worker reads the
 * same names). The private key is a file (mode 0600 locally, a Secret volume on Kubernetes),
 * never a variable or an argument.
 */
export const WORKER_ENV = {
  endpoint: "MI_ENDPOINT",
  officeId: "MI_OFFICE_ID",
  agentName: "MI_AGENT_NAME",
  keyFile: "MI_AGENT_KEY_FILE",
  workspace: "MI_WORKSPACE",
  generation: "MI_AGENT_GENERATION",
  modelTier: "MI_MODEL_TIER",
  provider: "MI_PROVIDER",
  heartbeatSeconds: "MI_HEARTBEAT_SECONDS",
  /** The names (never the values) of the operator's variables, comma-separated. */
  operatorEnv: "MI_OPERATOR_ENV",
} as const;
