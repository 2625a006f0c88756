import { create } from "@bufbuild/protobuf";
import { timestampDate, type Duration } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import { messageToProto } from "../chat/handlers.js";
import { scopeOf, timestampOrUnset } from "../rpc/context.js";
import {
  type ArtifactKind,
  ArtifactKindSchema,
  TaskArtifactSchema,
  TaskCommentSchema,
  TaskEventSchema,
  type TaskEventType,
  TaskEventTypeSchema,
  type TaskKind,
  TaskKindSchema,
  TaskLogEntrySchema,
  TaskSchema,
  type TaskService,
  type TaskStatus,
  TaskStatusSchema,
} from "../../gen/ts/mitosis/v1/task_pb.js";
import type { Tasks } from "./tasks.js";
import type {
  ArtifactKindName,
  ArtifactRecord,
  TaskComment,
  TaskEventName,
  TaskEventRecord,
  TaskKindName,
  TaskRecord,
  TaskStatusName,
} from "./model.js";
import { enumWords } from "../enum-words.js";

// The domain's words for the proto enums, read from the descriptors.
const statuses = enumWords<TaskStatus, TaskStatusName>(TaskStatusSchema);
const kinds = enumWords<TaskKind, TaskKindName>(TaskKindSchema);
const artifactKinds = enumWords<ArtifactKind, ArtifactKindName>(ArtifactKindSchema);
const eventTypes = enumWords<TaskEventType, TaskEventName>(TaskEventTypeSchema);

/** The proto form of a task (the lease token is never part of it). */
export function taskToProto(t: TaskRecord) {
  return create(TaskSchema, {
    id: BigInt(t.number),
    parentId: t.parentNumber === null ? undefined : BigInt(t.parentNumber),
    title: t.title,
    description: t.description,
    status: statuses.value(t.status),
    kind: kinds.value(t.kind),
    priority: t.priority,
    assignedAgent: t.assignedAgent,
    createdBy: t.createdBy,
    dependsOn: t.dependsOn.map(BigInt),
    pendingDependencyCount: t.pendingDeps,
    resultSummary: t.resultSummary,
    result: t.result,
    error: t.error,
    requiredTools: t.requiredTools,
    subtaskCount: t.subtaskCount,
    doneSubtaskCount: t.doneSubtaskCount,
    retryCount: t.retryCount,
    attempt: t.attempt,
    interruptions: t.interruptions,
    lease: t.lease
      ? { owner: t.lease.owner, claimedAt: timestampOrUnset(t.lease.claimedAt), expiresAt: timestampOrUnset(t.lease.expiresAt) }
      : undefined,
    verification: t.verification ? { ...t.verification, verifiedAt: timestampOrUnset(new Date(t.verification.verifiedAt)) } : undefined,
    createdAt: timestampOrUnset(t.createdAt),
    updatedAt: timestampOrUnset(t.updatedAt),
    startedAt: timestampOrUnset(t.startedAt),
    completedAt: timestampOrUnset(t.completedAt),
  });
}

function eventToProto(e: TaskEventRecord) {
  return create(TaskEventSchema, {
    id: BigInt(e.id),
    type: eventTypes.value(e.type),
    taskId: BigInt(e.task.number),
    task: taskToProto(e.task),
    actor: e.actor,
    message: e.message,
    createdAt: timestampOrUnset(e.createdAt),
  });
}

function logToProto(e: TaskEventRecord) {
  return create(TaskLogEntrySchema, {
    id: BigInt(e.id),
    type: eventTypes.value(e.type),
    actor: e.actor,
    message: e.message,
    createdAt: timestampOrUnset(e.createdAt),
  });
}

function artifactToProto({ file, ...a }: ArtifactRecord) {
  return create(TaskArtifactSchema, {
    ...a,
    id: BigInt(a.id),
    kind: artifactKinds.value(a.kind),
    createdAt: timestampOrUnset(a.createdAt),
    file: file && {
      ...file,
      sizeBytes: BigInt(file.sizeBytes),
      createdAt: timestampOrUnset(file.createdAt),
      modifiedAt: timestampOrUnset(file.modifiedAt),
    },
  });
}

function commentToProto(c: TaskComment) {
  return create(TaskCommentSchema, { ...c, id: BigInt(c.id), createdAt: timestampOrUnset(c.createdAt) });
}

const ms = (d: Duration | undefined) => (d ? Number(d.seconds) * 1000 + Math.floor(d.nanos / 1e6) : undefined);
const statusNames = (list: TaskStatus[]) => list.map((s) => statuses.word(s)!);

