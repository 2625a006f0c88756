import type { Clock } from "../domain/clock.js";
import type { OfficeScope } from "../domain/office-scope.js";
import { keysetPage, type Page, type PageKey, type PageRequest } from "../domain/paging.js";
import { actorOf } from "../domain/principal.js";
import { fail } from "../errors.js";
import type { SecretBox } from "../secrets/secret-box.js";
import {
  type EnvOwner,
  type EnvScopeName,
  type EnvStore,
  type EnvVarRecord,
  type InjectedEnv,
  NO_INJECTED_ENV,
  type StoredEnvVar,
} from "./model.js";

/** What a secret value shows instead of itself. */
export const SECRET_MASK = "••••••••";

/** Variables the platform sets for every worker: not to be shadowed by an operator's. */
const RESERVED_PREFIX = "MI_";

/** The most variables one owner gets in one listing (and an agent's merged environment at most twice that). */
const ALL = 1000;

const BY_KEY: PageKey<EnvVarRecord, string> = {
  of: (v) => v.key,
  parse: (v) => (typeof v === "string" && v.length > 0 ? v : undefined),
};

/**
 * Environment variables given to agents: office-wide ones, and an agent's own that override them.
 * Every value is sealed before it is stored (bound to its office, owner and key); secret values
 * are never shown again, only masked, yet reach the agent's worker when it starts.
 */
export class Env {
  constructor(
    private readonly store: EnvStore,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly injected: InjectedEnv = NO_INJECTED_ENV,
  ) {}

  list(scope: OfficeScope, page: PageRequest): Promise<Page<EnvVarRecord>> {
    const owner = { officeId: scope.officeId, agentId: null };
    return keysetPage({ pageSize: page.pageSize || ALL, pageToken: page.pageToken }, BY_KEY, async (limit, after) =>
      (await this.store.list(owner, limit, after)).map((v) => this.shown(v, owner, "")),
    );
  }

  set(scope: OfficeScope, key: string, value: string, secret: boolean): Promise<EnvVarRecord> {
    return this.put(scope, { officeId: scope.officeId, agentId: null }, "", key, value, secret);
  }

  async delete(scope: OfficeScope, key: string): Promise<void> {
    if (!(await this.store.delete({ officeId: scope.officeId, agentId: null }, key))) throw notFound(key, "");
  }

  async setForAgent(scope: OfficeScope, agentName: string, key: string, value: string, secret: boolean): Promise<EnvVarRecord> {
    return this.put(scope, await this.agentOwner(scope, agentName), agentName, key, value, secret);
  }

  async deleteForAgent(scope: OfficeScope, agentName: string, key: string): Promise<void> {
    if (!(await this.store.delete(await this.agentOwner(scope, agentName), key))) throw notFound(key, agentName);
  }

  /**
   * The agent's effective variables, by key: office-wide ones, then its enabled integrations'
   * credentials, then its own on top (an operator's explicit choice for the agent wins); secrets masked.
   */
  async agentEnv(scope: OfficeScope, agentName: string): Promise<EnvVarRecord[]> {
    const owner = await this.agentOwner(scope, agentName);
    const merged = new Map<string, EnvVarRecord>();
    const office = { officeId: scope.officeId, agentId: null };
    for (const v of await this.store.list(office, ALL)) merged.set(v.key, this.shown(v, office, ""));
    for (const v of await this.injected.variables(scope.officeId, owner.agentId!)) {
      merged.set(v.key, {
        key: v.key,
        value: v.secret ? "" : v.value,
        secret: v.secret,
        scope: "agent",
        agentName,
        updatedAt: v.updatedAt,
        updatedBy: `integration:${v.integrationId}`,
      });
    }
    for (const v of await this.store.list(owner, ALL)) merged.set(v.key, this.shown(v, owner, agentName));
    return [...merged.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The plaintext environment an agent's worker starts with (server-internal: the reconciler). */
  async environmentOf(officeId: string, agentId: string): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    const office = { officeId, agentId: null };
    for (const v of await this.store.list(office, ALL)) env[v.key] = this.box.open(v.sealedValue, contextOf(office, v.key));
    for (const v of await this.injected.variables(officeId, agentId)) env[v.key] = v.value;
    const own = { officeId, agentId };
    for (const v of await this.store.list(own, ALL)) env[v.key] = this.box.open(v.sealedValue, contextOf(own, v.key));
    return env;
  }

  private async put(scope: OfficeScope, owner: EnvOwner, agentName: string, key: string, value: string, secret: boolean) {
    if (key.startsWith(RESERVED_PREFIX)) {
      throw fail.invalid(`key: ${key} is reserved: variables starting with ${RESERVED_PREFIX} are set by the platform for every agent`);
    }
    const stored: StoredEnvVar = {
      key,
      sealedValue: this.box.seal(value, contextOf(owner, key)),
      secret,
      updatedAt: this.clock.now(),
      updatedBy: actorOf(scope.principal),
    };
    await this.store.set(owner, stored);
    return this.shown(stored, owner, agentName);
  }

  private async agentOwner(scope: OfficeScope, agentName: string): Promise<EnvOwner> {
    const agentId = await this.store.agentId(scope.officeId, agentName);
    if (!agentId) {
      throw fail.notFound(`agent ${agentName} not found in office ${scope.officeId}; list the office's agents with mi agents list`);
    }
    return { officeId: scope.officeId, agentId };
  }

  /** A variable as callers see it: secret values left out. */
  private shown(v: StoredEnvVar, owner: EnvOwner, agentName: string): EnvVarRecord {
    const scope: EnvScopeName = owner.agentId === null ? "office" : "agent";
    return {
      key: v.key,
      value: v.secret ? "" : this.box.open(v.sealedValue, contextOf(owner, v.key)),
      secret: v.secret,
      scope,
      agentName,
      updatedAt: v.updatedAt,
      updatedBy: v.updatedBy,
    };
  }
}

function notFound(key: string, agentName: string): never {
  throw fail.notFound(agentName ? `agent ${agentName} has no variable ${key} of its own` : `the office has no variable ${key}`);
}

/** What a sealed value is bound to: its office, owner and key. */
function contextOf(owner: EnvOwner, key: string): string {
  return `env/${owner.officeId}/${owner.agentId ?? "office"}/${key}`;
}
