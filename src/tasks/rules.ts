import { DomainError, fail } from "../errors.js";
import {
  FINISHED_TASK_STATUSES,
  type ExpiredLease,
  type ExpiryOutcome,
  type TaskChange,
  type TaskRecord,
  type TaskStatusName,
} from "./model.js";

/** ErrorInfo reason when a worker's lease expired or was taken over. */
export const LEASE_LOST = "LEASE_LOST";

/**
 * Status changes a caller may make with UpdateTask. Claiming (queued -> claimed), unblocking
 * (blocked -> queued) and retrying (failed/cancelled/rejected done -> queued) have their own
 * operations; done, failed and cancelled are final for UpdateTask.
 */
const ALLOWED: Record<TaskStatusName, TaskStatusName[]> = {
  queued: ["cancelled", "failed"],
  blocked: ["cancelled"],
  claimed: ["running", "done", "failed", "cancelled", "queued"],
  running: ["done", "failed", "cancelled", "queued"],
  done: [],
  failed: [],
  cancelled: [],
};

/** Why a status change is refused, in words that say what to do instead. */
function refusal(task: TaskRecord, to: TaskStatusName): string {
  const from = task.status;
  if (from === "queued" && (to === "running" || to === "claimed"))
    return `task ${task.number} is queued: claim it first (mi tasks claim --agent <name>)`;
  if (from === "blocked")
    return `task ${task.number} is blocked on unfinished dependencies (${task.dependsOn.join(", ")}); it can only be cancelled until they are done`;
  if (FINISHED_TASK_STATUSES.includes(from)) {
    return `task ${task.number} is ${from}, which is final: use retry to run it again`;
  }
  return `task ${task.number} cannot go from ${from} to ${to}`;
}

/** An UpdateTask request in domain terms. */
export interface TaskUpdate {
  status?: TaskStatusName;
  result?: string;
  resultSummary?: string;
  error?: string;
  progress?: string;
  agent?: string;
  assignedAgent?: string;
  leaseToken?: string;
  title?: string;
  description?: string;
  priority?: number;
  /** With status queued: the worker was interrupted, not unable to finish (no attempt used). */
  interrupted?: boolean;
}

/**
 * Checks who may touch the task: an agent only a task assigned to it, leased to it, or free
 * (unassigned and unleased); a lease token must be the current, unexpired one. Operators
 * (no agent) may act on any task of their office.
 */
export function checkOwnership(task: TaskRecord, agent: string | undefined, leaseToken: string | undefined, now: Date): void {
  if (leaseToken) {
    if (!task.lease || task.lease.token !== leaseToken || task.lease.expiresAt <= now) {
      throw new DomainError(
        "failed_precondition",
        `the lease on task ${task.number} was lost (it expired or another worker claimed the task); stop working on it`,
        LEASE_LOST,
      );
    }
  }
  if (!agent) return;
  const holder = task.lease?.owner;
  if (holder && holder !== agent)
    throw fail.forbidden(`task ${task.number} is being worked on by ${holder}; agent ${agent} may not change it`);
  if (!holder && task.assignedAgent && task.assignedAgent !== agent) {
    throw fail.forbidden(`task ${task.number} is assigned to ${task.assignedAgent}; agent ${agent} may not change it`);
  }
}

/** Turns an update into the change to store, or throws why it is refused. */
export function planUpdate(task: TaskRecord, update: TaskUpdate, actor: string, now: Date, attempts: AttemptRules): TaskChange {
  checkOwnership(task, update.agent, update.leaseToken, now);
  const change: TaskChange = { actor, events: [] };
  if (update.status === "queued" && (task.status === "claimed" || task.status === "running")) {
    return planRelease(task, update, change, attempts);
  }
  const to = update.status;
  if (to !== undefined && to !== task.status) {
    if (!ALLOWED[task.status].includes(to)) throw fail.precondition(refusal(task, to));
    if (to === "done" && !(update.result ?? task.result).trim()) {
      throw fail.invalid(`result is required to mark task ${task.number} done: describe what was accomplished (proof of work)`);
    }
    change.status = to;
    if (task.status === "claimed" || task.status === "running") change.releaseLease = to !== "running";
    if (to === "failed" && update.error === undefined && !task.error) change.error = `marked failed by ${actor}`;
    const why = to === "failed" ? `: ${update.error ?? change.error}` : "";
    change.events.push({ type: "status_changed", message: `${task.status} -> ${to}${why}` });
  } else if (update.result !== undefined && task.status !== "claimed" && task.status !== "running" && task.status !== "done") {
    throw fail.precondition(`task ${task.number} is ${task.status}: a result can only be reported while working on it`);
  }
  if (update.result !== undefined) {
    change.result = update.result;
    change.resultSummary = update.resultSummary ?? summarize(update.result);
  } else if (update.resultSummary !== undefined) {
    change.resultSummary = update.resultSummary;
  }
  if (update.error !== undefined) change.error = update.error;
  if (update.progress !== undefined) change.events.push({ type: "progress", message: update.progress });
  if (update.assignedAgent !== undefined && update.assignedAgent !== task.assignedAgent) {
    change.assignedAgent = update.assignedAgent;
    change.events.push({ type: "assigned", message: update.assignedAgent ? `assigned to ${update.assignedAgent}` : "unassigned" });
  }
  const edited = (["title", "description", "priority"] as const).filter((k) => update[k] !== undefined && update[k] !== task[k]);
  if (edited.length) {
    if (update.title !== undefined) change.title = update.title;
    if (update.description !== undefined) change.description = update.description;
    if (update.priority !== undefined) change.priority = update.priority;
  }
  if (edited.length || (update.result !== undefined && to === undefined)) {
    change.events.push({
      type: "updated",
      message: `changed ${[...edited, ...(update.result !== undefined && to === undefined ? ["result"] : [])].join(", ")}`,
    });
  }
  return change;
}

