import path from "node:path";
import { type KubernetesConfig, kubernetesConfigFrom } from "./kubernetes-config.js";

/** Everything the server reads from its environment, resolved once at start-up. */
export interface Config {
  /** TCP port for every protocol (gRPC, gRPC-Web, Connect, REST). 0 picks a free port. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Where embedded state lives: Postgres cluster, local blobs, the first admin key. */
  dataDir: string;
  /** Postgres connection string; unset means an embedded Postgres in dataDir. */
  databaseUrl?: string;
  /** MinIO / S3 settings; unset endpoint means files are kept in dataDir/blobs. */
  minio?: { endpoint: string; accessKey: string; secretKey: string; bucket: string };
  /** Largest request body accepted on any protocol, in bytes. */
  maxRequestBytes: number;
  /** How often the drive's objects no file points at are looked for and deleted (MI_FILES_ORPHAN_SWEEP_MS, default 1 h). */
  orphanSweepMs: number;
  /** How often chat subscribers look for messages without a wake-up, in case one was missed (MI_CHAT_RECHECK_MS, default 5000). */
  chatRecheckMs: number;
  /** Minimum log level written to stderr. */
  logLevel: "debug" | "info" | "warn" | "error";
  /** Whether to print the first admin key on stdout (it is always written to dataDir/admin.key). */
  printAdminKey: boolean;
  /** How long SIGTERM waits for open requests and clean-up before the process exits anyway (MI_SHUTDOWN_TIMEOUT_SECONDS, default 10). */
  shutdownTimeoutMs: number;
  /** Task queue timing. */
  queue: {
    /** Lease a claim gets when the worker does not ask for a length (MI_TASK_LEASE_SECONDS, default 300). */
    defaultLeaseMs: number;
    /** Claims per task before an expired lease fails it (MI_TASK_MAX_ATTEMPTS, default 3: retried twice). */
    maxAttempts: number;
    /** Delay before a requeued task may be claimed again, doubled per attempt (MI_TASK_RETRY_BACKOFF_MS, default 5000). */
    retryBackoffMs: number;
    /** Times a task's worker may stop while holding it before the task fails (MI_TASK_MAX_INTERRUPTIONS, default 5). */
    maxInterruptions: number;
    /** How often expired leases are looked for (MI_LEASE_SWEEP_MS, default 1000). */
    sweepIntervalMs: number;
  };
  /** The master key that seals secrets at rest (MI_SECRETS_*). */
  secrets: SecretsConfig;
  /** Hosted agents: runtime, guardrails and usage (MI_AGENT_*). */
  agents: AgentsConfig;
  /** The integration proxy (MI_INTEGRATION_*). */
  integrations: IntegrationsConfig;
  /** PEM certificate and key files; when set, every protocol is served over TLS (h2 via ALPN, or HTTP/1.1). */
  tls?: { certFile: string; keyFile: string };
}

/** Where the master key that seals secrets comes from. */
export interface SecretsConfig {
  /** The key itself, base64 (MI_SECRETS_KEY). */
  key?: string;
  /** A file holding it, base64 or 32 raw bytes (MI_SECRETS_KEY_FILE). */
  keyFile?: string;
  /** Files of earlier keys, so values sealed before a rotation still open (MI_SECRETS_PREVIOUS_KEY_FILES, comma-separated). */
  previousKeyFiles: string[];
}

/** The integration proxy's settings. */
export interface IntegrationsConfig {
  /**
   * API base URLs that replace the catalog's, by integration id (MI_INTEGRATION_BASE_URLS,
   * `github=https://ghe.example.com/api/v3,...`): a GitHub Enterprise Server, or a fake in tests.
   * A server setting, not an office credential: the proxy sends credentials wherever it points,
   * and only the server's operator may choose which hosts the server calls (no SSRF by tenants).
   */
  baseUrls: Record<string, string>;
  /** How long one proxied call may take, in ms (MI_INTEGRATION_PROXY_TIMEOUT_MS, default 30000). */
  proxyTimeoutMs: number;
  /** Credits one proxied call costs the office (MI_INTEGRATION_PROXY_CREDITS, default 1; 0 for free). */
  proxyCredits: number;
  /** Credits 1,000 LLM tokens cost, reserved before and settled after each call (MI_LLM_CREDITS_PER_1K_TOKENS, default 1). */
  creditsPerThousandTokens: number;
  /** Largest proxied response body, in bytes (MI_INTEGRATION_PROXY_MAX_BYTES, default 10 MiB). */
  proxyMaxResponseBytes: number;
}

/** Hosted agents' settings. */
export interface AgentsConfig {
  /** Agents run as pods on this cluster (MI_AGENT_RUNTIME=kubernetes or MI_KUBECONFIG); unset: local processes. */
  kubernetes?: KubernetesConfig;
  /** URL agent workers call the API on (MI_AGENT_ENDPOINT); default: this server's own address. */
  endpoint?: string;
  /** Local workers started ahead of hires (MI_AGENT_WARM_POOL, default 2). */
  warmPool: number;
  /** Seconds between a worker's heartbeats (MI_AGENT_HEARTBEAT_SECONDS, default 30). */
  heartbeatSeconds: number;
  /** How often the reconciler compares agents with their runtime (MI_AGENT_RECONCILE_MS, default 2000). */
  reconcileIntervalMs: number;
  /** Credits a running agent consumes per minute (MI_AGENT_CREDITS_PER_MINUTE, default 1). */
  creditsPerMinute: number;
  /** Hires per office per 10 minutes (MI_AGENT_HIRES_PER_10_MINUTES, default 3, as the docs say). */
  hiresPerWindow: number;
  /** Agents hired by agents nest at most this deep (MI_AGENT_MAX_SPAWN_DEPTH, default 3). */
  maxSpawnDepth: number;
  /** Budget of an agent's hire that names none, in credits (MI_AGENT_SPAWN_BUDGET, default 100). */
  spawnBudget: bigint;
}