/** Connect handlers of mitosis.v1.TaskService. */
export function taskHandlers(tasks: Tasks, draining: AbortSignal): ServiceImpl<typeof TaskService> {
  return {
    async createTask(req, ctx) {
      const task = await tasks.create(scopeOf(ctx), {
        title: req.title,
        description: req.description,
        kind: kinds.word(req.kind),
        priority: req.priority,
        assignedAgent: req.assignedAgent,
        parentId: req.parentId === undefined ? undefined : Number(req.parentId),
        dependsOn: req.dependsOn.map(Number),
        requiredTools: req.requiredTools,
      });
      return { task: taskToProto(task) };
    },
    async listTasks(req, ctx) {
      const page = await tasks.list(
        scopeOf(ctx),
        {
          statuses: statusNames(req.statuses),
          assignedAgent: req.assignedAgent || undefined,
          kind: kinds.word(req.kind),
          parentNumber: req.parentId === undefined ? undefined : Number(req.parentId),
          updatedSince: req.updatedSince ? timestampDate(req.updatedSince) : undefined,
        },
        req,
      );
      return { tasks: page.items.map(taskToProto), nextPageToken: page.next };
    },
    async getTask(req, ctx) {
      const d = await tasks.detail(scopeOf(ctx), Number(req.taskId));
      return {
        task: taskToProto(d.task),
        logs: d.logs.map(logToProto),
        comments: d.comments.map(commentToProto),
        subtasks: d.subtasks.map(taskToProto),
        artifacts: d.artifacts.map(artifactToProto),
        linkedMessages: d.linkedMessages.map(messageToProto),
      };
    },
    async updateTask(req, ctx) {
      const task = await tasks.update(scopeOf(ctx), Number(req.taskId), {
        status: req.status === undefined ? undefined : statuses.word(req.status),
        result: req.result,
        resultSummary: req.resultSummary,
        error: req.error,
        progress: req.progress,
        agent: req.agent || undefined,
        assignedAgent: req.assignedAgent,
        leaseToken: req.leaseToken || undefined,
        title: req.title,
        description: req.description,
        priority: req.priority,
        interrupted: req.interrupted,
      });
      return { task: taskToProto(task) };
    },
    async claimTask(req, ctx) {
      const claim = await tasks.claim(scopeOf(ctx), req.agent, kinds.word(req.kind), ms(req.leaseDuration), req.tools?.names);
      if (!claim) {
        const next = await tasks.nextClaimableAt(scopeOf(ctx), req.agent, kinds.word(req.kind), req.tools?.names);
        return { nextAvailableAt: timestampOrUnset(next) };
      }
      return { task: taskToProto(claim.task), leaseToken: claim.token, leaseExpiresAt: timestampOrUnset(claim.expiresAt) };
    },
    async renewTaskLease(req, ctx) {
      const lease = await tasks.renewLease(scopeOf(ctx), Number(req.taskId), req.leaseToken, ms(req.leaseDuration));
      return { leaseExpiresAt: timestampOrUnset(lease.expiresAt), status: statuses.value(lease.status) };
    },
    async listSubtasks(req, ctx) {
      const page = await tasks.subtasks(scopeOf(ctx), Number(req.taskId), req);
      return { subtasks: page.items.map(taskToProto), nextPageToken: page.next };
    },
    async addTaskArtifact(req, ctx) {
      const artifact = await tasks.addArtifact(scopeOf(ctx), Number(req.taskId), {
        kind: artifactKinds.word(req.kind)!,
        path: req.path,
        label: req.label,
        agent: req.agent,
      });
      return { artifact: artifactToProto(artifact) };
    },
    async listTaskArtifacts(req, ctx) {
      const page = await tasks.artifacts(scopeOf(ctx), Number(req.taskId), req);
      return { artifacts: page.items.map(artifactToProto), nextPageToken: page.next };
    },
    async addTaskComment(req, ctx) {
      return { comment: commentToProto(await tasks.comment(scopeOf(ctx), Number(req.taskId), req.agent, req.message)) };
    },
    async listTaskComments(req, ctx) {
      const page = await tasks.comments(scopeOf(ctx), Number(req.taskId), req);
      return { comments: page.items.map(commentToProto), nextPageToken: page.next };
    },
    async verifyTask(req, ctx) {
      const task = await tasks.verify(scopeOf(ctx), Number(req.taskId), {
        accepted: req.accepted,
        reviewer: req.reviewer,
        comments: req.comments,
      });
      return { task: taskToProto(task) };
    },
    async retryTask(req, ctx) {
      const task = await tasks.retry(scopeOf(ctx), Number(req.taskId), {
        reason: req.reason,
        updatedDescription: req.updatedDescription,
        assignedAgent: req.assignedAgent,
      });
      return { task: taskToProto(task) };
    },
    async getTaskStats(_req, ctx) {
      const s = await tasks.stats(scopeOf(ctx));
      const total = Object.values(s).reduce((a, b) => a + b, 0);
      return { stats: { ...s, total } };
    },
    async listTaskEvents(req, ctx) {
      const filter = { statuses: statusNames(req.statuses), assignedAgent: req.assignedAgent || undefined };
      const page = await tasks.events(scopeOf(ctx), Number(req.sinceId), req.pageSize, filter);
      return { events: page.events.map(eventToProto), nextSinceId: BigInt(page.nextSinceId), hasMore: page.more };
    },
    async *watchTasks(req, ctx) {
      // Ends when the client leaves or the server shuts down (the stream then closes cleanly).
      const signal = AbortSignal.any([ctx.signal, draining]);
      const filter = { statuses: statusNames(req.statuses), assignedAgent: req.assignedAgent || undefined };
      const since = req.sinceId === undefined ? undefined : Number(req.sinceId);
      for await (const item of tasks.watch(scopeOf(ctx), since, filter, signal)) {
        yield "event" in item ? { event: eventToProto(item.event) } : { sinceId: BigInt(item.position) };
      }
    },
  };
}