/** Plans a retry: only failed or cancelled tasks, or done ones whose verification was rejected. */
export function planRetry(
  task: TaskRecord,
  opts: { reason: string; updatedDescription?: string; assignedAgent?: string },
  actor: string,
): TaskChange {
  const rejected = task.status === "done" && task.verification?.accepted === false;
  if (!(task.status === "failed" || task.status === "cancelled" || rejected)) {
    const hint = task.status === "done" ? " (a done task can be retried after a reviewer rejects it with verify)" : "";
    throw fail.precondition(`task ${task.number} is ${task.status}; only failed or cancelled tasks can be retried${hint}`);
  }
  const change: TaskChange = {
    actor,
    status: task.pendingDeps > 0 ? "blocked" : "queued",
    result: "",
    resultSummary: "",
    error: "",
    verification: null,
    retried: true,
    releaseLease: true,
    events: [{ type: "retried", message: `retry ${task.retryCount + 1}${opts.reason ? `: ${opts.reason}` : ""}` }],
  };
  if (opts.updatedDescription !== undefined) change.description = opts.updatedDescription;
  if (opts.assignedAgent !== undefined && opts.assignedAgent !== task.assignedAgent) {
    change.assignedAgent = opts.assignedAgent;
    change.events.push({ type: "assigned", message: opts.assignedAgent ? `assigned to ${opts.assignedAgent}` : "unassigned" });
  }
  return change;
}

/** Plans a verdict on a done task; it is recorded on the task and in its audit trail. */
export function planVerify(
  task: TaskRecord,
  verdict: { accepted: boolean; reviewer: string; comments: string },
  actor: string,
  now: Date,
): TaskChange {
  if (task.status !== "done") throw fail.precondition(`task ${task.number} is ${task.status}; only done tasks can be verified`);
  const word = verdict.accepted ? "accepted" : "rejected";
  return {
    actor,
    verification: { ...verdict, verifiedAt: now.toISOString() },
    events: [{ type: "verified", message: `${word} by ${verdict.reviewer}${verdict.comments ? `: ${verdict.comments}` : ""}` }],
  };
}

/** First line of a result, shortened for lists. */
export function summarize(result: string): string {
  const line = result.trim().split("\n", 1)[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** How many claims a task gets, how often its worker may stop, and how long a requeued one waits (doubled each time). */
export interface AttemptRules {
  maxAttempts: number;
  retryBackoffMs: number;
  maxInterruptions: number;
}

/**
 * A worker gives its task back. A session that ended without finishing used one attempt: the
 * task is queued again after the backoff, or failed after the last attempt (the docs: retried
 * twice, failed on the third), with the worker's reason. An interrupted worker (stopped or
 * restarted) gives the task back as a lost lease does: no attempt used (see planInterruption).
 */
function planRelease(task: TaskRecord, update: TaskUpdate, change: TaskChange, attempts: AttemptRules): TaskChange {
  const reason = update.error ?? `released by ${change.actor}`;
  change.releaseLease = true;
  if (update.progress !== undefined) change.events.push({ type: "progress", message: update.progress });
  if (update.interrupted) {
    const outcome = planInterruption(task, `${change.actor} was interrupted: ${reason}`, attempts);
    change.interrupted = true;
    change.status = outcome.fail ? "failed" : "queued";
    change.error = outcome.fail ? outcome.error : reason;
    if (!outcome.fail) change.availableInMs = outcome.delayMs;
    change.events.push({ type: "status_changed", message: `${task.status} -> ${change.status}: ${outcome.message}` });
    return change;
  }
  const of = `attempt ${task.attempt} of ${attempts.maxAttempts}`;
  if (task.attempt >= attempts.maxAttempts) {
    change.status = "failed";
    change.error = `${reason} (${of}; giving up: retry the task to run it again)`;
    change.events.push({ type: "status_changed", message: `${task.status} -> failed: ${change.error}` });
    return change;
  }
  change.status = "queued";
  change.error = reason;
  change.availableInMs = attempts.retryBackoffMs * 2 ** Math.max(0, task.attempt - 1);
  change.events.push({ type: "status_changed", message: `${task.status} -> queued: ${reason} (${of}; requeued)` });
  return change;
}

/**
 * A task whose worker stopped holding it, its lease run out (the process died, its machine or
 * connection was lost): a failure of the infrastructure, not of the work, so it uses no attempt
 * and the task is queued again after a backoff that doubles per interruption, until
 * `maxInterruptions`, after which it fails (a task that keeps killing its workers must end).
 */
export function planExpiry(lease: ExpiredLease, rules: AttemptRules): ExpiryOutcome {
  return planInterruption(lease, `the lease of ${lease.owner} expired`, rules);
}

function planInterruption(task: { interruptions: number }, what: string, rules: AttemptRules): ExpiryOutcome {
  const n = task.interruptions + 1;
  if (n > rules.maxInterruptions) {
    return {
      fail: true,
      error: `${what}; its workers stopped ${n} times while holding it, giving up (retry the task to run it again)`,
      message: `${what} (interruption ${n} of at most ${rules.maxInterruptions}); failed`,
    };
  }
  return {
    fail: false,
    delayMs: rules.retryBackoffMs * 2 ** (n - 1),
    message: `${what} (interruption ${n} of at most ${rules.maxInterruptions}); requeued without using an attempt`,
  };
}
