import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { BlobStore } from "../blob/blob-store.js";
import type { Credits } from "../credits/credits.js";
import type { Clock } from "../domain/clock.js";
import type { OfficeScope } from "../domain/office-scope.js";
import { keysetPage, type Page, type PageKey, type PageRequest } from "../domain/paging.js";
import { actorOf } from "../domain/principal.js";
import { DomainError, fail } from "../errors.js";
import { officeBlobPrefix } from "../offices/model.js";
import { newAgentIdentity } from "./identity.js";
import type { AgentLogWriter } from "./log-writer.js";
import type {
  ActivityCategoryName,
  AgentActivityRecord,
  AgentLogRecord,
  AgentRecord,
  AgentStore,
  NewActivity,
  ProviderIntegrations,
} from "./model.js";
import { type AgentLimits, hireTerms, ONLINE_WINDOW_MS, withPresence } from "./rules.js";
import type { AgentRuntime, RuntimeLogLine } from "./runtime/port.js";

/** A hire as the caller asked for it. */
export interface HireInput {
  name: string;
  modelTier: string;
  provider: string;
  role: string;
  skills: string[];
  systemPrompt: string;
  budget?: bigint;
}

/** A fire's outcome: the agent as it was and where its workspace went. */
export interface FireResult {
  agent: AgentRecord;
  backupKey: string;
}

/** How long a fire has the agent to itself before a reconciler may finish it instead. */
const FIRE_LEASE_MS = 10 * 60_000;

const BY_HIRE: PageKey<AgentRecord, { createdAt: string; id: string }> = {
  of: (a) => ({ createdAt: a.createdAt.toISOString(), id: a.id }),
  parse: (v) => {
    const key = v as { createdAt?: unknown; id?: unknown };
    return typeof key?.createdAt === "string" && !Number.isNaN(Date.parse(key.createdAt)) && typeof key.id === "string"
      ? { createdAt: key.createdAt, id: key.id }
      : undefined;
  },
};

const BY_ID_DESC: PageKey<AgentActivityRecord, number> = {
  of: (a) => a.id,
  parse: (v) => (Number.isSafeInteger(v) && (v as number) > 0 ? (v as number) : undefined),
};

/**
 * Hosted agents: hire, inspect, change and fire them. This class changes desired state in
 * Postgres and answers from it; the reconciler (reconciler.ts) makes the runtime follow. A hire
 * provisions the agent's identity and workspace before its row commits, so a failed hire
 * leaves nothing behind, and the private key never touches Postgres.
 */
export class Agents {
  constructor(
    private readonly store: AgentStore,
    private readonly runtime: AgentRuntime,
    private readonly credits: Credits,
    private readonly blobs: BlobStore,
    private readonly logWriter: AgentLogWriter,
    private readonly limits: AgentLimits,
    private readonly clock: Clock,
    /** Turns on an agent's provider integration (hire and promote with `provider`). */
    private readonly providers: ProviderIntegrations,
    /** Called after every change the reconciler should act on now rather than at its next sweep. */
    private readonly nudge: () => void = () => {},
  ) {}

  async hire(scope: OfficeScope, input: HireInput): Promise<AgentRecord> {
    return this.hireHosted(scope, input);
  }

  /**
   * Clones an external agent into a new hosted agent named with the first free numbered suffix
   * (jared -> jared-2), with its role, skills, prompt and provider. Only the agent itself may
   * ask. The clone is the office's hire (rate limit and credits apply; no sub-budget, depth 0),
   * not an agent's: the docs let any external agent clone itself, whatever the hiring setting.
   */
  async clone(scope: OfficeScope, name: string): Promise<AgentRecord> {
    onlyItself(scope, name, "clone itself");
    const source = await this.get(scope, name);
    if (source.employeeType !== "external") {
      throw fail.precondition(`agent ${name} is already hosted; only external agents clone themselves into hosted workers`);
    }
    const clone = await this.hireHosted(
      scope,
      { name, modelTier: "", provider: source.provider, role: source.role, skills: source.skills, systemPrompt: source.systemPrompt },
      source,
    );
    await this.store.addActivity(
      source.id,
      lifecycle("lifecycle.cloned", `cloned into hosted agent ${clone.name}`, { clone: clone.name }),
      this.clock.now(),
    );
    return clone;
  }

