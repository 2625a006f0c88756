/**
 * `client.integrations`: third-party services connected to an office (docs: the SDK guide's
 * "Integrations" and "Integration requests"). The owner configures an integration's credentials
 * once per office (`setSecret`), then toggles it per agent (`toggleAgent`); enabled agents get the
 * credentials (`getCredentials`, agents only) or call the service through the server's `proxy`
 * without ever holding them. Agents ask for what they lack (`request`); setting the credentials
 * enables it for them.
 *
 * Credentials go to the server and are never read back: no answer here carries a secret value
 * except `getCredentials`, which the server gives only to an enabled agent. Reads are retried;
 * writes are sent once (a repeated `deleteSecret` or `rejectRequest` would fail, a repeated
 * `setSecret` lose its `autoEnabledAgents`, a repeated `proxy` call the service twice).
 */
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import {
  IntegrationCategorySchema,
  IntegrationRequestStatusSchema,
  IntegrationService,
  type AgentIntegration as AgentIntegrationMessage,
  type Integration as IntegrationMessage,
  type IntegrationRequest as IntegrationRequestMessage,
  type Model as ModelMessage,
  type OfficeIntegration as OfficeIntegrationMessage,
} from "../../gen/ts/mitosis/v1/integration_pb.js";
import { call } from "./errors.js";
import { enumFromWord, enumWords, invalidArgument, wholeNumber } from "./input.js";
import { enumToString, required, timestampToIso } from "./mapping.js";

/** Catalog group of an integration. */
export type IntegrationCategory =
  | "source_control"
  | "productivity"
  | "messaging"
  | "coding_agent"
  | "llm"
  | "voice"
  | "networking"
  | "browser"
  | "web_data"
  | "project_management"
  | "infrastructure";

/** Where an agent's integration request stands. */
export type IntegrationRequestStatus = "pending" | "fulfilled" | "rejected";

/** The words of {@link IntegrationCategory}, in the proto's order. */
export const INTEGRATION_CATEGORIES: readonly IntegrationCategory[] = enumWords<IntegrationCategory>(IntegrationCategorySchema);

/** The words of {@link IntegrationRequestStatus}, in the proto's order. */
export const INTEGRATION_REQUEST_STATUSES: readonly IntegrationRequestStatus[] =
  enumWords<IntegrationRequestStatus>(IntegrationRequestStatusSchema);

/** One credential an integration needs. */
export interface IntegrationSecretField {
  /** Key to use in `setSecret`'s fields, e.g. `GITHUB_TOKEN`. */
  key: string;
  /** What to put there. */
  description: string;
  /** Whether the integration cannot work without it. */
  required: boolean;
}

/** One entry of the catalog. */
export interface Integration {
  /** Stable id, e.g. `github`, `google-workspace`, `openai-codex`. */
  id: string;
  /** Display name, e.g. `GitHub`. */
  name: string;
  /** One-line description. */
  description: string;
  /** Catalog group. */
  category: IntegrationCategory;
  /** What it lets agents do, e.g. `['Issues', 'PRs', 'Repositories', 'Actions']`. */
  capabilities: string[];
  /** Whether it is an LLM provider agents can be promoted to. */
  llmProvider: boolean;
  /** Credentials it needs. */
  secretFields: IntegrationSecretField[];
  /** Environment variables enabled agents receive, e.g. `['GITHUB_TOKEN']`. */
  envVars: string[];
}

/** An integration's status in one office; never its credentials. */
export interface OfficeIntegration {
  /** The catalog entry. */
  integration: Integration;
  /** Whether the office has credentials for it. */
  configured: boolean;
  /** When the credentials were last set (ISO 8601); null if not configured. */
  configuredAt: string | null;
  /** Agents it is enabled for. */
  enabledAgents: string[];
  /** Pending requests for it. */
  pendingRequestCount: number;
}

/** An integration enabled for one agent. */
export interface AgentIntegration {
  /** The catalog entry. */
  integration: Integration;
  /** Whether the office has credentials for it (enabled but unconfigured does not work yet). */
  configured: boolean;
  /** When it was enabled for the agent (ISO 8601). */
  enabledAt: string | null;
}