/** Reads the configuration from environment variables, with embedded defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.MI_DATA_DIR ?? "./.mi-data");
  const endpoint = env.MINIO_ENDPOINT?.trim();
  return {
    port: intFrom(env, "PORT", 8080),
    host: env.HOST ?? "0.0.0.0",
    dataDir,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    minio: endpoint
      ? {
          endpoint: /^https?:\/\//.test(endpoint) ? endpoint : `http://${endpoint}`,
          accessKey: required(env, "MINIO_ACCESS_KEY"),
          secretKey: required(env, "MINIO_SECRET_KEY"),
          bucket: env.MINIO_BUCKET ?? "mitosis",
        }
      : undefined,
    maxRequestBytes: intFrom(env, "MI_MAX_REQUEST_BYTES", 8 * 1024 * 1024),
    orphanSweepMs: Math.max(50, intFrom(env, "MI_FILES_ORPHAN_SWEEP_MS", 3_600_000)),
    chatRecheckMs: Math.max(50, intFrom(env, "MI_CHAT_RECHECK_MS", 5_000)),
    logLevel: oneOf(env, "LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info"),
    printAdminKey: env.MI_PRINT_ADMIN_KEY !== "false",
    tls: tlsFrom(env),
    secrets: {
      key: env.MI_SECRETS_KEY?.trim() || undefined,
      keyFile: env.MI_SECRETS_KEY_FILE?.trim() || undefined,
      previousKeyFiles: (env.MI_SECRETS_PREVIOUS_KEY_FILES ?? "")
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean),
    },
    agents: {
      kubernetes: kubernetesConfigFrom(env),
      endpoint: env.MI_AGENT_ENDPOINT?.trim() || undefined,
      warmPool: intFrom(env, "MI_AGENT_WARM_POOL", 2),
      heartbeatSeconds: Math.max(1, intFrom(env, "MI_AGENT_HEARTBEAT_SECONDS", 30)),
      reconcileIntervalMs: Math.max(50, intFrom(env, "MI_AGENT_RECONCILE_MS", 2000)),
      creditsPerMinute: intFrom(env, "MI_AGENT_CREDITS_PER_MINUTE", 1),
      hiresPerWindow: Math.max(1, intFrom(env, "MI_AGENT_HIRES_PER_10_MINUTES", 3)),
      maxSpawnDepth: intFrom(env, "MI_AGENT_MAX_SPAWN_DEPTH", 3),
      spawnBudget: BigInt(Math.max(1, intFrom(env, "MI_AGENT_SPAWN_BUDGET", 100))),
    },
    integrations: {
      baseUrls: baseUrlsFrom(env.MI_INTEGRATION_BASE_URLS ?? ""),
      proxyTimeoutMs: Math.max(1, intFrom(env, "MI_INTEGRATION_PROXY_TIMEOUT_MS", 30_000)),
      proxyCredits: intFrom(env, "MI_INTEGRATION_PROXY_CREDITS", 1),
      creditsPerThousandTokens: Math.max(0, intFrom(env, "MI_LLM_CREDITS_PER_1K_TOKENS", 1)),
      proxyMaxResponseBytes: Math.max(1, intFrom(env, "MI_INTEGRATION_PROXY_MAX_BYTES", 10 * 1024 * 1024)),
    },
    shutdownTimeoutMs: Math.max(1, intFrom(env, "MI_SHUTDOWN_TIMEOUT_SECONDS", 10)) * 1000,
    queue: {
      defaultLeaseMs: intFrom(env, "MI_TASK_LEASE_SECONDS", 300) * 1000,
      maxAttempts: Math.max(1, intFrom(env, "MI_TASK_MAX_ATTEMPTS", 3)),
      retryBackoffMs: intFrom(env, "MI_TASK_RETRY_BACKOFF_MS", 5000),
      maxInterruptions: Math.max(0, intFrom(env, "MI_TASK_MAX_INTERRUPTIONS", 5)),
      sweepIntervalMs: Math.max(50, intFrom(env, "MI_LEASE_SWEEP_MS", 1000)),
    },
  };
}

/** `id=url,id=url` as a map; each URL must parse as http(s). */
function baseUrlsFrom(value: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const pair of value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf("=");
    const id = pair.slice(0, at).trim();
    const url = pair
      .slice(at + 1)
      .trim()
      .replace(/\/+$/, "");
    if (at <= 0 || !/^https?:\/\/[^/]/.test(url)) throw new Error(`MI_INTEGRATION_BASE_URLS: expected id=http(s)://host..., got "${pair}"`);
    urls[id] = url;
  }
  return urls;
}

function tlsFrom(env: NodeJS.ProcessEnv): Config["tls"] {
  const certFile = env.MI_TLS_CERT_FILE?.trim();
  const keyFile = env.MI_TLS_KEY_FILE?.trim();
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new Error("MI_TLS_CERT_FILE and MI_TLS_KEY_FILE must be set together");
  return { certFile, keyFile };
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required when MINIO_ENDPOINT is set`);
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be one of ${allowed.join(", ")}, got "${raw}"`);
  }
  return raw as T;
}
