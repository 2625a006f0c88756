/**
 * The worker's task loop: wait for work on the office's task events (WatchTasks, no busy
 * polling), claim what this agent can do, run it with the engine under a renewed lease, and
 * finish it. The lease is the fence: the moment a renewal or write is refused with LEASE_LOST,
 * or the task turns out cancelled, the engine's signal is aborted and nothing more is written.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { OS1Client } from "../client.js";
import { LeaseLostError, toMitosisError } from "../errors.js";
import { failureBackoffMs } from "../retry.js";
import type { ClaimedTask, TaskKind } from "../task-types.js";
import type { Engine, RunOutcome } from "./engine.js";

/** What the loop needs; the worker's main builds it from its assignment. */
export interface TaskLoopOptions {
  client: OS1Client;
  officeId: string;
  agentName: string;
  workspace: string;
  engine: Engine;
  /** The agent's enabled integrations, asked before each claim (tasks' requiredTools are matched against them). */
  tools(): Promise<string[]>;
  /** The task kinds this agent takes, in order of preference; empty or absent: every kind. */
  kinds?: readonly TaskKind[];
  /** Stops the loop; a task in progress is given back as interrupted (it costs no attempt). */
  signal: AbortSignal;
  /** A line for the agent's log. */
  log(line: string): void;
  /** Told when the agent starts and stops working on a task (its heartbeat reports it). */
  onBusy?(busy: boolean): void;
  /** Lease length in seconds (default 60); it is renewed every third of it. */
  leaseSeconds?: number;
  /** Claim again after this long without any task event (default 30 s), in case an event was missed. */
  recheckMs?: number;
}

/** Runs until `signal` aborts. */
export async function runTaskLoop(o: TaskLoopOptions): Promise<void> {
  const wake = new Wakeup();
  const current: Current = {};
  void watchQueue(o, wake, current);
  let failures = 0;
  while (!o.signal.aborted) {
    let claimed: ClaimedTask | null;
    let nextAvailableAt: string | undefined;
    try {
      ({ claimed, nextAvailableAt } = await claimNext(o, await o.tools()));
      failures = 0;
    } catch (err) {
      if (o.signal.aborted) return;
      failures++;
      const wait = failureBackoffMs(failures);
      o.log(`claiming failed (${toMitosisError(err).message}); retrying in ${Math.round(wait)} ms`);
      await sleep(wait, undefined, { signal: o.signal }).catch(() => {});
      continue;
    }
    if (claimed === null) {
      // Until a task event, or until a requeued task's backoff ends (no event marks that).
      const recheck = o.recheckMs ?? 30_000;
      const untilNext = nextAvailableAt === undefined ? recheck : Date.parse(nextAvailableAt) - Date.now() + 10;
      await wake.wait(Math.max(0, Math.min(recheck, untilNext)), o.signal);
      continue;
    }
    o.onBusy?.(true);
    try {
      await work(o, claimed, current);
    } finally {
      o.onBusy?.(false);
    }
  }
}

/**
 * The next task this agent can do: of its kinds (one claim per kind, in its order of preference)
 * and needing no tools it lacks; with nothing to claim, when the earliest requeued one may be.
 */
async function claimNext(o: TaskLoopOptions, tools: string[]): Promise<{ claimed: ClaimedTask | null; nextAvailableAt?: string }> {
  let next: string | undefined;
  for (const kind of o.kinds?.length ? o.kinds : [undefined]) {
    const { claimed, nextAvailableAt } = await o.client.tasks.claimNext(o.officeId, {
      agent: o.agentName,
      leaseSeconds: o.leaseSeconds ?? 60,
      tools,
      kind,
    });
    if (claimed) return { claimed };
    if (nextAvailableAt && (next === undefined || nextAvailableAt < next)) next = nextAvailableAt;
  }
  return { claimed: null, nextAvailableAt: next };
}

/** The task being worked on (and the attempt this worker claimed), so the queue's events can stop it. */
interface Current {
  taskId?: number;
  attempt?: number;
  lose?: (why: string) => void;
}

/**
 * Follows the office's task events (reconnecting by itself): a task becoming claimable rings
 * `wake`; the task being worked on leaving this worker's hands (cancelled, taken back, claimed
 * again) stops the work at once. Events from before the claim (an older attempt) do not count.
 */
async function watchQueue(o: TaskLoopOptions, wake: Wakeup, current: Current): Promise<void> {
  try {
    for await (const event of o.client.tasks.watch(o.officeId, { signal: o.signal })) {
      const task = event.task;
      if (task?.status === "queued") wake.ring();
      if (task === undefined || event.taskId !== current.taskId || current.attempt === undefined) continue;
      const later = task.attempt > current.attempt;
      const gone = task.attempt === current.attempt && task.status !== "claimed" && task.status !== "running";
      if (later || gone)
        current.lose?.(task.status === "cancelled" ? "the task was cancelled" : `the task is ${task.status} now, no longer this worker's`);
    }
  } catch (err) {
    if (!o.signal.aborted)
      o.log(`watching the queue failed (${toMitosisError(err).message}); claiming every ${o.recheckMs ?? 30_000} ms instead`);
  }
}

