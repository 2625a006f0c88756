/**
 * The task queue's model, owned by the domain: the words, the records the store returns, the
 * changes the rules decide, and the ports the domain needs (its store, its event wake-ups).
 */

import type { ChatMessageRecord } from "../chat/model.js";
import type { OfficeScope } from "../domain/office-scope.js";

/**
 * The queue's words, as the docs spell them: the proto enums (TaskStatus, TaskKind,
 * ArtifactKind, TaskEventType) without their prefix. A unit test holds these lists to the
 * descriptors, so the proto stays the one source.
 */
export const TASK_STATUSES = ["queued", "claimed", "running", "blocked", "done", "failed", "cancelled"] as const;
export const TASK_KINDS = ["general", "code", "research", "browser", "review", "verify"] as const;
export const ARTIFACT_KINDS = ["file", "branch", "report"] as const;
export const TASK_EVENT_TYPES = [
  "created",
  "updated",
  "status_changed",
  "assigned",
  "claimed",
  "progress",
  "commented",
  "artifact_added",
  "verified",
  "retried",
  "lease_expired",
] as const;

/** Queue states. */
export type TaskStatusName = (typeof TASK_STATUSES)[number];
/** Statuses a task does not leave except by retry: it finished, one way or another. */
export const FINISHED_TASK_STATUSES: readonly TaskStatusName[] = ["done", "failed", "cancelled"];
/** Kinds of work. */
export type TaskKindName = (typeof TASK_KINDS)[number];
/** What an artifact points at. */
export type ArtifactKindName = (typeof ARTIFACT_KINDS)[number];
/** Entries of the audit trail and event feed. */
export type TaskEventName = (typeof TASK_EVENT_TYPES)[number];

/** A reviewer's verdict, kept on the task. */
export interface Verification {
  accepted: boolean;
  reviewer: string;
  comments: string;
  verifiedAt: string;
}

/** A task as stored, with its lease when one is held. */
export interface TaskRecord {
  id: string;
  officeId: string;
  number: number;
  parentNumber: number | null;
  title: string;
  description: string;
  status: TaskStatusName;
  kind: TaskKindName;
  priority: number;
  assignedAgent: string;
  createdBy: string;
  dependsOn: number[];
  pendingDeps: number;
  result: string;
  resultSummary: string;
  error: string;
  requiredTools: string[];
  subtaskCount: number;
  doneSubtaskCount: number;
  retryCount: number;
  attempt: number;
  /** Times a worker stopped while holding it (lease ran out, or interrupted); these use no attempt. */
  interruptions: number;
  verification: Verification | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  lease: { owner: string; claimedAt: Date; expiresAt: Date; token: string } | null;
}

/** One audit/event row. */
export interface TaskEventRecord {
  id: number;
  type: TaskEventName;
  actor: string;
  message: string;
  createdAt: Date;
  task: TaskRecord;
}

/** A new task, as the domain validated it. */
export interface NewTask {
  officeId: string;
  title: string;
  description: string;
  kind: TaskKindName;
  priority: number;
  assignedAgent: string;
  createdBy: string;
  parentNumber: number | null;
  dependsOn: number[];
  requiredTools: string[];
}

/** Filters of a task list. */
export interface TaskFilter {
  statuses?: TaskStatusName[];
  assignedAgent?: string;
  kind?: TaskKindName;
  parentNumber?: number;
  updatedSince?: Date;
}

/** What to change on a locked task; decided by the domain from the task's current state. */
export interface TaskChange {
  status?: TaskStatusName;
  result?: string;
  resultSummary?: string;
  error?: string;
  assignedAgent?: string;
  title?: string;
  description?: string;
  priority?: number;
  verification?: Verification | null;
  /** Retry: count it, reset attempts and make the task claimable at once. */
  retried?: boolean;
  /** The worker was interrupted: give the claim's attempt back and count an interruption instead. */
  interrupted?: boolean;
  /** Drop the worker's lease (the task left claimed/running). */
  releaseLease?: boolean;
  /** Not claimable again before this many milliseconds from now (a released task's backoff). */
  availableInMs?: number;
  /** Who makes the change, for the audit trail: an agent name, "operator:<id>" or "system:<part>". */
  actor: string;
  /** Audit entries to append, in order. */
  events: { type: TaskEventName; message: string }[];
}

/** A claimed task and the lease that fences its worker. */
export interface Claim {
  task: TaskRecord;
  token: string;
  expiresAt: Date;
}