  private async hireHosted(scope: OfficeScope, input: HireInput, cloneOf?: AgentRecord): Promise<AgentRecord> {
    const now = this.clock.now();
    const principal = scope.principal;
    const hirerId = principal.kind === "agent" && !cloneOf ? principal.agentId : undefined;
    const id = randomUUID();
    const identity = newAgentIdentity();
    let ref: { officeId: string; agentId: string; name: string } | undefined;
    const agent = await this.store
      .hireTransaction(scope.officeId, async (tx) => {
        const settings = await this.store.officeSettings(scope.officeId);
        if (!settings) throw fail.notFound(`office ${scope.officeId} not found; list your offices with mi offices list`);
        const hirer = hirerId ? await tx.lockAgent(hirerId) : undefined;
        if (hirerId && !hirer) throw fail.forbidden(`agent ${actorOf(principal)} was fired and can no longer hire`);
        const terms = hireTerms(
          { officeId: scope.officeId, modelTier: input.modelTier, budget: input.budget },
          {
            allowAgentHiring: settings.allowAgentHiring,
            defaultModelTier: settings.defaultModelTier,
            recentHires: await tx.hiresSince(scope.officeId, new Date(now.getTime() - this.limits.hireWindowMs)),
            creditBalance: (await this.credits.balance(scope)).balance,
            hirer,
          },
          this.limits,
          now,
        );
        let row: AgentRecord | false = false;
        for (const name of cloneOf ? cloneNames(cloneOf.name) : [input.name]) {
          row = await tx.insert(
            {
              id,
              officeId: scope.officeId,
              name,
              employeeType: this.runtime.kind,
              modelTier: terms.modelTier,
              provider: input.provider,
              role: input.role,
              skills: [...new Set(input.skills)].sort(),
              systemPrompt: input.systemPrompt,
              hiredBy: actorOf(principal),
              hiredByAgentId: hirer?.id ?? null,
              spawnDepth: terms.spawnDepth,
              budget: terms.budget,
              publicKey: identity.publicKey,
              clonedFrom: cloneOf?.name,
              now,
            },
            "Pending",
          );
          if (row) break;
        }
        if (!row) {
          throw cloneOf
            ? fail.exists(`no free name for a clone of ${cloneOf.name} in office ${scope.officeId}; fire some of its clones first`)
            : fail.exists(`An agent named ${input.name} already exists in office ${scope.officeId}. Choose a different name.`);
        }
        if (hirer && terms.budget !== null && hirer.budget !== null) await tx.carveBudget(hirer.id, terms.budget);
        const hired = cloneOf ? `cloned from ${cloneOf.name} on ${row.modelTier}` : `hired by ${row.hiredBy} on ${row.modelTier}`;
        await tx.addActivity(id, lifecycle("lifecycle.hired", hired, hireDetails(row)), now);
        if (hirer) {
          await tx.addActivity(hirer.id, lifecycle("lifecycle.hired_agent", `hired ${row.name}`, { agent: row.name }), now);
        }
        // Last, so any refusal above leaves no workspace or Secret; if the commit fails, remove below.
        ref = { officeId: scope.officeId, agentId: id, name: row.name };
        await this.runtime.provision(ref, identity);
        return row;
      })
      .catch(async (err) => {
        if (ref) await this.runtime.remove(ref).catch(() => {});
        throw err;
      });
    if (agent.provider) await this.enableProvider(scope, agent);
    this.nudge();
    return agent;
  }

  async get(scope: OfficeScope, name: string): Promise<AgentRecord> {
    const agent = (await this.store.get(scope.officeId, name)) ?? notFound(scope.officeId, name);
    return withPresence(agent, this.clock.now());
  }

  async list(scope: OfficeScope, page: PageRequest): Promise<Page<AgentRecord>> {
    const found = await keysetPage(page, BY_HIRE, (limit, after) => this.store.list(scope.officeId, limit, after));
    const now = this.clock.now();
    return { ...found, items: found.items.map((agent) => withPresence(agent, now)) };
  }