/** Runs one claimed task to its end, or until its lease is lost. */
async function work(o: TaskLoopOptions, claimed: ClaimedTask, current: Current): Promise<void> {
  const { task, leaseToken } = claimed;
  const id = task.id;
  const fence = new AbortController();
  const signal = AbortSignal.any([o.signal, fence.signal]);
  let lost: string | undefined;
  const lose = (why: string) => {
    if (lost !== undefined) return;
    lost = why;
    o.log(`task ${id}: ${why}; stopping work on it`);
    fence.abort(new Error(why));
  };
  /** A write under the lease; LEASE_LOST fences the run. */
  const fenced = async <T>(write: () => Promise<T>): Promise<T | undefined> => {
    if (lost !== undefined) return undefined;
    try {
      return await write();
    } catch (err) {
      if (err instanceof LeaseLostError) {
        lose("the lease was lost (it expired or another worker took the task)");
        return undefined;
      }
      throw err;
    }
  };
  const update = (input: Parameters<OS1Client["tasks"]["update"]>[2]) =>
    fenced(() => o.client.tasks.update(o.officeId, id, { ...input, agent: o.agentName, leaseToken }));
  current.taskId = id;
  current.attempt = task.attempt;
  current.lose = lose;
  o.log(`task ${id} claimed (attempt ${task.attempt}): ${task.title}`);
  const renewing = renewLease(o, claimed, signal, lose);
  let outcome: RunOutcome;
  try {
    await update({ status: "running" });
    outcome = await o.engine.run({
      task,
      officeId: o.officeId,
      agentName: o.agentName,
      workspace: o.workspace,
      client: o.client,
      leaseToken,
      signal,
      progress: async (line) => void (await update({ progress: line })),
    });
  } catch (err) {
    outcome = { kind: "incomplete", reason: `the ${o.engine.name} engine stopped: ${toMitosisError(err).message}` };
  } finally {
    current.taskId = undefined;
    current.attempt = undefined;
    current.lose = undefined;
    fence.abort();
    await renewing;
  }
  if (lost !== undefined) return;
  if (o.signal.aborted) {
    // The worker is stopping (shutdown, restart, promote): the task goes back now, as an
    // interruption that costs it no attempt, instead of waiting out the lease.
    await update({ status: "queued", error: `agent ${o.agentName} stopped while working on it`, interrupted: true })
      .then(() => o.log(`task ${id} given back: this worker is stopping`))
      .catch((err) => o.log(`task ${id}: giving it back failed (${toMitosisError(err).message}); its lease will run out`));
    return;
  }
  try {
    await finish(o, id, outcome, update, fenced);
  } catch (err) {
    // The lease runs out and the queue retries the task: nothing is lost but time.
    o.log(`task ${id}: reporting its end failed (${toMitosisError(err).message})`);
  }
}

async function finish(
  o: TaskLoopOptions,
  id: number,
  outcome: RunOutcome,
  update: (input: Parameters<OS1Client["tasks"]["update"]>[2]) => Promise<unknown>,
  fenced: <T>(write: () => Promise<T>) => Promise<T | undefined>,
): Promise<void> {
  switch (outcome.kind) {
    case "done":
      for (const proof of outcome.artifacts) {
        const path = `/shared/files/${proof.drivePath}`;
        await fenced(() => o.client.tasks.addArtifact(o.officeId, id, { kind: "file", path, label: proof.label, agent: o.agentName }));
      }
      await update({ status: "done", result: outcome.result });
      o.log(`task ${id} done`);
      return;
    case "failed":
      await update({ status: "failed", error: outcome.error });
      o.log(`task ${id} failed: ${outcome.error}`);
      return;
    case "incomplete":
      // Back to the queue: this used one of the task's attempts (the server fails it after the last).
      await update({ status: "queued", error: outcome.reason });
      o.log(`task ${id} given back: ${outcome.reason}`);
  }
}

/** Renews the lease every third of its length until `signal` aborts; a cancelled task or a lost lease calls `lose`. */
async function renewLease(o: TaskLoopOptions, claimed: ClaimedTask, signal: AbortSignal, lose: (why: string) => void): Promise<void> {
  const leaseMs = (o.leaseSeconds ?? 60) * 1000;
  let expiresAt = Date.parse(claimed.leaseExpiresAt);
  while (!signal.aborted) {
    await sleep(leaseMs / 3, undefined, { signal }).catch(() => {});
    if (signal.aborted) return;
    try {
      const renewed = await o.client.tasks.renewLease(o.officeId, claimed.task.id, { leaseToken: claimed.leaseToken });
      expiresAt = Date.parse(renewed.leaseExpiresAt);
      if (renewed.status === "cancelled") lose("the task was cancelled");
    } catch (err) {
      if (err instanceof LeaseLostError) lose("the lease was lost (it expired or another worker took the task)");
      else if (Date.now() >= expiresAt) lose(`the lease ran out while renewing failed (${toMitosisError(err).message})`);
      // Otherwise the next renewal, a third of the lease later, tries again.
    }
  }
}

/** A doorbell: `wait` returns when rung (also when rung before it was called), after `ms`, or on abort. */
class Wakeup {
  private rung = false;
  private waiter: (() => void) | undefined;

  ring(): void {
    this.rung = true;
    this.waiter?.();
  }

  async wait(ms: number, signal: AbortSignal): Promise<void> {
    if (!this.rung) {
      const stop = new AbortController();
      const any = AbortSignal.any([signal, stop.signal]);
      await Promise.race([
        sleep(ms, undefined, { signal: any }).catch(() => {}),
        new Promise<void>((resolve) => {
          this.waiter = resolve;
        }),
      ]);
      stop.abort();
      this.waiter = undefined;
    }
    this.rung = false;
  }
}
