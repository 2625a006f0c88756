import { randomUUID } from "node:crypto";
import type { Credits } from "../credits/credits.js";
import { INSUFFICIENT_CREDITS } from "../credits/credits.js";
import type { Clock } from "../domain/clock.js";
import { derivedUuid } from "../domain/derived-id.js";
import { DomainError } from "../errors.js";
import { type Loop, startLoop } from "../lifecycle/loop.js";
import type { Logger } from "../log.js";
import type { OfficeAccess } from "../offices/access.js";
import type { Agents } from "./agents.js";
import type { AgentRecord, AgentStore, NewActivity } from "./model.js";
import { budgetLeft, idleTooLong, restartDelayMs, usageDue } from "./rules.js";
import type { AgentRef, AgentRuntime, AgentSpec, RuntimeStatus } from "./runtime/port.js";

/** Settings of the reconcile loop (config: Config.agents). */
export interface ReconcilerOptions {
  /** How often every live agent is compared with its runtime. */
  intervalMs: number;
  /** How long this replica's claim on an agent lasts without renewal (several intervals). */
  ownershipMs: number;
  /** Credits a running agent consumes per minute. */
  creditsPerMinute: number;
  /** The endpoint workers call. */
  endpoint: () => string;
  /** Log lines kept per agent. */
  logLinesKept: number;
  /** The operator's variables for an agent's worker (env feature), read at every start. */
  environment: (officeId: string, agentId: string) => Promise<Record<string, string>>;
}

/** Agents reconciled per pass at most; the rest wait for the next pass. */
const BATCH = 500;
/** How often used nonces and old log lines are deleted. */
const PRUNE_EVERY_MS = 60_000;
/** Task events copied into activity feeds per statement. */
const ACTIVITY_BATCH = 1000;

/**
 * The control loop of hosted agents (the Kubernetes controller pattern): desired state lives in
 * Postgres, and every pass compares each live agent with what its runtime reports, then starts,
 * restarts, stops or finishes firing it, charges its usage and applies the guardrails (credits,
 * sub-budgets, idle stops). Safe with several replicas: each agent is owned by one replica at a
 * time through an expiring claim on its row, renewed every pass; a replica that stops (or dies)
 * lets go and another one takes over. Every call is idempotent, so a pass cut short by a crash
 * is simply done again.
 */
export class Reconciler {
  /** This replica's name in `agent.owner`. */
  readonly replicaId = randomUUID();
  private loop?: Loop;
  private prunedAt = 0;

  constructor(
    private readonly store: AgentStore,
    private readonly runtime: AgentRuntime,
    private readonly agents: Agents,
    private readonly credits: Credits,
    private readonly access: OfficeAccess,
    private readonly opts: ReconcilerOptions,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.loop = startLoop("agent reconciler", () => this.pass(), { intervalMs: this.opts.intervalMs, log: this.log });
  }

  /** Runs a pass now (after a hire or promote) instead of at the next interval. */
  wake(): void {
    this.loop?.wake();
  }

  /** Ends the loop, stops this replica's agents and hands them over to the other replicas. */
  async stop(): Promise<void> {
    await this.loop?.stop();
    await this.runtime.close();
    await this.store.releaseOwnership(this.replicaId).catch((err) => this.log.warn({ err }, "could not release agent ownership"));
  }

  /** One pass over every agent this replica owns (or may take over). */
  async pass(): Promise<void> {
    const now = this.clock.now();
    const owned = await this.store.claimOwnership(this.replicaId, now, this.opts.ownershipMs, BATCH);
    const resumed = new Map((await this.store.resumable(this.replicaId)).map((a) => [a.id, a]));
    for (const agent of owned) {
      const current = resumed.get(agent.id) ?? agent;
      if (resumed.has(agent.id)) await this.activity(current, credit("credit.resumed", "credits were added: resuming"));
      try {
        await this.reconcile(current, now);
      } catch (err) {
        this.log.warn({ err, agent: agent.name, office: agent.officeId }, "reconciling an agent failed; retrying next pass");
      }
    }
    let copied: number;
    do copied = await this.store.projectTaskActivity(ACTIVITY_BATCH);
    while (copied === ACTIVITY_BATCH);
    do copied = await this.store.projectChatActivity(ACTIVITY_BATCH);
    while (copied === ACTIVITY_BATCH);
    if (Date.now() - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = Date.now();
      await this.store.pruneNonces(now);
      await this.store.pruneLogs(
        owned.map((a) => a.id),
        this.opts.logLinesKept,
      );
    }
  }

  private async reconcile(agent: AgentRecord, now: Date): Promise<void> {
    if (agent.desired === "fired") {
      await this.agents.finishFire(agent, "system:reconciler");
      return;
    }
    const ref: AgentRef = { officeId: agent.officeId, agentId: agent.id, name: agent.name };
    const status = await this.runtime.status(ref);
    if (agent.desired === "running" && agent.suspended === "") {
      if (await this.stoppedForIdleness(agent, ref, now)) return;
      if (await this.charge(agent, status, now)) return;
      await this.keepRunning(agent, status, now);
      return;
    }
    if (status.state === "running" || status.state === "pending") await this.runtime.stop(ref);
    if (agent.suspended && agent.phase !== "Suspended") {
      const message =
        agent.suspended === "InsufficientCredits"
          ? "the office has no credits; add credits to resume"
          : "the agent used its whole budget; it stays suspended";
      await this.store.markStopped(agent.id, "Suspended", agent.suspended, message, now);
      this.agents.systemLog(agent, `suspended: ${message}`);
      await this.activity(agent, credit("credit.suspended", `suspended: ${message}`));
    }
  }