/** An LLM model agents in the office can use. */
export interface Model {
  /** Model id, e.g. `gpt-5.5`. */
  id: string;
  /** Provider integration id, e.g. `openai`. */
  provider: string;
  /** Display name. */
  displayName: string;
  /** Model tier to hire or promote with for it; empty if it has none. */
  modelTier: string;
  /** Whether the provider is configured in this office, so agents can use it now. */
  available: boolean;
  /** Context window in tokens; 0 if unknown. */
  contextWindowTokens: number;
}

/** An agent asking for an integration. */
export interface IntegrationRequest {
  /** Request UUID. */
  id: string;
  /** Integration asked for. */
  integrationId: string;
  /** Agent that asked. */
  agentName: string;
  /** Why it is needed. */
  reason: string;
  /** Pending, fulfilled or rejected. */
  status: IntegrationRequestStatus;
  /** When it was made (ISO 8601). */
  createdAt: string;
  /** When it was fulfilled or rejected (ISO 8601); null while pending. */
  resolvedAt: string | null;
  /** The owner's note when rejecting. */
  resolutionNote: string;
}

/** What {@link IntegrationsClient.setSecret} did. */
export interface SetSecretResult {
  /** The integration's status in the office, now configured. */
  integration: OfficeIntegration;
  /** Agents it was enabled for because they had asked for it. */
  autoEnabledAgents: string[];
}

/** An integration's credentials, as an enabled agent gets them. */
export interface IntegrationCredentials {
  /** Credentials by key, as the agent receives them in its environment. */
  data: Record<string, string>;
  /** When short-lived credentials stop working (ISO 8601); null if they do not expire. */
  expiresAt: string | null;
}

/** HTTP methods the proxy sends. */
export type ProxyMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";

/** Options of {@link IntegrationsClient.proxy} besides the path. */
export interface ProxyOptions {
  /** HTTP method, any case; default GET. */
  method?: ProxyMethod | Lowercase<ProxyMethod>;
  /** Request headers; the server sets authentication itself and refuses the caller's. */
  headers?: Record<string, string>;
  /** Request body: text (sent as UTF-8) or bytes. */
  body?: string | Uint8Array;
  /** The agent the call is made for, when the caller is not that agent (operators); agents leave it out. */
  agentName?: string;
}

/** A request for {@link IntegrationsClient.proxy}. */
export interface ProxyRequest extends ProxyOptions {
  /** Path and query on the integration's API, starting with `/`, e.g. `/repos/o/r/pulls?state=open`. */
  path: string;
}

/** The integration's HTTP answer, whatever its status (a 404 from GitHub is an answer, not an error). */
export interface ProxyResponse {
  /** HTTP status the integration answered with. */
  status: number;
  /** Response headers, lowercase names; several values joined with `, `. */
  headers: Record<string, string>;
  /** Response body; `new TextDecoder().decode(body)` for text. */
  body: Uint8Array;
}

/** Input of {@link IntegrationsClient.request}, as the docs' REST body spells it. */
export interface CreateIntegrationRequestInput {
  /** Integration needed, e.g. `github`. */
  integrationId: string;
  /** Agent that needs it (agents may only ask for themselves). */
  agentName: string;
  /** Why, at most 2000 characters. */
  reason?: string;
}

/** Options of {@link IntegrationsClient.listRequests} and {@link IntegrationsClient.iterateRequests}. */
export interface ListIntegrationRequestsOptions {
  /** Only requests in this status. */
  status?: IntegrationRequestStatus;
  /** At most this many requests (all when absent). */
  limit?: number;
  /** Requests fetched per call, 1 to 1000. */
  pageSize?: number;
}

/** The server's largest page of requests. */
const MAX_PAGE_SIZE = 1000;
const PROXY_METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/** Sub-client for integrations; reach it as `client.integrations`. */
export class IntegrationsClient {
  private readonly rpc: Client<typeof IntegrationService>;

  /** Use `client.integrations` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(IntegrationService, transport);
  }

  /** Every integration the server supports, by name, whatever the office. */
  async catalog(): Promise<Integration[]> {
    const res = await call(() => this.rpc.listIntegrationCatalog({}));
    return res.integrations.map(toIntegration);
  }

  /** Every integration with its status in the office: configured, enabled for whom, pending requests. */
  async listOffice(colonyId: string): Promise<OfficeIntegration[]> {
    const res = await call(() => this.rpc.listOfficeIntegrations({ officeId: colonyId }));
    return res.integrations.map(toOfficeIntegration);
  }

