import { DomainError, fail } from "../errors.js";
import { INSUFFICIENT_CREDITS } from "../credits/credits.js";
import { type AgentRecord, type HireContext, MODEL_TIERS, type ModelTier } from "./model.js";

/** Guardrails of hiring and running agents (config: Config.agents). */
export interface AgentLimits {
  /** Hires per office per window: the docs' 3 per 10 minutes. */
  hiresPerWindow: number;
  hireWindowMs: number;
  /** How many agents may stand between an operator and a hire (an operator's hire is depth 0). */
  maxSpawnDepth: number;
  /** Budget an agent's hire gets when it names none. */
  spawnBudget: bigint;
}

/** The ErrorInfo reasons of refused hires (besides INSUFFICIENT_CREDITS and RATE_LIMITED). */
export const HIRING_DISABLED = "AGENT_HIRING_DISABLED";
export const SPAWN_DEPTH_EXCEEDED = "SPAWN_DEPTH_EXCEEDED";
export const BUDGET_EXCEEDED = "BUDGET_EXCEEDED";

/** What a hire asks for, as far as the rules care. */
export interface HireAsk {
  officeId: string;
  modelTier: string;
  budget?: bigint;
}

/** What the rules decided for a hire they allow. */
export interface HireTerms {
  modelTier: string;
  spawnDepth: number;
  /** Sub-budget of an agent's hire; null for an operator's. */
  budget: bigint | null;
}

/**
 * Decides whether a hire may happen and on what terms. Checked in this order, so the caller
 * learns the first thing to fix: who may hire, the rate, the credits, the tree's depth and budget.
 */
export function hireTerms(ask: HireAsk, ctx: HireContext, limits: AgentLimits, now: Date): HireTerms {
  const hirer = ctx.hirer;
  if (hirer && !ctx.allowAgentHiring) {
    throw new DomainError(
      "permission_denied",
      `agents may not hire in office ${ask.officeId}: agent hiring is disabled; an operator can allow it with updateSettings({ allowAgentHiring: true })`,
      HIRING_DISABLED,
    );
  }
  if (!hirer && ask.budget !== undefined) {
    throw fail.invalid("budget: only agents hiring agents set a budget; an operator's hire draws on the office's credits");
  }
  if (ctx.recentHires.length >= limits.hiresPerWindow) {
    const oldest = ctx.recentHires[0]!;
    const waitMs = Math.max(1000, oldest.getTime() + limits.hireWindowMs - now.getTime());
    const minutes = Math.round(limits.hireWindowMs / 60_000);
    throw fail.rateLimited(
      `Rate limit hit: at most ${limits.hiresPerWindow} hires per ${minutes} minutes per office. Wait ${Math.ceil(waitMs / 1000)} s and retry.`,
      Math.ceil(waitMs / 1000),
    );
  }
  if (ctx.creditBalance <= 0n) {
    throw fail.precondition(
      `The office has no credits. Add credits via mi credits add --colony ${ask.officeId} --amount 100.`,
      INSUFFICIENT_CREDITS,
    );
  }
  const modelTier = ask.modelTier || ctx.defaultModelTier || "sonnet";
  if (!hirer) return { modelTier, spawnDepth: 0, budget: null };
  const spawnDepth = hirer.spawnDepth + 1;
  if (spawnDepth > limits.maxSpawnDepth) {
    throw fail.precondition(
      `agent ${hirer.name} may not hire: agents hired by agents nest at most ${limits.maxSpawnDepth} deep, and a hire by ${hirer.name} would be ${spawnDepth} deep`,
      SPAWN_DEPTH_EXCEEDED,
    );
  }
  const budget = ask.budget ?? limits.spawnBudget;
  const left = budgetLeft(hirer);
  if (left !== null && budget > left) {
    throw fail.precondition(
      `agent ${hirer.name} has ${left} credits of budget left, not enough to give ${budget} to a new agent; hire with a smaller budget`,
      BUDGET_EXCEEDED,
    );
  }
  return { modelTier, spawnDepth, budget };
}

/** Credits an agent may still use or give away; null when it has no budget of its own. */
export function budgetLeft(agent: Pick<AgentRecord, "budget" | "budgetCarved" | "creditsUsed">): bigint | null {
  if (agent.budget === null) return null;
  const left = agent.budget - agent.budgetCarved - agent.creditsUsed;
  return left > 0n ? left : 0n;
}

/**
 * Usage owed by a running agent: whole minutes since it was last charged, at `creditsPerMinute`.
 * Returns the minutes charged and the new charged-until time (the remainder carries over).
 */
export function usageDue(chargedUntil: Date, now: Date, creditsPerMinute: number): { minutes: number; amount: bigint; until: Date } {
  const minutes = Math.floor((now.getTime() - chargedUntil.getTime()) / 60_000);
  if (minutes <= 0 || creditsPerMinute <= 0) return { minutes: 0, amount: 0n, until: chargedUntil };
  return { minutes, amount: BigInt(minutes * creditsPerMinute), until: new Date(chargedUntil.getTime() + minutes * 60_000) };
}

/** Whether an agent hired by an agent has been idle past the office's limit and should stop itself. */
export function idleTooLong(agent: Pick<AgentRecord, "spawnDepth" | "lastWorkingAt">, idleLimitMs: number, now: Date): boolean {
  return agent.spawnDepth > 0 && idleLimitMs > 0 && now.getTime() - agent.lastWorkingAt.getTime() >= idleLimitMs;
}

/** Delay before restarting an agent whose compute failed `restarts` times in a row: 1 s doubling to 5 min, with jitter. */
export function restartDelayMs(restarts: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.min(restarts, 20));
  return Math.round(base / 2 + (random() * base) / 2);
}

/** Model tier check for inputs that do not come through the proto rules (config, the domain's own callers). */
export function isModelTier(tier: string): tier is ModelTier {
  return (MODEL_TIERS as readonly string[]).includes(tier);
}

/** An external agent is Online while its heartbeats are at most this old (the docs' 2 minutes). */
export const ONLINE_WINDOW_MS = 2 * 60_000;

/**
 * The agent as people see it now: an external agent is Online while heartbeats arrive and
 * Offline once the last one is older than {@link ONLINE_WINDOW_MS} (it stays listed, and is
 * Online again with its next heartbeat). Hosted agents' phases are the runtime's, unchanged.
 */
export function withPresence(agent: AgentRecord, now: Date): AgentRecord {
  if (agent.employeeType !== "external" || agent.desired === "fired") return agent;
  const last = agent.lastHeartbeatAt ?? agent.createdAt;
  const offlineAt = last.getTime() + ONLINE_WINDOW_MS;
  return now.getTime() < offlineAt
    ? { ...agent, phase: "Online", phaseReason: "", phaseMessage: "", phaseUpdatedAt: last }
    : {
        ...agent,
        phase: "Offline",
        phaseReason: "HeartbeatMissed",
        phaseMessage: "no heartbeat for 2 minutes",
        phaseUpdatedAt: new Date(offlineAt),
      };
}
