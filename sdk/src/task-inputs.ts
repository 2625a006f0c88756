/**
 * What the `client.tasks` calls take, named and shaped as in the docs ("Tasks").
 */
import type { ReconnectInfo } from "./task-watch.js";
import type { TaskIdList, TaskStatusList } from "./task-mapping.js";
import type { ArtifactKind, TaskKind, TaskStatus } from "./task-types.js";

/** A new task: `client.tasks.create`. */
export interface CreateTaskInput {
  /** Task title (required). */
  title: string;
  /** Detailed description. */
  description?: string;
  /** general | code | research | browser | review | verify (default general). */
  kind?: TaskKind;
  /** 0 = critical, 50 = normal (default), 100 = low. */
  priority?: number;
  /** Agent to assign to; only it may claim the task. */
  assignedAgent?: string;
  /** Parent task number: makes this a subtask. */
  parentId?: number;
  /** Tasks that must be done first: `'2'`, `'1,2,3'` or `[1, 2, 3]`. */
  dependsOn?: TaskIdList;
  /** Integrations the agent needs: `['github', 'chromium']` or `'github,chromium'`. */
  requiredTools?: string | readonly string[];
}

/** Filters of `client.tasks.list` and `iterate`. */
export interface ListTasksOptions {
  /** Only these statuses: `'running'`, `'queued,running'` or an array. */
  status?: TaskStatusList;
  /** At most this many tasks (newest first); all when absent. */
  limit?: number;
  /** Only tasks assigned to this agent. */
  assignedAgent?: string;
  /** Only tasks of this kind. */
  kind?: TaskKind;
  /** Only subtasks of this task. */
  parentId?: number;
}

/** Options of `client.tasks.iterate`: the list filters plus the page size. */
export interface IterateTasksOptions extends ListTasksOptions {
  /** Tasks fetched per request, 1 to 1000 (server default 100). */
  pageSize?: number;
}

/** Changes for `client.tasks.update`; absent fields keep their value. */
export interface UpdateTaskInput {
  /** New status; `done` requires `result` (proof of work). */
  status?: TaskStatus;
  /** What was accomplished. */
  result?: string;
  /** Short form of the result for lists; derived from result when absent. */
  resultSummary?: string;
  /** Why the task failed. */
  error?: string;
  /** A progress line to append to the task's logs. */
  progress?: string;
  /** Agent making the update, when acting for an agent. */
  agent?: string;
  /** Reassign to this agent; `''` unassigns. */
  assignedAgent?: string;
  /** Lease token from claim, required when the worker holding the lease updates. */
  leaseToken?: string;
  /** New title. */
  title?: string;
  /** New description. */
  description?: string;
  /** New priority, 0 (critical) to 100 (low). */
  priority?: number;
  /**
   * With `status: 'queued'`: the worker was interrupted (stopped, restarted) rather than unable
   * to finish, so the task goes back without using an attempt.
   */
  interrupted?: boolean;
}

/** Who claims, and what: `client.tasks.claim`. */
export interface ClaimTaskInput {
  /** Agent claiming; gets tasks assigned to it first, then unassigned ones. */
  agent: string;
  /** Only claim tasks of this kind. */
  kind?: TaskKind;
  /** Lease length in seconds, 10 to 3600 (default 300). */
  leaseSeconds?: number;
  /**
   * Only claim a task whose requiredTools are all among these (the claimer's enabled
   * integrations, e.g. `['github']`; `[]` takes only tasks that need none). Absent: any task.
   */
  tools?: string[];
}

/** `client.tasks.renewLease`. */
export interface RenewLeaseInput {
  /** Lease token from claim. */
  leaseToken: string;
  /** New lease length from now, 10 to 3600 seconds (default: the length given at claim). */
  leaseSeconds?: number;
}

/** `client.tasks.addArtifact`. */
export interface AddArtifactInput {
  /** file | branch | report. */
  kind: ArtifactKind;
  /** A file path such as `/shared/files/report.md`, a branch name or a URL. */
  path: string;
  /** Description for people, e.g. "Code analysis report". */
  label?: string;
  /** Agent linking it, when acting for an agent. */
  agent?: string;
}

/** `client.tasks.comment`. */
export interface CommentInput {
  /** Agent commenting, when acting for an agent. */
  agent?: string;
  /** The comment. */
  message: string;
}

/** `client.tasks.verify`. */
export interface VerifyInput {
  /** true accepts the result, false rejects it (then comments are required). */
  accepted: boolean;
  /** Reviewing agent, e.g. `os1-sol`. */
  reviewer?: string;
  /** What is good or what needs to change. */
  comments?: string;
}

/** `client.tasks.retry`. */
export interface RetryInput {
  /** Why, for the audit trail. */
  reason?: string;
  /** Replaces the description, e.g. with adjusted instructions. */
  updatedDescription?: string;
  /** Reassign to this agent; `''` unassigns. */
  assignedAgent?: string;
}

/** `client.tasks.events`: a batch of the office's task events after a cursor. */
export interface TaskEventsOptions {
  /** Only events after this id (the last one you saw); 0 or absent: from the oldest kept. */
  sinceId?: number;
  /** Only events of tasks now in these statuses. */
  status?: TaskStatusList;
  /** Only events of tasks assigned to this agent. */
  assignedAgent?: string;
  /** At most this many events, 1 to 1000 (default 100). */
  limit?: number;
}

/** `client.tasks.watch`: follow the office's task events live. */
export interface WatchTasksOptions {
  /** Only events of tasks now in these statuses. */
  status?: TaskStatusList;
  /** Only events of tasks assigned to this agent. */
  assignedAgent?: string;
  /** Start with the stored events after this id; absent: only new events. */
  sinceId?: number;
  /** Stops the watch; the iteration then ends without an error. */
  signal?: AbortSignal;
  /** Called when the stream dropped, before it is reopened. */
  onReconnect?: (info: ReconnectInfo) => void;
  /** Called once the server confirmed the watch (and on each reconnect): later events are not missed. */
  onOpen?: () => void;
}
