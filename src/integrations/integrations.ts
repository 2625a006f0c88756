import { randomUUID } from "node:crypto";
import type { Clock } from "../domain/clock.js";
import type { OfficeScope } from "../domain/office-scope.js";
import { numberKey, keysetPage, type Page, type PageRequest } from "../domain/paging.js";
import { actingAgent, actorOf } from "../domain/principal.js";
import { fail } from "../errors.js";
import type { Logger } from "../log.js";
import type { SecretBox } from "../secrets/secret-box.js";
import { CATALOG, type CatalogEntry, catalogEntry } from "./catalog.js";
import type { AgentRef, IntegrationRequestRecord, IntegrationRequestStatusName, IntegrationStore, StoredSecret } from "./model.js";
import { MODELS, type ModelEntry } from "./models.js";
import { checkCallerHeaders, type ProxyAnswer, type ProxyCall, type ProxyLimits, sendProxied, targetUrl } from "./proxy.js";

/** An integration's status in an office. */
export interface OfficeIntegrationRecord {
  entry: CatalogEntry;
  configuredAt: Date | null;
  enabledAgents: string[];
  pendingRequestCount: number;
}

/** An integration enabled for an agent. */
export interface AgentIntegrationRecord {
  entry: CatalogEntry;
  configured: boolean;
  enabledAt: Date;
}

/** A variable an enabled integration gives an agent: a credential, named by its key. */
export interface InjectedVariable {
  key: string;
  value: string;
  secret: boolean;
  /** The integration it comes from. */
  integrationId: string;
  /** When the credential was last set. */
  updatedAt: Date;
}

/** How the proxy reaches integrations: API base URLs the server's operator set in place of the catalog's, and limits. */
export interface ProxySettings extends ProxyLimits {
  baseUrls: Readonly<Record<string, string>>;
}

/** Charges an office for one proxied call (the credits feature answers); refuses when it cannot pay. */
export type ProxyMeter = (scope: OfficeScope, agentName: string, note: string) => Promise<void>;

/** How long a provider's own model list is reused. */
const MODEL_CACHE_MS = 5 * 60_000;

const BY_SEQ = numberKey<IntegrationRequestRecord>((r) => r.seq);

/**
 * Integrations of an office: the owner configures an integration's credentials once for the
 * office (sealed, never shown again), then enables it per agent; enabled agents receive the
 * credentials as environment variables or from GetIntegrationCredentials. Agents ask for the
 * integrations they lack; configuring one enables it for every agent that asked.
 */
export class Integrations {
  private readonly modelCache = new Map<string, { ids: string[]; until: number }>();

  constructor(
    private readonly store: IntegrationStore,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly proxySettings: ProxySettings = { baseUrls: {}, timeoutMs: 30_000, maxResponseBytes: 10 * 1024 * 1024 },
    private readonly meter: ProxyMeter = async () => {},
  ) {}

  catalog(): readonly CatalogEntry[] {
    return CATALOG;
  }

  /** Every catalog entry with its status in the office. */
  async officeIntegrations(scope: OfficeScope): Promise<OfficeIntegrationRecord[]> {
    const [secrets, enabled, pending] = await Promise.all([
      this.store.secrets(scope.officeId),
      this.store.enablements(scope.officeId),
      this.store.pendingCounts(scope.officeId),
    ]);
    const configured = new Map(secrets.map((s) => [s.integrationId, s.configuredAt]));
    return CATALOG.map((entry) => ({
      entry,
      configuredAt: configured.get(entry.id) ?? null,
      enabledAgents: enabled.filter((e) => e.integrationId === entry.id).map((e) => e.agentName),
      pendingRequestCount: pending.get(entry.id) ?? 0,
    }));
  }

  /** Configures credentials, replacing earlier ones; agents with a pending request get it enabled. */
  async setSecret(
    scope: OfficeScope,
    integrationId: string,
    data: Record<string, string>,
  ): Promise<{ integration: OfficeIntegrationRecord; autoEnabled: string[] }> {
    const entry = known(integrationId);
    const fields = new Map(entry.secretFields.map((f) => [f.key, f]));
    for (const key of Object.keys(data)) {
      if (!fields.has(key)) {
        throw fail.invalid(`data: ${key} is not a credential of ${entry.id}; it takes ${[...fields.keys()].join(", ")}`);
      }
    }
    const missing = entry.secretFields.filter((f) => f.required && !data[f.key]).map((f) => f.key);
    if (missing.length > 0) throw fail.invalid(`data: ${entry.id} needs ${missing.join(", ")}`);
    const sealedFields: Record<string, string> = {};
    for (const [key, value] of Object.entries(data)) sealedFields[key] = this.box.seal(value, contextOf(scope.officeId, entry.id, key));
    const actor = actorOf(scope.principal);
    const secret: StoredSecret = { integrationId: entry.id, sealedFields, configuredAt: this.clock.now(), configuredBy: actor };
    const autoEnabled = await this.store.setSecret(scope.officeId, secret, actor);
    this.log.info({ officeId: scope.officeId, integration: entry.id, by: actor, autoEnabled }, "integration configured");
    return { integration: await this.status(scope, entry), autoEnabled };
  }