  private async keepRunning(agent: AgentRecord, status: RuntimeStatus, now: Date): Promise<void> {
    if (agent.nextStartAt && agent.nextStartAt > now) return; // backing off after a failure
    const current = status.generation === agent.generation;
    if ((status.state === "running" || status.state === "pending") && current) {
      if (agent.startedGeneration !== agent.generation) {
        // Compute that outlived a server restart (a pod): adopt it instead of restarting it.
        await this.store.markStarted(agent.id, agent.generation, now, "re-attached to running compute");
      }
      if (this.runtime.readyWhen === "runtime") {
        await this.store.setPhase(
          agent.id,
          status.state === "running" ? { phase: "Running" } : { phase: "Pending", reason: status.reason, message: status.message },
          now,
        );
      }
      return;
    }
    if (status.state === "failed" && agent.startedGeneration !== null && current) {
      const delay = restartDelayMs(agent.restarts);
      await this.store.markFailed(agent.id, status.reason ?? "Failed", status.message ?? "", now, new Date(now.getTime() + delay));
      this.agents.systemLog(agent, `worker failed (${status.message ?? status.reason}); restarting in ${Math.round(delay / 1000)} s`);
      return;
    }
    const spec = await this.specOf(agent);
    await this.runtime.start(spec);
    const restart = status.state !== "absent" && !current;
    const message = restart ? `restarting with generation ${agent.generation} (${agent.modelTier})` : `starting (${agent.modelTier})`;
    await this.store.markStarted(agent.id, agent.generation, now, message);
    this.agents.systemLog(agent, message);
    await this.activity(agent, {
      category: "lifecycle",
      type: restart ? "lifecycle.restarted" : "lifecycle.started",
      summary: message,
      details: { generation: agent.generation, modelTier: agent.modelTier, provider: agent.provider },
    });
  }

  /** Agents hired by agents stop by themselves after the office's idle limit. */
  private async stoppedForIdleness(agent: AgentRecord, ref: AgentRef, now: Date): Promise<boolean> {
    // Only agents hired by agents stop when idle: operators' hires cost no settings read per pass.
    if (agent.spawnDepth === 0) return false;
    const settings = await this.store.officeSettings(agent.officeId);
    if (!settings || !idleTooLong(agent, settings.agentIdleTimeoutMinutes * 60_000, now)) return false;
    await this.store.setDesired(agent.id, "stopped");
    await this.runtime.stop(ref);
    const message = `idle for ${settings.agentIdleTimeoutMinutes} minutes: stopped itself`;
    await this.store.markStopped(agent.id, "Succeeded", "IdleTimeout", message, now);
    this.agents.systemLog(agent, message);
    await this.activity(agent, { category: "lifecycle", type: "lifecycle.idle_stopped", summary: message });
    return true;
  }

  /**
   * Charges a running agent's usage since it was last charged. The debit's request id is
   * derived from the agent and the period, so a pass repeated after a crash charges nothing
   * twice. Returns true when the agent was suspended for want of credits or budget.
   */
  private async charge(agent: AgentRecord, status: RuntimeStatus, now: Date): Promise<boolean> {
    if (status.state !== "running" || agent.phase !== "Running" || !agent.chargedUntil) return false;
    const due = usageDue(agent.chargedUntil, now, this.opts.creditsPerMinute);
    if (due.amount === 0n) return false;
    const left = budgetLeft(agent);
    const amount = left !== null && due.amount > left ? left : due.amount;
    const ownerId = await this.store.officeOwner(agent.officeId);
    if (!ownerId) return false;
    const scope = this.access.system(agent.officeId, ownerId, "reconciler");
    if (amount > 0n) {
      try {
        await this.credits.debit(scope, amount, {
          agentName: agent.name,
          kind: "usage",
          note: `compute: ${due.minutes} min on ${agent.modelTier}`,
          requestId: periodId(agent.id, agent.chargedUntil),
        });
      } catch (err) {
        if (!(err instanceof DomainError) || err.reason !== INSUFFICIENT_CREDITS) throw err;
        const suspended = await this.store.suspendOffice(agent.officeId);
        this.log.info({ office: agent.officeId, agents: suspended.length }, "office out of credits: agents suspended");
        await this.reconcile({ ...agent, suspended: "InsufficientCredits" }, now);
        return true;
      }
      await this.store.charged(agent.id, amount, due.until);
    }
    if (amount < due.amount) {
      await this.store.setSuspended(agent.id, "BudgetExhausted");
      await this.reconcile({ ...agent, suspended: "BudgetExhausted", creditsUsed: agent.creditsUsed + amount }, now);
      return true;
    }
    return false;
  }

  private async specOf(agent: AgentRecord): Promise<AgentSpec> {
    return {
      officeId: agent.officeId,
      agentId: agent.id,
      name: agent.name,
      generation: agent.generation,
      modelTier: agent.modelTier,
      provider: agent.provider,
      role: agent.role,
      skills: agent.skills,
      systemPrompt: agent.systemPrompt,
      endpoint: this.opts.endpoint(),
      env: await this.opts.environment(agent.officeId, agent.id),
    };
  }

  private activity(agent: AgentRecord, entry: NewActivity): Promise<void> {
    return this.store.addActivity(agent.id, entry, this.clock.now());
  }
}

function credit(type: string, summary: string): NewActivity {
  return { category: "credit", type, summary };
}

/** A UUID naming one agent's usage period, the same on every replica and every retry. */
function periodId(agentId: string, from: Date): string {
  return derivedUuid(`usage:${agentId}:${from.toISOString()}`);
}
