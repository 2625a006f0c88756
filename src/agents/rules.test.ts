import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import type { AgentRecord, HireContext } from "./model.js";
import {
  type AgentLimits,
  BUDGET_EXCEEDED,
  budgetLeft,
  HIRING_DISABLED,
  hireTerms,
  idleTooLong,
  restartDelayMs,
  SPAWN_DEPTH_EXCEEDED,
  usageDue,
} from "./rules.js";

const now = new Date("2026-11-27T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const limits: AgentLimits = { hiresPerWindow: 3, hireWindowMs: 10 * 60_000, maxSpawnDepth: 2, spawnBudget: 100n };
const office = (extra: Partial<HireContext> = {}): HireContext => ({
  allowAgentHiring: true,
  defaultModelTier: "haiku",
  recentHires: [],
  creditBalance: 50n,
  ...extra,
});
const hirer = (extra: Partial<AgentRecord> = {}) =>
  ({ name: "lead", spawnDepth: 0, budget: null, budgetCarved: 0n, creditsUsed: 0n, ...extra }) as AgentRecord;

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("hireTerms", () => {
  it("gives an operator's hire the office's default tier, depth 0 and no budget", () => {
    expect(hireTerms({ officeId: "o", modelTier: "" }, office(), limits, now)).toEqual({ modelTier: "haiku", spawnDepth: 0, budget: null });
    expect(hireTerms({ officeId: "o", modelTier: "opus" }, office(), limits, now).modelTier).toBe("opus");
  });

  it("refuses the fourth hire in the window with the wait until the oldest leaves it", () => {
    const err = refusal(() =>
      hireTerms({ officeId: "o", modelTier: "" }, office({ recentHires: [minutesAgo(9), minutesAgo(5), minutesAgo(1)] }), limits, now),
    );
    expect(err.kind).toBe("resource_exhausted");
    expect(err.retryAfterSeconds).toBe(60);
  });

  it("refuses any hire at zero credits with INSUFFICIENT_CREDITS", () => {
    const err = refusal(() => hireTerms({ officeId: "o", modelTier: "" }, office({ creditBalance: 0n }), limits, now));
    expect(err).toMatchObject({ kind: "failed_precondition", reason: "INSUFFICIENT_CREDITS" });
    expect(err.message).toMatch(/mi credits add --colony o --amount 100/);
  });

  it("lets agents hire only where allowed, within the depth limit and their budget", () => {
    expect(
      refusal(() => hireTerms({ officeId: "o", modelTier: "" }, office({ allowAgentHiring: false, hirer: hirer() }), limits, now)),
    ).toMatchObject({
      kind: "permission_denied",
      reason: HIRING_DISABLED,
    });
    expect(hireTerms({ officeId: "o", modelTier: "" }, office({ hirer: hirer() }), limits, now)).toEqual({
      modelTier: "haiku",
      spawnDepth: 1,
      budget: 100n,
    });
    expect(
      refusal(() => hireTerms({ officeId: "o", modelTier: "" }, office({ hirer: hirer({ spawnDepth: 2 }) }), limits, now)),
    ).toMatchObject({ reason: SPAWN_DEPTH_EXCEEDED });
    const thrifty = hirer({ spawnDepth: 1, budget: 30n, budgetCarved: 10n, creditsUsed: 5n });
    expect(hireTerms({ officeId: "o", modelTier: "", budget: 15n }, office({ hirer: thrifty }), limits, now).budget).toBe(15n);
    expect(refusal(() => hireTerms({ officeId: "o", modelTier: "", budget: 16n }, office({ hirer: thrifty }), limits, now))).toMatchObject({
      reason: BUDGET_EXCEEDED,
    });
  });

  it("refuses a budget on an operator's hire", () => {
    expect(refusal(() => hireTerms({ officeId: "o", modelTier: "", budget: 5n }, office(), limits, now)).kind).toBe("invalid_argument");
  });
});

describe("usage, budgets, idleness, restarts", () => {
  it("charges whole minutes and carries the rest over", () => {
    expect(usageDue(minutesAgo(2.5), now, 3)).toEqual({ minutes: 2, amount: 6n, until: new Date(minutesAgo(2.5).getTime() + 120_000) });
    expect(usageDue(minutesAgo(0.5), now, 3).amount).toBe(0n);
  });

  it("counts what an agent used and gave away against its budget", () => {
    expect(budgetLeft({ budget: null, budgetCarved: 0n, creditsUsed: 9n })).toBeNull();
    expect(budgetLeft({ budget: 10n, budgetCarved: 3n, creditsUsed: 4n })).toBe(3n);
    expect(budgetLeft({ budget: 10n, budgetCarved: 8n, creditsUsed: 4n })).toBe(0n);
  });

  it("stops only agents hired by agents, after the idle limit", () => {
    expect(idleTooLong({ spawnDepth: 1, lastWorkingAt: minutesAgo(10) }, 10 * 60_000, now)).toBe(true);
    expect(idleTooLong({ spawnDepth: 1, lastWorkingAt: minutesAgo(9) }, 10 * 60_000, now)).toBe(false);
    expect(idleTooLong({ spawnDepth: 0, lastWorkingAt: minutesAgo(60) }, 10 * 60_000, now)).toBe(false);
  });

  it("backs restarts off exponentially with jitter, up to 5 minutes", () => {
    expect(restartDelayMs(0, () => 0)).toBe(500);
    expect(restartDelayMs(0, () => 1)).toBe(1000);
    expect(restartDelayMs(3, () => 1)).toBe(8000);
    expect(restartDelayMs(30, () => 1)).toBe(300_000);
  });
});