  /** Removes the office's credentials: enabled agents keep the toggle but get nothing until they are set again. */
  async deleteSecret(scope: OfficeScope, integrationId: string): Promise<OfficeIntegrationRecord> {
    const entry = known(integrationId);
    if (!(await this.store.deleteSecret(scope.officeId, entry.id))) {
      throw fail.notFound(`${entry.id} is not configured in office ${scope.officeId}; nothing to delete`);
    }
    this.log.info({ officeId: scope.officeId, integration: entry.id, by: actorOf(scope.principal) }, "integration credentials deleted");
    return this.status(scope, entry);
  }

  /** Enables (only once configured) or disables an integration for one agent. */
  async toggle(scope: OfficeScope, integrationId: string, agentName: string, enabled: boolean): Promise<OfficeIntegrationRecord> {
    const entry = known(integrationId);
    const agent = await this.agent(scope, agentName);
    if (enabled && (await this.store.secrets(scope.officeId, entry.id)).length === 0) {
      throw fail.precondition(
        `${entry.id} is not configured in office ${scope.officeId}: set its credentials first (mi integrations set-secret, or SetIntegrationSecret)`,
      );
    }
    await this.store.toggle(scope.officeId, agent.id, entry.id, enabled, this.clock.now(), actorOf(scope.principal));
    return this.status(scope, entry);
  }

  /** The integrations enabled for an agent (an agent may only ask about itself). */
  async agentIntegrations(scope: OfficeScope, agentName: string): Promise<AgentIntegrationRecord[]> {
    const agent = await this.agent(scope, actingAgent(scope.principal, agentName));
    const [enabled, secrets] = await Promise.all([
      this.store.enablements(scope.officeId, { agentId: agent.id }),
      this.store.secrets(scope.officeId),
    ]);
    const configured = new Set(secrets.map((s) => s.integrationId));
    return enabled
      .flatMap((e) => {
        const entry = catalogEntry(e.integrationId);
        return entry ? [{ entry, configured: configured.has(entry.id), enabledAt: e.enabledAt }] : [];
      })
      .sort((a, b) => a.entry.name.localeCompare(b.entry.name, "en"));
  }

  /**
   * An integration's credentials, to the agent it is enabled for and to no one else (operators
   * hold the keys already). Each hand-out is logged with office, agent and integration.
   */
  async credentials(scope: OfficeScope, integrationId: string, agentName: string): Promise<Record<string, string>> {
    if (scope.principal.kind !== "agent") {
      throw fail.forbidden("GetIntegrationCredentials is for agents only: sign the request with the agent's key");
    }
    const entry = known(integrationId);
    const agent = await this.agent(scope, actingAgent(scope.principal, agentName));
    if ((await this.store.enablements(scope.officeId, { agentId: agent.id, integrationId: entry.id })).length === 0) {
      throw fail.forbidden(
        `${entry.id} is not enabled for agent ${agent.name}: ask the office owner for it (CreateIntegrationRequest, or POST /api/offices/${scope.officeId}/integration-requests)`,
      );
    }
    const [secret] = await this.store.secrets(scope.officeId, entry.id);
    if (!secret)
      throw fail.precondition(`${entry.id} is enabled for agent ${agent.name} but the office has no credentials for it any more`);
    this.log.info({ officeId: scope.officeId, agent: agent.name, integration: entry.id }, "integration credentials handed to agent");
    return this.open(scope.officeId, secret);
  }