  /** LLM models agents in the office can use, of one provider integration (e.g. `google-gemini`) or all. */
  async listModels(colonyId: string, provider?: string): Promise<Model[]> {
    const res = await call(() => this.rpc.listModels({ officeId: colonyId, provider: provider ?? "" }));
    return res.models.map(toModel);
  }

  /** The integrations enabled for an agent (an agent may only ask about itself). */
  async myIntegrations(colonyId: string, agentName: string): Promise<AgentIntegration[]> {
    const res = await call(() => this.rpc.listAgentIntegrations({ officeId: colonyId, agentName }));
    return res.integrations.map(toAgentIntegration);
  }

  /**
   * Configures the integration's credentials for the office, replacing earlier ones (`fields` by
   * the catalog's `secretFields` keys). Agents that asked for it get it enabled. Sent once.
   */
  async setSecret(colonyId: string, integrationId: string, fields: Record<string, string>): Promise<SetSecretResult> {
    const data = secretFields(fields);
    const res = await call(() => this.rpc.setIntegrationSecret({ officeId: colonyId, integrationId, data }));
    return { integration: toOfficeIntegration(required(res.integration, "integration")), autoEnabledAgents: res.autoEnabledAgents };
  }

  /** Removes the integration's credentials from the office; agents lose access. `NotFoundError` if there were none. */
  async deleteSecret(colonyId: string, integrationId: string): Promise<OfficeIntegration> {
    const res = await call(() => this.rpc.deleteIntegrationSecret({ officeId: colonyId, integrationId }));
    return toOfficeIntegration(required(res.integration, "integration"));
  }

  /** Enables (once configured) or disables the integration for one agent. */
  async toggleAgent(colonyId: string, integrationId: string, agent: string, enabled: boolean): Promise<OfficeIntegration> {
    if (typeof enabled !== "boolean") throw invalidArgument("enabled", `must be true or false; got ${JSON.stringify(enabled)}`);
    const res = await call(() => this.rpc.toggleAgentIntegration({ officeId: colonyId, integrationId, agentName: agent, enabled }));
    return toOfficeIntegration(required(res.integration, "integration"));
  }

  /**
   * Calls the integration's API with the office's credential added by the server, so the caller
   * never holds it; the agent must have the integration enabled. Either
   * `proxy(colonyId, id, { method, path, headers, body })` or the docs' `proxy(colonyId, id, path, opts)`.
   * Sent once: the call may have reached the service.
   */
  async proxy(colonyId: string, integrationId: string, request: ProxyRequest | string, options: ProxyOptions = {}): Promise<ProxyResponse> {
    const r: ProxyRequest = typeof request === "string" ? { ...options, path: request } : request;
    const method = (r.method ?? "GET").toUpperCase();
    if (!PROXY_METHODS.includes(method)) {
      throw invalidArgument("method", `must be one of ${PROXY_METHODS.join(", ")}; got ${JSON.stringify(r.method)}`);
    }
    if (typeof r.path !== "string" || !r.path.startsWith("/")) {
      throw invalidArgument("path", `must start with '/'; got ${JSON.stringify(r.path)}`);
    }
    const body = typeof r.body === "string" ? new TextEncoder().encode(r.body) : (r.body ?? new Uint8Array());
    const res = await call(() =>
      this.rpc.proxyIntegration({
        officeId: colonyId,
        integrationId,
        agentName: r.agentName ?? "",
        method,
        path: r.path,
        headers: { ...r.headers },
        body,
      }),
    );
    return { status: res.status, headers: { ...res.headers }, body: res.body };
  }

  /**
   * The integration's credentials, for an agent that has it enabled (sign as the agent);
   * operators and agents without it get `PermissionDeniedError`.
   */
  async getCredentials(colonyId: string, integrationId: string, agentName?: string): Promise<IntegrationCredentials> {
    const res = await call(() => this.rpc.getIntegrationCredentials({ officeId: colonyId, integrationId, agentName: agentName ?? "" }));
    return { data: { ...res.data }, expiresAt: timestampToIso(res.expiresAt) };
  }

  /**
   * An agent asks for an integration it needs (the docs' `POST .../integration-requests` with
   * `{ integrationId, agentName, reason }`); fulfilled at once if it is configured already.
   * Asking again while one is pending returns that one.
   */
  async request(colonyId: string, input: CreateIntegrationRequestInput): Promise<IntegrationRequest> {
    const res = await call(() =>
      this.rpc.createIntegrationRequest({
        officeId: colonyId,
        integrationId: input.integrationId,
        agentName: input.agentName,
        reason: input.reason ?? "",
      }),
    );
    return toRequest(required(res.request, "request"));
  }