  async update(
    scope: OfficeScope,
    name: string,
    patch: { role?: string; systemPrompt?: string; addSkills: string[]; removeSkills: string[] },
  ): Promise<AgentRecord> {
    const overlap = patch.addSkills.filter((s) => patch.removeSkills.includes(s));
    if (overlap.length > 0)
      throw fail.invalid(`add_skills and remove_skills both name ${overlap.join(", ")}; name each skill in one of them`);
    const agent = (await this.store.update(scope.officeId, name, patch)) ?? notFound(scope.officeId, name);
    await this.store.addActivity(agent.id, lifecycle("lifecycle.updated", `updated by ${actorOf(scope.principal)}`, {}), this.clock.now());
    return agent;
  }

  /** New model tier (and provider): a new generation, which the reconciler starts in place of the old one. */
  async promote(scope: OfficeScope, name: string, modelTier: string, provider: string): Promise<AgentRecord> {
    const before = await this.get(scope, name);
    const agent = (await this.store.promote(scope.officeId, name, modelTier, provider || undefined)) ?? notFound(scope.officeId, name);
    await this.store.addActivity(
      agent.id,
      lifecycle("lifecycle.promoted", `promoted from ${before.modelTier} to ${agent.modelTier}`, {
        from: { modelTier: before.modelTier, provider: before.provider },
        to: { modelTier: agent.modelTier, provider: agent.provider },
        generation: agent.generation,
      }),
      this.clock.now(),
    );
    this.systemLog(agent, `promoted to ${agent.modelTier}${agent.provider ? ` (${agent.provider})` : ""}: restarting`);
    if (provider) await this.enableProvider(scope, agent);
    this.nudge();
    return agent;
  }

  /**
   * Fires an agent: stops its compute, stores its workspace in object storage, and only then
   * removes the workspace and identity. A failure midway leaves the agent Terminating with its
   * workspace intact; firing again (or the reconciler) finishes the job.
   */
  async fire(scope: OfficeScope, name: string): Promise<FireResult> {
    const agent = (await this.store.markFiring(scope.officeId, name, this.clock.now(), FIRE_LEASE_MS)) ?? notFound(scope.officeId, name);
    return this.finishFire(agent, actorOf(scope.principal));
  }

  /** The second half of a fire, also run by the reconciler for agents left Terminating. */
  async finishFire(agent: AgentRecord, by: string): Promise<FireResult> {
    let backupKey = "";
    // An external agent runs on its owner's machines: firing it only removes it from the office.
    if (agent.employeeType !== "external") {
      const ref = { officeId: agent.officeId, agentId: agent.id, name: agent.name };
      await this.runtime.stop(ref);
      const archive = await this.runtime.backup(ref);
      backupKey = archive ? await this.storeBackup(agent, archive) : "";
      await this.runtime.remove(ref);
    }
    const now = this.clock.now();
    await this.store.addActivity(
      agent.id,
      lifecycle("lifecycle.fired", backupKey ? `fired by ${by}; workspace backed up to ${backupKey}` : `fired by ${by}`, {
        workspaceBackup: backupKey,
      }),
      now,
    );
    await this.store.markFired(agent.id, backupKey, now);
    return { agent: { ...agent, firedAt: now, workspaceBackup: backupKey }, backupKey };
  }

  /** Log lines, oldest first: without `since`, the last `limit`; with it, those after it. */
  async logs(scope: OfficeScope, name: string, opts: { limit: number; since?: Date; afterId?: number }): Promise<AgentLogRecord[]> {
    const agent = await this.get(scope, name);
    const platform = await this.store.logs(agent.id, opts);
    if (!this.runtime.readLogs) return platform;
    const ref = { officeId: agent.officeId, agentId: agent.id, name: agent.name };
    const own = (await this.runtime.readLogs(ref, { since: opts.since, limit: opts.limit })).map(runtimeLine);
    return [...platform, ...own].sort((a, b) => a.time.getTime() - b.time.getTime()).slice(-opts.limit);
  }

  async activity(
    scope: OfficeScope,
    name: string,
    opts: { categories: ActivityCategoryName[]; since?: Date } & PageRequest,
  ): Promise<Page<AgentActivityRecord>> {
    const agent = (await this.store.getIncludingFired(scope.officeId, name)) ?? notFound(scope.officeId, name);
    return keysetPage(opts, BY_ID_DESC, (limit, beforeId) =>
      this.store.activity(agent.id, { limit, beforeId, categories: opts.categories, since: opts.since }),
    );
  }

