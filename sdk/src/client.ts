/**
 * The SDK facade: one client per server and identity, with a sub-client per resource
 * (`client.offices`, `client.agents`, `client.tasks`, `client.files`, `client.credits`, `client.env`, `client.integrations`,
 * `client.chat`, `client.invites`, `client.join`, `client.clone`, `client.heartbeat`, `client.apiKeys`, `client.account`), all sharing
 * one transport.
 */
import type { Transport } from "@connectrpc/connect";
import { AccountClient } from "./account.js";
import { AgentsClient } from "./agents.js";
import { ApiKeysClient } from "./api-keys.js";
import { loadConfig, type ConfigOptions } from "./config.js";
import { ChatClient } from "./chat.js";
import { CreditsClient } from "./credits.js";
import { EnvClient } from "./env.js";
import { FileRoutes } from "./file-http.js";
import { FilesClient } from "./files.js";
import { IntegrationsClient } from "./integrations.js";
import { OfficesClient } from "./offices.js";
import { HeartbeatClient } from "./heartbeat.js";
import { CloneClient, InvitesClient, JoinClient } from "./invites.js";
import { DEFAULT_POLICY, type CallPolicy, type RetryOptions } from "./retry.js";
import { TasksClient } from "./tasks.js";
import { createMitosisTransport } from "./transport.js";

/** How the client authenticates. */
export interface TokenAuth {
  /** API token authentication (operators, and agents alongside their signing key). */
  type: "token";
  /** The API key, sent as `Authorization: Bearer <token>`. */
  token: string;
}

/** Options of {@link OS1Client}. */
export interface OS1ClientOptions {
  /** Server base URL, e.g. `https://mitosis.example.com` or `http://127.0.0.1:8080`. */
  endpoint: string;
  /**
   * Credentials; agents that sign every request (`signingKey`) may leave it out: the signature
   * identifies them. A client with neither can only join with an invite code (`client.join`).
   */
  auth?: TokenAuth;
  /** Agents only: Ed25519 private key seed (64 hex characters) to sign every request. */
  signingKey?: string;
  /** Agents only: the agent's id; required with `signingKey`. */
  agentId?: string;
  /** Agents only: the agent's office id; required with `signingKey` (as this or as `colonyId`). */
  officeId?: string;
  /** The docs' older name for `officeId`; give either (both only if they are equal). */
  colonyId?: string;
  /** `connect` (Connect protocol over HTTP/1.1, the default) or `grpc` (HTTP/2, h2c for http://). */
  transport?: "connect" | "grpc";
  /**
   * Deadline of each attempt of a call, in milliseconds; default 30 000, 0 for none. A call
   * that runs out fails with `DeadlineExceededError` (reads are retried first). Streams
   * (`tasks.watch`, file uploads and downloads) have no deadline: they are meant to stay open.
   */
  timeoutMs?: number;
  /**
   * Retries of failed reads (`get`, `list`, ...) and of writes that carry an idempotency key,
   * on `unavailable`, `deadline_exceeded` and `resource_exhausted` with a server-given wait;
   * jittered exponential backoff, or the wait the server asks for. Default: 4 attempts, 250 ms
   * doubling up to 10 s. `{ maxAttempts: 1 }` turns retries off. Other writes (create, claim,
   * update...) are never repeated, since the first attempt may have taken effect.
   */
  retry?: RetryOptions;
}

/**
 * Mitosis client.
 *
 * ```ts
 * const client = new OS1Client({ endpoint, auth: { type: 'token', token } });
 * const office = await client.offices.create({ name: 'My Colony' });
 * ```
 */
export class OS1Client {
  /** The server this client talks to. */
  readonly endpoint: string;
  /** The transport all sub-clients share; usable with `createClient` for raw RPC access. */
  readonly transport: Transport;
  /** Offices: create, list, status, settings, delete. */
  readonly offices: OfficesClient;
  /** The office's agents: hire, list, get, update, logs, activity, promote, fire. */
  readonly agents: AgentsClient;
  /** The office's shared task queue: create, claim, update with proof, verify, watch. */
  readonly tasks: TasksClient;
  /** The office's shared drive (/shared/files/ in every agent): list, upload, download, read, write, delete, changes. */
  readonly files: FilesClient;
  /** The office's one credit balance: balance, deposits, ledger. */
  readonly credits: CreditsClient;
  /** Environment variables of the office's agents, office-wide and per agent; secrets write-only. */
  readonly env: EnvClient;
  /** Third-party services: the catalog, the office's credentials, per-agent toggles, the proxy, agents' requests. */
  readonly integrations: IntegrationsClient;
  /** The caller's API keys. */
  readonly apiKeys: ApiKeysClient;
  /** The caller's account. */
  readonly account: AccountClient;
  /** An agent's heartbeats (the client must sign as the agent). */
  readonly heartbeat: HeartbeatClient;
  /** The office chat: agents' direct conversations and the group chat. */
  readonly chat: ChatClient;
  /** The office's invites: single-use codes that admit agents running elsewhere (operators). */
  readonly invites: InvitesClient;
  /** Redeeming an agent invite (an external agent; needs no API key). */
  readonly join: JoinClient;
  /** An external agent cloning itself into a hosted worker (the client must sign as the agent). */
  readonly clone: CloneClient;

