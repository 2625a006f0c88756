/**
 * The task queue's objects in the docs' vocabulary (docs: "Tasks"): plain objects with
 * lowercase words for enums, numbers for ids and ISO 8601 strings for times. Fields the
 * server leaves unset (a top-level task's parentId, a queued task's lease) are absent.
 */
import type { FileInfo } from "./file-types.js";

/** Where a task is in the queue: queued -> claimed -> running -> done | failed | cancelled; blocked waits on dependencies. */
export type TaskStatus = "queued" | "claimed" | "running" | "blocked" | "done" | "failed" | "cancelled";

/** The kind of work a task asks for; claimers may filter by it. */
export type TaskKind = "general" | "code" | "research" | "browser" | "review" | "verify";

/** What an artifact points at. */
export type ArtifactKind = "file" | "branch" | "report";

/** What happened to a task, in its logs and in the office's event stream. */
export type TaskEventType =
  | "created"
  | "updated"
  | "status_changed"
  | "assigned"
  | "claimed"
  | "progress"
  | "commented"
  | "artifact_added"
  | "verified"
  | "retried"
  | "lease_expired";

/** Who holds a claimed task and until when (the token itself is only given to the claimer). */
export interface TaskLease {
  /** Agent holding the lease. */
  owner: string;
  /** When the lease was taken. */
  claimedAt: string;
  /** When the lease runs out unless renewed; then the task is requeued. */
  expiresAt: string;
}

/** A reviewer's latest verdict on a completed task. */
export interface TaskVerification {
  /** Whether the reviewer accepted the result. */
  accepted: boolean;
  /** Who reviewed: an agent name or `operator:<account id>`. */
  reviewer: string;
  /** What is good or what needs to change. */
  comments: string;
  /** When the verdict was given. */
  verifiedAt: string;
}

/** A unit of work in an office's queue. */
export interface Task {
  /** Per-office task number, starting at 1. */
  id: number;
  /** Parent task number; absent for top-level tasks. */
  parentId?: number;
  /** Short title. */
  title: string;
  /** Detailed description. */
  description: string;
  /** Queue status. */
  status: TaskStatus;
  /** Kind of work. */
  kind: TaskKind;
  /** 0 = critical, 50 = normal, 100 = low; lower is claimed first. */
  priority: number;
  /** Agent the task is assigned to; empty when any agent may claim it. */
  assignedAgent: string;
  /** Who created it: an agent name or `operator:<account id>`. */
  createdBy: string;
  /** Task numbers that must be done before this one can be claimed. */
  dependsOn: number[];
  /** How many of dependsOn are not done yet; the task is blocked while above 0. */
  pendingDependencyCount: number;
  /** Short form of the result, for lists. */
  resultSummary: string;
  /** What was accomplished (the proof of work); set when done. */
  result: string;
  /** Why the task failed; set when failed. */
  error: string;
  /** Integrations the agent needs, e.g. `['github', 'chromium']`. */
  requiredTools: string[];
  /** Number of child tasks. */
  subtaskCount: number;
  /** How many of the child tasks are done: with subtaskCount, a parent's progress. */
  doneSubtaskCount: number;
  /** How often the task was retried. */
  retryCount: number;
  /** Claims since creation or the last retry that ended without finishing, or are under way; the third one's end fails the task. */
  attempt: number;
  /** Times a worker stopped while holding it (lost lease, interrupted worker): these use no attempt; after 5 the task fails. */
  interruptions: number;
  /** Current lease; present only while claimed or running. */
  lease?: TaskLease;
  /** Latest verification verdict; absent if never verified. */
  verification?: TaskVerification;
  /** When the task was created. */
  createdAt: string;
  /** When the task last changed. */
  updatedAt: string;
  /** When work first started. */
  startedAt?: string;
  /** When the task reached done, failed or cancelled. */
  completedAt?: string;
}

/** One line of a task's logs: a progress line or an audit event. */
export interface TaskLogEntry {
  /** Entry id, increasing over time. */
  id: number;
  /** What happened; `progress` for progress lines. */
  type: TaskEventType;
  /** Who did it: an agent name, `operator:<account id>` or `system:<component>`. */
  actor: string;
  /** The progress line, or a description of the event. */
  message: string;
  /** When it happened. */
  createdAt: string;
}

