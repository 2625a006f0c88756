/**
 * Translation between the task queue's protobuf messages and the docs' plain objects, both
 * ways: responses become {@link Task} and friends; the docs' inputs (`dependsOn: '1,2'`,
 * `status: 'queued,running'`, `kind: 'review'`) become request fields, or fail with an
 * InvalidArgumentError before anything is sent.
 */
import { toFileInfo } from "./file-mapping.js";
import { ChatChannelSchema, type ChatMessage as ChatMessageProto } from "../../gen/ts/mitosis/v1/chat_pb.js";
import {
  ArtifactKindSchema,
  TaskEventTypeSchema,
  TaskKindSchema,
  TaskStatusSchema,
  type Task as TaskMessage,
  type ClaimTaskResponse,
  type RenewTaskLeaseResponse,
  type TaskArtifact as TaskArtifactMessage,
  type TaskComment as TaskCommentMessage,
  type TaskEvent as TaskEventMessage,
  type TaskLogEntry as TaskLogEntryMessage,
  type TaskStats as TaskStatsMessage,
  type TaskKind as TaskKindNumber,
  type TaskStatus as TaskStatusNumber,
  type ArtifactKind as ArtifactKindNumber,
} from "../../gen/ts/mitosis/v1/task_pb.js";
import { enumFromWord, enumWords, invalidArgument, listOf, wholeNumber } from "./input.js";
import { enumToString, required, timestampToIso } from "./mapping.js";
import type {
  ArtifactKind,
  ClaimedTask,
  ChatMessage,
  RenewedLease,
  Task,
  TaskArtifact,
  TaskComment,
  TaskEvent,
  TaskEventType,
  TaskKind,
  TaskLogEntry,
  TaskStats,
  TaskStatus,
} from "./task-types.js";

/** Every task status, in queue order. */
export const TASK_STATUSES: readonly TaskStatus[] = enumWords<TaskStatus>(TaskStatusSchema);
/** Every task kind. */
export const TASK_KINDS: readonly TaskKind[] = enumWords<TaskKind>(TaskKindSchema);
/** Every artifact kind. */
export const ARTIFACT_KINDS: readonly ArtifactKind[] = enumWords<ArtifactKind>(ArtifactKindSchema);

/** Task numbers as the docs write them: `'2'`, `'1,2,3'`, `2` or `[1, 2, 3]`. */
export type TaskIdList = string | number | readonly number[];

/** Task statuses as the docs write them: `'running'`, `'queued,running'` or an array. */
export type TaskStatusList = TaskStatus | string | readonly TaskStatus[];

/**
 * Parses the docs' dependency list into task numbers, in order and without repeats.
 * `'1, 2'` -> `[1, 2]`; `''` -> `[]`; `'x'` or `'0'` throws an InvalidArgumentError.
 */
export function parseTaskIds(value: TaskIdList | undefined, field = "dependsOn"): number[] {
  if (value === undefined) return [];
  const items: (string | number)[] = typeof value === "string" ? listOf(value) : typeof value === "number" ? [value] : [...value];
  const ids = items.map((item) => {
    try {
      return wholeNumber(item, field, { min: 1 });
    } catch {
      throw invalidArgument(field, `must be task ids separated by commas, e.g. '2' or '1,2,3'; got ${JSON.stringify(value)}`);
    }
  });
  return [...new Set(ids)];
}

/** Parses the docs' status filter into enum numbers, without repeats; unknown words throw. */
export function parseTaskStatuses(value: TaskStatusList | undefined, field = "status"): TaskStatusNumber[] {
  const words = listOf(value as string | readonly string[] | undefined);
  return [...new Set(words.map((word) => enumFromWord(TaskStatusSchema, word, field) as TaskStatusNumber))];
}

/** The enum number of a task status word; unknown words throw. */
export function taskStatusNumber(word: TaskStatus, field = "status"): TaskStatusNumber {
  return enumFromWord(TaskStatusSchema, word, field) as TaskStatusNumber;
}

/** The enum number of a task kind word, or unspecified (0) when absent; unknown words throw. */
export function taskKindNumber(word: TaskKind | undefined, field = "kind"): TaskKindNumber {
  return (word === undefined ? 0 : enumFromWord(TaskKindSchema, word, field)) as TaskKindNumber;
}

/** The enum number of an artifact kind word; unknown words throw. */
export function artifactKindNumber(word: ArtifactKind, field = "kind"): ArtifactKindNumber {
  return enumFromWord(ArtifactKindSchema, word, field) as ArtifactKindNumber;
}

/** A per-office task number for a request (the docs show them as plain numbers). */
export function taskNumber(value: number, field = "taskId"): bigint {
  return BigInt(wholeNumber(value, field, { min: 1 }));
}