  /**
   * Calls the integration's API for an agent that has it enabled, with the office's credential
   * added by the server, so the agent never holds it. Each call is logged (office, agent,
   * integration, method, path without its query, status), never the credential.
   */
  async proxy(scope: OfficeScope, integrationId: string, agentName: string, call: ProxyCall): Promise<ProxyAnswer> {
    const entry = known(integrationId);
    const acting = actingAgent(scope.principal, agentName);
    if (!acting) throw fail.invalid("agent_name: name the agent the call is made for (agents leave it empty)");
    const agent = await this.agent(scope, acting);
    if (!entry.proxyAuth)
      throw fail.precondition(`${entry.id} has no HTTP API the server can call; use its credentials in the agent instead`);
    const url = targetUrl(this.proxySettings.baseUrls[entry.id] ?? entry.baseUrl, call.path);
    if ((await this.store.enablements(scope.officeId, { agentId: agent.id, integrationId: entry.id })).length === 0) {
      throw fail.forbidden(`${entry.id} is not enabled for agent ${agent.name}: ask the office owner for it (CreateIntegrationRequest)`);
    }
    const [secret] = await this.store.secrets(scope.officeId, entry.id);
    const credential = secret && this.open(scope.officeId, secret)[entry.proxyAuth.field];
    if (!credential)
      throw fail.precondition(`${entry.id} is enabled for agent ${agent.name} but the office has no credentials for it any more`);
    checkCallerHeaders(call, entry.proxyAuth);
    // Paid before it is made (and after every check that could refuse it): an office without
    // credits gets 402 and the integration sees nothing.
    await this.meter(scope, agent.name, `${entry.id} API call: ${call.method || "GET"} ${url.pathname}`.slice(0, 500));
    const started = Date.now();
    const fields = { officeId: scope.officeId, agent: agent.name, integration: entry.id, method: call.method || "GET", path: url.pathname };
    try {
      const answer = await sendProxied(url, call, entry.proxyAuth, credential, this.proxySettings);
      this.log.info({ ...fields, status: answer.status, durationMs: Date.now() - started }, "integration call proxied");
      return answer;
    } catch (err) {
      this.log.info({ ...fields, failed: (err as Error).message, durationMs: Date.now() - started }, "integration call proxied");
      throw err;
    }
  }

  /**
   * The variables an agent's enabled, configured integrations give it, plaintext (server-internal:
   * the env feature shows them masked and hands them to the worker at start).
   */
  async injectedVariables(officeId: string, agentId: string): Promise<InjectedVariable[]> {
    const enabled = await this.store.enablements(officeId, { agentId });
    if (enabled.length === 0) return [];
    const secrets = new Map((await this.store.secrets(officeId)).map((s) => [s.integrationId, s]));
    const vars: InjectedVariable[] = [];
    for (const e of [...enabled].sort((a, b) => (a.integrationId < b.integrationId ? -1 : 1))) {
      const entry = catalogEntry(e.integrationId);
      const secret = secrets.get(e.integrationId);
      if (!entry || !secret) continue;
      const plain = this.open(officeId, secret);
      for (const f of entry.secretFields) {
        const value = plain[f.key];
        if (value !== undefined)
          vars.push({ key: f.key, value, secret: f.secret, integrationId: entry.id, updatedAt: secret.configuredAt });
      }
    }
    return vars;
  }

  /** Records an agent's request; fulfilled (and enabled) at once when the integration is configured. */
  async createRequest(scope: OfficeScope, integrationId: string, agentName: string, reason: string): Promise<IntegrationRequestRecord> {
    const entry = known(integrationId);
    const agent = await this.agent(scope, actingAgent(scope.principal, agentName));
    const configured = (await this.store.secrets(scope.officeId, entry.id)).length > 0;
    const now = this.clock.now();
    const request = await this.store.createRequest(
      scope.officeId,
      agent,
      {
        seq: 0,
        id: randomUUID(),
        integrationId: entry.id,
        agentName: agent.name,
        reason,
        status: configured ? "fulfilled" : "pending",
        createdAt: now,
        resolvedAt: configured ? now : null,
        resolutionNote: "",
      },
      actorOf(scope.principal),
    );
    this.log.info({ officeId: scope.officeId, agent: agent.name, integration: entry.id, status: request.status }, "integration requested");
    return request;
  }

  listRequests(
    scope: OfficeScope,
    status: IntegrationRequestStatusName | undefined,
    page: PageRequest,
  ): Promise<Page<IntegrationRequestRecord>> {
    return keysetPage(page, BY_SEQ, (limit, before) => this.store.listRequests(scope.officeId, status, limit, before));
  }

  async rejectRequest(scope: OfficeScope, requestId: string, note: string): Promise<IntegrationRequestRecord> {
    const rejected = await this.store.rejectRequest(scope.officeId, requestId, note, this.clock.now());
    if (rejected) return rejected;
    const request = await this.store.request(scope.officeId, requestId);
    if (!request) throw fail.notFound(`integration request ${requestId} not found in office ${scope.officeId}`);
    throw fail.precondition(`integration request ${requestId} is ${request.status} already; only pending requests can be rejected`);
  }

