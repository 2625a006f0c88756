/**
 * What the worker hands an engine for one claimed task, and what the engine gives back. The
 * worker owns the lease: it renews it, aborts `signal` the moment the lease is lost or the task
 * is cancelled, and makes the final update (done with the result and artifacts, or released for
 * a retry) with the lease token, so every write an engine causes is fenced by it.
 */
import type { OS1Client } from "../client.js";
import type { Task } from "../task-types.js";

/** One claimed task, as an engine sees it. */
export interface TaskRun {
  task: Task;
  officeId: string;
  /** The agent's name (its id in the office). */
  agentName: string;
  /** The agent's workspace directory; commands run here. */
  workspace: string;
  /** The SDK, signed in as the agent. */
  client: OS1Client;
  /** The lease's fencing token; pass it on every write to this task. */
  leaseToken: string;
  /** Aborted when the lease is lost, the task is cancelled or the worker stops: stop at once. */
  signal: AbortSignal;
  /** Appends a line to the task's progress log. */
  progress(line: string): Promise<void>;
}

/** A file in the workspace or on the drive that proves the work; linked to the task as an artifact. */
export interface ProofFile {
  /** Path on the shared drive (relative to /shared/files/). */
  drivePath: string;
  label: string;
}

/** How a run ended. */
export type RunOutcome =
  /** The work is done: `result` says what was accomplished (proof of work). */
  | { kind: "done"; result: string; artifacts: ProofFile[] }
  /** The task itself failed for good (the model or command said it cannot be done). */
  | { kind: "failed"; error: string }
  /** The session ended without finishing: the task goes back to the queue, using one of its attempts. */
  | { kind: "incomplete"; reason: string };

/**
 * An engine executes one task at a time. It retries transient failures of what it calls (an
 * LLM's 5xx or timeout, a dropped connection) itself, with jittered backoff, while `signal` is
 * live: those cost the task no attempt. A run that throws counts as incomplete.
 */
export interface Engine {
  /** Short name for logs: `llm`, `command`. */
  readonly name: string;
  run(run: TaskRun): Promise<RunOutcome>;
  /** The agent's answer to its conversation with the office's operators, if the engine can talk. */
  reply?(run: ReplyRun): Promise<string>;
}

/** A conversation to answer: the agent's direct messages with the operators, oldest first. */
export interface ReplyRun {
  officeId: string;
  agentName: string;
  /** The agent's workspace directory; a command runs here. */
  workspace: string;
  history: { fromSelf: boolean; text: string }[];
  signal: AbortSignal;
}

/** Who a model call is paid for, and what for (the credit ledger's note). */
export interface CallPurpose {
  officeId: string;
  agentName: string;
  /** E.g. "task 4" or "a chat reply". */
  purpose: string;
}