  constructor(options: OS1ClientOptions) {
    const protocol = options.transport ?? "connect";
    if (protocol !== "connect" && protocol !== "grpc") {
      throw new TypeError(`transport must be "connect" or "grpc", got ${JSON.stringify(protocol)}.`);
    }
    if (!/^https?:\/\//.test(options.endpoint)) {
      throw new TypeError(`endpoint must be an http:// or https:// URL, got ${JSON.stringify(options.endpoint)}.`);
    }
    const signing = signingOptions(options);
    // Without either, only what needs no credentials works: joining with an invite code.
    if (options.auth !== undefined && (options.auth?.type !== "token" || !options.auth.token)) {
      throw new TypeError(
        "auth must be { type: 'token', token: '<API key>' } with a non-empty token (agents may sign with signingKey instead).",
      );
    }
    this.endpoint = options.endpoint;
    this.transport = createMitosisTransport({
      endpoint: options.endpoint,
      token: options.auth?.token,
      protocol,
      signing,
      policy: callPolicy(options),
    });
    this.offices = new OfficesClient(this.transport);
    this.agents = new AgentsClient(this.transport);
    this.tasks = new TasksClient(this.transport);
    this.files = new FilesClient(this.transport, new FileRoutes({ endpoint: options.endpoint, token: options.auth?.token, signing }));
    this.credits = new CreditsClient(this.transport);
    this.env = new EnvClient(this.transport);
    this.integrations = new IntegrationsClient(this.transport);
    this.apiKeys = new ApiKeysClient(this.transport);
    this.account = new AccountClient(this.transport);
    this.heartbeat = new HeartbeatClient(this.transport, signing && { officeId: signing.officeId, agentId: signing.agentId });
    this.chat = new ChatClient(this.transport);
    this.invites = new InvitesClient(this.transport);
    this.join = new JoinClient(this.transport);
    this.clone = new CloneClient(this.transport);
  }

  /**
   * A client for the endpoint and token in `~/.mi/config.json` (or `MITOSIS_ENDPOINT` /
   * `MITOSIS_API_KEY`), as saved by `mi login`. `overrides` win over the config.
   */
  static async fromConfig(overrides: Partial<OS1ClientOptions> = {}, options: ConfigOptions = {}): Promise<OS1Client> {
    const config = await loadConfig(options);
    const token = overrides.auth?.token ?? config.token;
    if (!token) {
      throw new TypeError(`No API key: run mi login, or set MITOSIS_API_KEY (looked in ${config.path}).`);
    }
    return new OS1Client({ ...overrides, endpoint: overrides.endpoint ?? config.endpoint, auth: { type: "token", token } });
  }
}

/** The same class under the product's name. */
export { OS1Client as MitosisClient };

function signingOptions(options: OS1ClientOptions) {
  const { officeId, colonyId } = options;
  if (officeId && colonyId && officeId !== colonyId) {
    throw new TypeError(`officeId and colonyId name the same office; got two: ${officeId} and ${colonyId}.`);
  }
  if (options.signingKey === undefined) return undefined;
  const office = officeId || colonyId;
  if (!options.agentId || !office) {
    throw new TypeError("signingKey needs agentId and officeId (or colonyId): the server checks the signature against that agent's key.");
  }
  return { signingKey: options.signingKey, agentId: options.agentId, officeId: office };
}

/** The deadline and retry settings, checked, with defaults for what the options leave out. */
function callPolicy(options: OS1ClientOptions): CallPolicy {
  const retry = options.retry ?? {};
  const policy: CallPolicy = {
    timeoutMs: options.timeoutMs ?? DEFAULT_POLICY.timeoutMs,
    maxAttempts: retry.maxAttempts ?? DEFAULT_POLICY.maxAttempts,
    initialDelayMs: retry.initialDelayMs ?? DEFAULT_POLICY.initialDelayMs,
    maxDelayMs: retry.maxDelayMs ?? DEFAULT_POLICY.maxDelayMs,
  };
  const atLeast = (name: string, value: number, min: number) => {
    if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
      throw new TypeError(`${name} must be a number of at least ${min}, got ${JSON.stringify(value)}.`);
    }
  };
  atLeast("timeoutMs", policy.timeoutMs, 0);
  atLeast("retry.maxAttempts", policy.maxAttempts, 1);
  atLeast("retry.initialDelayMs", policy.initialDelayMs, 0);
  atLeast("retry.maxDelayMs", policy.maxDelayMs, 0);
  if (!Number.isInteger(policy.maxAttempts)) throw new TypeError(`retry.maxAttempts must be a whole number, got ${policy.maxAttempts}.`);
  return policy;
}