  /** Built-in models, by provider then id, with whether the office has the provider configured. */
  async models(scope: OfficeScope, provider: string): Promise<(ModelEntry & { available: boolean })[]> {
    if (provider && !catalogEntry(provider)?.llmProvider) {
      throw fail.invalid(
        `provider: ${provider} is not an LLM provider; use one of ${CATALOG.filter((e) => e.llmProvider)
          .map((e) => e.id)
          .join(", ")}`,
      );
    }
    const secrets = await this.store.secrets(scope.officeId);
    const configured = new Set(secrets.map((s) => s.integrationId));
    const models: ModelEntry[] = MODELS.filter((m) => !provider || m.provider === provider);
    // Configured OpenAI-compatible providers also say which models they serve: those join the built-in ones.
    for (const secret of secrets) {
      const entry = catalogEntry(secret.integrationId);
      if (!entry?.modelsPath || !entry.proxyAuth || (provider && entry.id !== provider)) continue;
      const credential = this.open(scope.officeId, secret)[entry.proxyAuth.field];
      if (!credential) continue;
      for (const id of await this.providerModels(scope.officeId, entry, credential)) {
        if (!models.some((m) => m.provider === entry.id && m.id === id)) {
          models.push({ id, provider: entry.id, displayName: id, modelTier: "", contextWindowTokens: 0 });
        }
      }
    }
    return models
      .map((m) => ({ ...m, available: configured.has(m.provider) }))
      .sort((a, b) => (a.provider === b.provider ? (a.id < b.id ? -1 : 1) : a.provider < b.provider ? -1 : 1));
  }

  /**
   * The model ids a provider's API lists (`GET <base>/models`, OpenAI's shape), through the proxy's
   * path and limits; none when it cannot be asked (the built-in list still answers). The office's
   * own *_BASE_URL is for its agents only: the server calls only the hosts its operator chose.
   * Cached per office and provider for a few minutes, so listing models does not hammer the provider.
   */
  private async providerModels(officeId: string, entry: CatalogEntry, credential: string): Promise<string[]> {
    const cacheKey = `${officeId}/${entry.id}`;
    const cached = this.modelCache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.ids;
    let ids: string[] = [];
    try {
      const url = targetUrl(this.proxySettings.baseUrls[entry.id] ?? entry.baseUrl, entry.modelsPath!);
      const answer = await sendProxied(
        url,
        { method: "GET", path: url.pathname, headers: {}, body: new Uint8Array() },
        entry.proxyAuth!,
        credential,
        {
          ...this.proxySettings,
          timeoutMs: Math.min(this.proxySettings.timeoutMs, 5000),
        },
      );
      if (answer.status === 200) {
        const parsed = JSON.parse(Buffer.from(answer.body).toString("utf8")) as { data?: { id?: unknown }[] };
        ids = (parsed.data ?? [])
          .map((m) => m.id)
          .filter((id): id is string => typeof id === "string" && id.length > 0 && id.length <= 200);
      } else {
        this.log.debug({ officeId, integration: entry.id, status: answer.status }, "provider did not list its models");
      }
    } catch (err) {
      this.log.debug({ officeId, integration: entry.id, failed: (err as Error).message }, "provider did not list its models");
    }
    this.modelCache.set(cacheKey, { ids, until: Date.now() + MODEL_CACHE_MS });
    return ids;
  }

  private async status(scope: OfficeScope, entry: CatalogEntry): Promise<OfficeIntegrationRecord> {
    const all = await this.officeIntegrations(scope);
    return all.find((i) => i.entry.id === entry.id)!;
  }

  private async agent(scope: OfficeScope, name: string): Promise<AgentRef> {
    const agent = await this.store.agent(scope.officeId, name);
    if (!agent) throw fail.notFound(`agent ${name} not found in office ${scope.officeId}; list the office's agents with mi agents list`);
    return agent;
  }

  private open(officeId: string, secret: StoredSecret): Record<string, string> {
    const plain: Record<string, string> = {};
    for (const [key, sealed] of Object.entries(secret.sealedFields))
      plain[key] = this.box.open(sealed, contextOf(officeId, secret.integrationId, key));
    return plain;
  }
}

/** The catalog entry of `id`, or invalid_argument naming it. */
function known(id: string): CatalogEntry {
  const entry = catalogEntry(id);
  if (!entry) throw fail.invalid(`integration_id: unknown integration ${id}; ListIntegrationCatalog (GET /api/integrations) lists them`);
  return entry;
}

/** What a sealed credential is bound to: its office, integration and field. */
function contextOf(officeId: string, integrationId: string, key: string): string {
  return `integration/${officeId}/${integrationId}/${key}`;
}