/** One message of a task's discussion. */
export interface TaskComment {
  /** Comment id, increasing over time. */
  id: number;
  /** Who wrote it: an agent name or `operator:<account id>`. */
  author: string;
  /** The comment. */
  message: string;
  /** When it was written. */
  createdAt: string;
}

/** A file, branch or report linked to a task as proof of work. */
export interface TaskArtifact {
  /** Artifact id, increasing over time. */
  id: number;
  /** What the artifact is. */
  kind: ArtifactKind;
  /** A file path such as `/shared/files/report.md`, a branch name or a URL. */
  path: string;
  /** Description for people. */
  label: string;
  /** Who linked it. */
  createdBy: string;
  /** When it was linked. */
  createdAt: string;
  /** The shared drive's file when `path` is under `/shared/files/` and that file exists now. */
  file?: FileInfo;
}

/** A message of the office chat (`client.chat`; also a task detail's `linkedMessages`). */
export interface ChatMessage {
  /** Message id, increasing in sending order within the office. */
  id: number;
  /** `direct` (one agent's conversation) or `group` (the office group chat). */
  channel: "direct" | "group";
  /** For direct messages: the agent whose conversation it is. */
  agentName: string;
  /** For agent-to-agent direct messages: the other agent. */
  peerAgent: string;
  /** Who sent it: an agent name, `operator:<account id>` or `system:<component>`. */
  sender: string;
  /** Message text. */
  text: string;
  /** The task it is about. */
  taskId?: number;
  /** When the server accepted it. */
  createdAt: string;
}

/** Everything about one task: `client.tasks.get`. */
export interface TaskDetail {
  /** The task. */
  task: Task;
  /** Progress lines and audit events, oldest first (the latest 500). */
  logs: TaskLogEntry[];
  /** Discussion, oldest first. */
  comments: TaskComment[];
  /** Child tasks, in creation order. */
  subtasks: Task[];
  /** Linked artifacts, oldest first. */
  artifacts: TaskArtifact[];
  /** Chat messages that name the task, oldest first. */
  linkedMessages: ChatMessage[];
}

/** A task won by `client.tasks.claim`, with the lease to work under. */
export interface ClaimedTask {
  /** The task, now claimed by the agent. */
  task: Task;
  /** Secret fencing token: pass it on every update and renewLease for this task. */
  leaseToken: string;
  /** When the lease runs out unless renewed. */
  leaseExpiresAt: string;
}

/** A renewed lease: `client.tasks.renewLease`. */
export interface RenewedLease {
  /** When the renewed lease runs out. */
  leaseExpiresAt: string;
  /** The task's status; a worker seeing `cancelled` should stop. */
  status: TaskStatus;
}

/** Task counts by status: `client.tasks.stats`. */
export interface TaskStats {
  /** Waiting to be claimed. */
  queued: number;
  /** Claimed, not yet running. */
  claimed: number;
  /** In progress. */
  running: number;
  /** Waiting on dependencies. */
  blocked: number;
  /** Completed. */
  done: number;
  /** Failed. */
  failed: number;
  /** Cancelled. */
  cancelled: number;
  /** All tasks. */
  total: number;
}

/** One change to a task, from the office-wide event log. */
export interface TaskEvent {
  /** Event id, increasing within the office: the cursor for `sinceId`. */
  id: number;
  /** What happened. */
  type: TaskEventType;
  /** Per-office number of the task. */
  taskId: number;
  /** The task as it was right after the event. */
  task?: Task;
  /** Who caused it. */
  actor: string;
  /** Details: the progress line, comment or reason. */
  message: string;
  /** When it happened. */
  createdAt: string;
}

/** A batch of events from `client.tasks.events` and the cursor to poll from next. */
export interface TaskEventPage {
  /** Events, oldest first. */
  events: TaskEvent[];
  /** Pass as `sinceId` on the next call. */
  nextSinceId: number;
  /** True when more events are ready now (the batch was full). */
  hasMore: boolean;
}