/** A task message as the docs' object; unset optional fields are left out. */
export function toTask(t: TaskMessage): Task {
  const task: Task = {
    id: Number(t.id),
    title: t.title,
    description: t.description,
    status: enumToString<TaskStatus>(TaskStatusSchema, t.status),
    kind: enumToString<TaskKind>(TaskKindSchema, t.kind),
    priority: t.priority,
    assignedAgent: t.assignedAgent,
    createdBy: t.createdBy,
    dependsOn: t.dependsOn.map(Number),
    pendingDependencyCount: t.pendingDependencyCount,
    resultSummary: t.resultSummary,
    result: t.result,
    error: t.error,
    requiredTools: [...t.requiredTools],
    subtaskCount: t.subtaskCount,
    doneSubtaskCount: t.doneSubtaskCount,
    retryCount: t.retryCount,
    attempt: t.attempt,
    interruptions: t.interruptions,
    createdAt: iso(t.createdAt, "task.created_at"),
    updatedAt: iso(t.updatedAt, "task.updated_at"),
  };
  if (t.parentId !== undefined) task.parentId = Number(t.parentId);
  if (t.lease) {
    task.lease = {
      owner: t.lease.owner,
      claimedAt: iso(t.lease.claimedAt, "task.lease.claimed_at"),
      expiresAt: iso(t.lease.expiresAt, "task.lease.expires_at"),
    };
  }
  if (t.verification) {
    const v = t.verification;
    task.verification = {
      accepted: v.accepted,
      reviewer: v.reviewer,
      comments: v.comments,
      verifiedAt: iso(v.verifiedAt, "task.verification.verified_at"),
    };
  }
  const startedAt = timestampToIso(t.startedAt);
  if (startedAt !== null) task.startedAt = startedAt;
  const completedAt = timestampToIso(t.completedAt);
  if (completedAt !== null) task.completedAt = completedAt;
  return task;
}

/** A claim response that won a task, as the task with its lease. */
export function toClaimedTask(task: TaskMessage, res: ClaimTaskResponse): ClaimedTask {
  return { task: toTask(task), leaseToken: res.leaseToken, leaseExpiresAt: iso(res.leaseExpiresAt, "lease_expires_at") };
}

/** A renewal response as the docs' object. */
export function toRenewedLease(res: RenewTaskLeaseResponse): RenewedLease {
  return { leaseExpiresAt: iso(res.leaseExpiresAt, "lease_expires_at"), status: enumToString<TaskStatus>(TaskStatusSchema, res.status) };
}

/** A log entry message as the docs' object. */
export function toLogEntry(l: TaskLogEntryMessage): TaskLogEntry {
  return {
    id: Number(l.id),
    type: enumToString<TaskEventType>(TaskEventTypeSchema, l.type),
    actor: l.actor,
    message: l.message,
    createdAt: iso(l.createdAt, "log.created_at"),
  };
}

/** A comment message as the docs' object. */
export function toComment(c: TaskCommentMessage): TaskComment {
  return { id: Number(c.id), author: c.author, message: c.message, createdAt: iso(c.createdAt, "comment.created_at") };
}

/** An artifact message as the docs' object. */
export function toArtifact(a: TaskArtifactMessage): TaskArtifact {
  return {
    id: Number(a.id),
    kind: enumToString<ArtifactKind>(ArtifactKindSchema, a.kind),
    path: a.path,
    label: a.label,
    createdBy: a.createdBy,
    createdAt: iso(a.createdAt, "artifact.created_at"),
    ...(a.file ? { file: toFileInfo(a.file) } : {}),
  };
}

/** A chat message linked to a task, as the docs' object. */
export function toChatMessage(m: ChatMessageProto): ChatMessage {
  const message: ChatMessage = {
    id: Number(m.id),
    channel: enumToString<ChatMessage["channel"]>(ChatChannelSchema, m.channel),
    agentName: m.agentName,
    peerAgent: m.peerAgent,
    sender: m.sender,
    text: m.text,
    createdAt: iso(m.createdAt, "message.created_at"),
  };
  if (m.taskId !== undefined) message.taskId = Number(m.taskId);
  return message;
}

/** The stats message as the docs' counts. */
export function toStats(s: TaskStatsMessage): TaskStats {
  return {
    queued: s.queued,
    claimed: s.claimed,
    running: s.running,
    blocked: s.blocked,
    done: s.done,
    failed: s.failed,
    cancelled: s.cancelled,
    total: s.total,
  };
}

/** A task event message as the docs' object. */
export function toEvent(e: TaskEventMessage): TaskEvent {
  const event: TaskEvent = {
    id: Number(e.id),
    type: enumToString<TaskEventType>(TaskEventTypeSchema, e.type),
    taskId: Number(e.taskId),
    actor: e.actor,
    message: e.message,
    createdAt: iso(e.createdAt, "event.created_at"),
  };
  if (e.task) event.task = toTask(e.task);
  return event;
}

function iso(ts: Parameters<typeof timestampToIso>[0], field: string): string {
  return required(timestampToIso(ts), field);
}