  /**
   * A heartbeat of a hosted or external agent. Only the agent itself may send it: it proves
   * the worker is up, so the first one after a start makes a hosted agent Running.
   */
  async heartbeat(scope: OfficeScope, name: string, working: boolean): Promise<AgentRecord> {
    onlyItself(scope, name, "send its heartbeat");
    const before = await this.get(scope, name);
    const now = this.clock.now();
    const agent = withPresence((await this.store.heartbeat(before.id, working, now)) ?? notFound(scope.officeId, name), now);
    if (before.phase !== "Running" && agent.phase === "Running") {
      await this.store.addActivity(agent.id, lifecycle("lifecycle.ready", "worker is up and reported ready", {}), now);
    }
    if (before.phase === "Offline" && agent.phase === "Online") {
      await this.store.addActivity(agent.id, lifecycle("lifecycle.online", "heartbeats resumed: online again", {}), now);
    }
    return agent;
  }

  async counts(scope: OfficeScope): Promise<{ agents: number; running: number }> {
    return this.store.counts(scope.officeId, new Date(this.clock.now().getTime() - ONLINE_WINDOW_MS));
  }

  /**
   * Enables the agent's provider integration before its worker starts, so the credentials are
   * in its environment. An office without that integration configured keeps the hire (or
   * promote): the agent's log and feed say what to configure.
   */
  private async enableProvider(scope: OfficeScope, agent: AgentRecord): Promise<void> {
    try {
      await this.providers.enable(scope, agent.name, agent.provider);
      await this.store.addActivity(
        agent.id,
        { category: "integration", type: "integration.enabled", summary: `provider ${agent.provider} enabled`, details: {} },
        this.clock.now(),
      );
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const summary = `provider ${agent.provider} not enabled: ${err.message}`;
      this.systemLog(agent, summary);
      await this.store.addActivity(
        agent.id,
        { category: "integration", type: "integration.not_enabled", summary, details: {} },
        this.clock.now(),
      );
    }
  }

  /** A line the platform writes about the agent (starts, restarts, backups), in order with the agent's own. */
  systemLog(agent: Pick<AgentRecord, "id">, text: string): void {
    this.logWriter.write({ agentId: agent.id, time: new Date(), stream: "system", text });
  }

  private async storeBackup(agent: AgentRecord, archive: Readable): Promise<string> {
    const stamp = this.clock.now().toISOString().replace(/[:.]/g, "-");
    const key = `${officeBlobPrefix(agent.officeId)}backups/agents/${agent.name}/${stamp}-${agent.id}.tar.gz`;
    await this.blobs.put(key, archive, { contentType: "application/gzip" });
    this.systemLog(agent, `workspace backed up to ${key}`);
    return key;
  }
}

/** Refuses unless the caller is agent `name` itself (a request signed with its key). */
function onlyItself(scope: OfficeScope, name: string, what: string): void {
  const p = scope.principal;
  if (p.kind !== "agent" || p.agentName !== name) {
    throw fail.forbidden(`only agent ${name} itself may ${what} (a request signed with its key)`);
  }
}

function notFound(officeId: string, name: string): never {
  throw fail.notFound(`agent ${name} not found in office ${officeId}; list the office's agents with mi agents list --colony ${officeId}`);
}

/** Names for a clone of `name`: name-2, name-3, … (the base shortened to keep names within 63 characters). */
function* cloneNames(name: string): Generator<string> {
  for (let n = 2; n <= 100; n++) {
    const suffix = `-${n}`;
    yield `${name.slice(0, 63 - suffix.length).replace(/-+$/, "")}${suffix}`;
  }
}

function lifecycle(type: string, summary: string, details: Record<string, unknown>): NewActivity {
  return { category: "lifecycle", type, summary, details };
}

function hireDetails(agent: AgentRecord): Record<string, unknown> {
  return {
    modelTier: agent.modelTier,
    provider: agent.provider,
    role: agent.role,
    hiredBy: agent.hiredBy,
    spawnDepth: agent.spawnDepth,
    ...(agent.budget !== null ? { budget: agent.budget.toString() } : {}),
  };
}

function runtimeLine(line: RuntimeLogLine): AgentLogRecord {
  return { id: 0, time: line.time, stream: line.stream, text: line.text };
}
