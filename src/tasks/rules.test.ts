import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import type { TaskRecord, TaskStatusName } from "./model.js";
import { LEASE_LOST, planExpiry, planRetry, planUpdate, planVerify } from "./rules.js";

const now = new Date("2026-11-27T12:00:00Z");
const later = new Date(now.getTime() + 60_000);

function task(status: TaskStatusName, extra: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: "1",
    officeId: "o",
    number: 7,
    parentNumber: null,
    title: "t",
    description: "",
    status,
    kind: "general",
    priority: 50,
    assignedAgent: "",
    createdBy: "operator:a",
    dependsOn: [],
    pendingDeps: 0,
    result: "",
    resultSummary: "",
    error: "",
    requiredTools: [],
    subtaskCount: 0,
    doneSubtaskCount: 0,
    retryCount: 0,
    attempt: 1,
    interruptions: 0,
    verification: null,
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    completedAt: null,
    lease: null,
    ...extra,
  };
}

const leased = (status: TaskStatusName, owner = "worker") =>
  task(status, { lease: { owner, token: "tok", claimedAt: now, expiresAt: later } });

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

const ATTEMPTS = { maxAttempts: 3, retryBackoffMs: 1000, maxInterruptions: 2 };

describe("the task state machine (UpdateTask)", () => {
  it("requeues a task its worker gives back, using an attempt, with backoff; fails it after the last attempt", () => {
    const attempt = (n: number) => ({ ...leased("running"), attempt: n });
    const back = { status: "queued" as const, error: "the session ended without completing", agent: "worker", leaseToken: "tok" };
    expect(planUpdate(attempt(1), back, "worker", now, ATTEMPTS)).toMatchObject({
      status: "queued",
      releaseLease: true,
      availableInMs: 1000,
      error: "the session ended without completing",
    });
    expect(planUpdate(attempt(2), back, "worker", now, ATTEMPTS).availableInMs).toBe(2000);
    const last = planUpdate(attempt(3), back, "worker", now, ATTEMPTS);
    expect(last).toMatchObject({ status: "failed", releaseLease: true });
    expect(last.error).toMatch(/^the session ended without completing \(attempt 3 of 3; giving up/);
    expect(last.events).toEqual([{ type: "status_changed", message: `running -> failed: ${last.error}` }]);
  });

  it("requeues a task its interrupted worker gives back without using an attempt, until interrupted too often", () => {
    const held = (interruptions: number) => ({ ...leased("running"), attempt: 3, interruptions });
    const back = { status: "queued" as const, error: "stopping (SIGTERM)", interrupted: true, agent: "worker", leaseToken: "tok" };
    const first = planUpdate(held(0), back, "worker", now, ATTEMPTS);
    expect(first).toMatchObject({
      status: "queued",
      interrupted: true,
      releaseLease: true,
      availableInMs: 1000,
      error: "stopping (SIGTERM)",
    });
    expect(first.events[0]!.message).toBe(
      "running -> queued: worker was interrupted: stopping (SIGTERM) (interruption 1 of at most 2); requeued without using an attempt",
    );
    expect(planUpdate(held(1), back, "worker", now, ATTEMPTS)).toMatchObject({ status: "queued", availableInMs: 2000 });
    const last = planUpdate(held(2), back, "worker", now, ATTEMPTS);
    expect(last).toMatchObject({ status: "failed", interrupted: true });
    expect(last.error).toMatch(/stopped 3 times while holding it, giving up/);
  });

  it("lets a worker move its claimed task to running, then done with a result, releasing the lease", () => {
    const running = planUpdate(leased("claimed"), { status: "running", agent: "worker", leaseToken: "tok" }, "worker", now, ATTEMPTS);
    expect(running).toMatchObject({ status: "running", releaseLease: false });
    const done = planUpdate(
      leased("running"),
      { status: "done", result: "shipped\nsecond line", agent: "worker", leaseToken: "tok" },
      "worker",
      now,
      ATTEMPTS,
    );
    expect(done).toMatchObject({ status: "done", releaseLease: true, result: "shipped\nsecond line", resultSummary: "shipped" });
    expect(done.events).toEqual([{ type: "status_changed", message: "running -> done" }]);
  });

  it("requires a result (proof of work) to mark a task done", () => {
    const err = refusal(() => planUpdate(leased("running"), { status: "done" }, "op", now, ATTEMPTS));
    expect(err.kind).toBe("invalid_argument");
    expect(err.message).toMatch(/result is required/);
  });

  it.each([
    ["queued", "running", /claim it first/],
    ["blocked", "queued", /blocked on unfinished dependencies/],
    ["done", "running", /final: use retry/],
    ["failed", "queued", /final: use retry/],
    ["cancelled", "done", /final: use retry/],
  ] as const)("refuses %s -> %s, saying what to do instead", (from, to, message) => {
    const err = refusal(() => planUpdate(task(from), { status: to, result: "r" }, "op", now, ATTEMPTS));
    expect(err.kind).toBe("failed_precondition");
    expect(err.message).toMatch(message);
  });

  it("fences a worker whose lease is gone or was never its own", () => {
    const expired = task("running", { lease: { owner: "worker", token: "tok", claimedAt: now, expiresAt: now } });
    expect(refusal(() => planUpdate(expired, { progress: "x", leaseToken: "tok" }, "worker", now, ATTEMPTS)).reason).toBe(LEASE_LOST);
    expect(refusal(() => planUpdate(leased("running"), { progress: "x", leaseToken: "other" }, "worker", now, ATTEMPTS)).reason).toBe(
      LEASE_LOST,
    );
    expect(refusal(() => planUpdate(leased("running", "someone"), { progress: "x", agent: "worker" }, "worker", now, ATTEMPTS)).kind).toBe(
      "permission_denied",
    );
    expect(
      refusal(() => planUpdate(task("queued", { assignedAgent: "ana" }), { progress: "x", agent: "bob" }, "bob", now, ATTEMPTS)).message,
    ).toMatch(/assigned to ana/);
  });

  it("records progress and edits as audit events", () => {
    const change = planUpdate(leased("running"), { progress: "half way", title: "new title", agent: "worker" }, "worker", now, ATTEMPTS);
    expect(change.events).toEqual([
      { type: "progress", message: "half way" },
      { type: "updated", message: "changed title" },
    ]);
  });
});

describe("retry and verify", () => {
  it("retries failed, cancelled and rejected tasks only, back to queued (or blocked) with a clean slate", () => {
    expect(planRetry(task("failed", { error: "boom" }), { reason: "flaky" }, "op")).toMatchObject({
      status: "queued",
      error: "",
      retried: true,
    });
    expect(planRetry(task("cancelled", { pendingDeps: 2 }), { reason: "" }, "op").status).toBe("blocked");
    const rejected = task("done", { verification: { accepted: false, reviewer: "r", comments: "no", verifiedAt: now.toISOString() } });
    expect(planRetry(rejected, { reason: "" }, "op").status).toBe("queued");
    expect(refusal(() => planRetry(task("done"), { reason: "" }, "op")).message).toMatch(/after a reviewer rejects it/);
    expect(refusal(() => planRetry(task("running"), { reason: "" }, "op")).kind).toBe("failed_precondition");
  });

  it("verifies done tasks only, keeping the verdict", () => {
    const change = planVerify(task("done"), { accepted: false, reviewer: "rev", comments: "missing tests" }, "rev", now);
    expect(change.verification).toEqual({ accepted: false, reviewer: "rev", comments: "missing tests", verifiedAt: now.toISOString() });
    expect(change.events[0]!.message).toBe("rejected by rev: missing tests");
    expect(refusal(() => planVerify(task("running"), { accepted: true, reviewer: "r", comments: "" }, "r", now)).message).toMatch(
      /only done tasks/,
    );
  });
});

describe("lease expiry", () => {
  const opts = { maxAttempts: 3, retryBackoffMs: 5_000, maxInterruptions: 5 };
  it("is an interruption: requeued without using an attempt, with a delay doubling each time, failed after too many", () => {
    // The attempt does not matter: even on the last one, a lost worker costs the task no attempt.
    const lease = { taskId: "1", officeId: "o", owner: "w", attempt: 3 };
    expect(planExpiry({ ...lease, interruptions: 0 }, opts)).toEqual({
      fail: false,
      delayMs: 5_000,
      message: "the lease of w expired (interruption 1 of at most 5); requeued without using an attempt",
    });
    expect(planExpiry({ ...lease, interruptions: 1 }, opts)).toMatchObject({ fail: false, delayMs: 10_000 });
    expect(planExpiry({ ...lease, interruptions: 4 }, opts)).toMatchObject({ fail: false, delayMs: 80_000 });
    const last = planExpiry({ ...lease, interruptions: 5 }, opts);
    expect(last).toMatchObject({ fail: true, message: "the lease of w expired (interruption 6 of at most 5); failed" });
    expect(last.fail && last.error).toMatch(/its workers stopped 6 times while holding it, giving up/);
  });
});