/** Outcome of creating a task whose parent or dependencies might not exist. */
export type CreateOutcome = { task: TaskRecord } | { missingParent: number } | { missingDependencies: number[] };

/** A file, branch or report linked to a task. */
export interface ArtifactRecord {
  id: number;
  kind: ArtifactKindName;
  path: string;
  label: string;
  createdBy: string;
  createdAt: Date;
  /** The shared drive's file its path names, when there is one now (filled by the domain, not the store). */
  file?: DriveFile;
}

/** Where agents see the office's shared drive: artifact paths under it name drive files. */
export const SHARED_FILES_PREFIX = "/shared/files/";

/** A file of the shared drive, as an artifact shows it. */
export interface DriveFile {
  path: string;
  sizeBytes: number;
  contentType: string;
  sha256: string;
  createdAt: Date;
  modifiedAt: Date;
  modifiedBy: string;
}

/** Looks drive files up by path (the files feature answers): artifacts show what their paths name. */
/** The chat's port for the task detail: the messages that name a task and the caller may read, oldest first. */
export interface TaskMessages {
  linked(scope: OfficeScope, taskNumber: number, limit: number): Promise<ChatMessageRecord[]>;
}

export interface ArtifactFiles {
  describe(officeId: string, drivePaths: string[]): Promise<Map<string, DriveFile>>;
}

/** A reviewer-free decision about one task whose lease ran out (see planExpiry). */
export interface ExpiredLease {
  taskId: string;
  officeId: string;
  attempt: number;
  interruptions: number;
  owner: string;
}

/** What happens to a task whose lease ran out: failed for good, or queued again after a delay. */
export type ExpiryOutcome = { fail: true; error: string; message: string } | { fail: false; delayMs: number; message: string };

/** A comment on a task. */
export interface TaskComment {
  id: number;
  author: string;
  message: string;
  createdAt: Date;
}

/** What the domain needs from storage: the queue's SQL, behind one port. */
export interface TaskStore {
  create(input: NewTask): Promise<CreateOutcome>;
  get(officeId: string, number: number): Promise<TaskRecord | undefined>;
  list(officeId: string, filter: TaskFilter, limit: number, before?: number): Promise<TaskRecord[]>;
  subtasks(officeId: string, parentNumber: number, limit: number, after?: number): Promise<TaskRecord[]>;
  logs(taskId: string, limit?: number): Promise<TaskEventRecord[]>;
  stats(officeId: string): Promise<Record<TaskStatusName, number>>;
  claim(
    officeId: string,
    agent: string,
    kind: TaskKindName | undefined,
    leaseMs: number,
    token: string,
    now: Date,
    /** Only tasks whose required tools are all among these; undefined: any. */
    tools?: string[],
  ): Promise<Claim | undefined>;
  /** When the earliest queued task `agent` could claim (same filters as claim) becomes claimable, if later than `now`. */
  nextClaimableAt(officeId: string, agent: string, kind: TaskKindName | undefined, now: Date, tools?: string[]): Promise<Date | undefined>;
  renew(
    officeId: string,
    number: number,
    token: string,
    leaseMs: number | undefined,
    now: Date,
  ): Promise<{ expiresAt: Date; status: TaskStatusName } | undefined>;
  /** Locks the task, lets `decide` choose the change, applies it with its events; undefined when missing. */
  mutate(officeId: string, number: number, decide: (task: TaskRecord) => TaskChange): Promise<TaskRecord | undefined>;
  /** Locks up to `batch` expired leases (skipping locked ones) and applies `decide` to each; returns how many. */
  reapExpiredLeases(batch: number, now: Date, decide: (lease: ExpiredLease) => ExpiryOutcome): Promise<number>;
  addComment(officeId: string, taskId: string, author: string, message: string): Promise<{ id: number; createdAt: Date }>;
  comments(taskId: string, limit: number, after?: number): Promise<TaskComment[]>;
  addArtifact(
    officeId: string,
    taskId: string,
    kind: ArtifactKindName,
    path: string,
    label: string,
    createdBy: string,
  ): Promise<ArtifactRecord>;
  artifacts(taskId: string, limit: number, after?: number): Promise<ArtifactRecord[]>;
  events(
    officeId: string,
    sinceId: number,
    limit: number,
    filter?: { statuses?: TaskStatusName[]; assignedAgent?: string },
  ): Promise<TaskEventRecord[]>;
  lastEventId(officeId: string): Promise<number>;
}