  /** Integration requests, newest first, filtered; at most `limit` of them (all when absent). */
  async listRequests(colonyId: string, options: ListIntegrationRequestsOptions = {}): Promise<IntegrationRequest[]> {
    const requests: IntegrationRequest[] = [];
    for await (const r of this.iterateRequests(colonyId, options)) requests.push(r);
    return requests;
  }

  /** Integration requests one at a time, newest first, fetching pages as needed; stops after `limit`. */
  async *iterateRequests(
    colonyId: string,
    options: ListIntegrationRequestsOptions = {},
  ): AsyncGenerator<IntegrationRequest, void, undefined> {
    const limit = options.limit === undefined ? Infinity : wholeNumber(options.limit, "limit", { min: 1 });
    const pageSize = options.pageSize === undefined ? undefined : wholeNumber(options.pageSize, "pageSize", { min: 1, max: MAX_PAGE_SIZE });
    const status = options.status === undefined ? undefined : enumFromWord(IntegrationRequestStatusSchema, options.status, "status");
    let seen = 0;
    let pageToken = "";
    do {
      // Never ask for more than the caller still wants.
      const size = Math.min(pageSize ?? MAX_PAGE_SIZE, limit - seen);
      const res = await call(() => this.rpc.listIntegrationRequests({ officeId: colonyId, status, pageSize: size, pageToken }));
      for (const r of res.requests) {
        if (seen >= limit) return;
        seen++;
        yield toRequest(r);
      }
      pageToken = res.nextPageToken;
    } while (pageToken !== "" && seen < limit);
  }

  /** Turns a pending request down, with a note for the agent. Sent once. */
  async rejectRequest(colonyId: string, requestId: string, note?: string): Promise<IntegrationRequest> {
    const res = await call(() => this.rpc.rejectIntegrationRequest({ officeId: colonyId, requestId, note: note ?? "" }));
    return toRequest(required(res.request, "request"));
  }
}

/**
 * Credential fields as a plain string map; anything else fails here, naming the key but never
 * the value (it may be a secret).
 */
export function secretFields(fields: Record<string, string>): Record<string, string> {
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
    throw invalidArgument("data", "must be an object of credential fields, e.g. { GITHUB_TOKEN: '...' }");
  }
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== "string") throw invalidArgument(`data.${key}`, "must be a string");
    data[key] = value;
  }
  if (Object.keys(data).length === 0) throw invalidArgument("data", "must name at least one credential field");
  return data;
}

export function toIntegration(i: IntegrationMessage): Integration {
  return {
    id: i.id,
    name: i.name,
    description: i.description,
    category: enumToString<IntegrationCategory>(IntegrationCategorySchema, i.category),
    capabilities: [...i.capabilities],
    llmProvider: i.llmProvider,
    secretFields: i.secretFields.map((f) => ({ key: f.key, description: f.description, required: f.required })),
    envVars: [...i.envVars],
  };
}

function toOfficeIntegration(o: OfficeIntegrationMessage): OfficeIntegration {
  return {
    integration: toIntegration(required(o.integration, "integration.integration")),
    configured: o.configured,
    configuredAt: timestampToIso(o.configuredAt),
    enabledAgents: [...o.enabledAgents],
    pendingRequestCount: o.pendingRequestCount,
  };
}

function toAgentIntegration(a: AgentIntegrationMessage): AgentIntegration {
  return {
    integration: toIntegration(required(a.integration, "integration.integration")),
    configured: a.configured,
    enabledAt: timestampToIso(a.enabledAt),
  };
}

function toModel(m: ModelMessage): Model {
  return {
    id: m.id,
    provider: m.provider,
    displayName: m.displayName,
    modelTier: m.modelTier,
    available: m.available,
    contextWindowTokens: m.contextWindowTokens,
  };
}

function toRequest(r: IntegrationRequestMessage): IntegrationRequest {
  return {
    id: r.id,
    integrationId: r.integrationId,
    agentName: r.agentName,
    reason: r.reason,
    status: enumToString<IntegrationRequestStatus>(IntegrationRequestStatusSchema, r.status),
    createdAt: required(timestampToIso(r.createdAt), "request.created_at"),
    resolvedAt: timestampToIso(r.resolvedAt),
    resolutionNote: r.resolutionNote,
  };
}
