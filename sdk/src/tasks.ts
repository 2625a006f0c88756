/**
 * `client.tasks`: the office's shared task queue (docs: "Tasks"). Create, list, claim,
 * update with proof, subtasks, artifacts, comments, verification, retries, stats and
 * the live event stream.
 */
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { TaskService } from "../../gen/ts/mitosis/v1/task_pb.js";
import { call } from "./errors.js";
import { listOf, wholeNumber } from "./input.js";
import { required } from "./mapping.js";
import type {
  AddArtifactInput,
  ClaimTaskInput,
  CommentInput,
  CreateTaskInput,
  IterateTasksOptions,
  ListTasksOptions,
  RenewLeaseInput,
  RetryInput,
  TaskEventsOptions,
  UpdateTaskInput,
  VerifyInput,
  WatchTasksOptions,
} from "./task-inputs.js";
import {
  artifactKindNumber,
  parseTaskIds,
  parseTaskStatuses,
  taskKindNumber,
  taskNumber,
  taskStatusNumber,
  toArtifact,
  toClaimedTask,
  toComment,
  toEvent,
  toChatMessage,
  toLogEntry,
  toRenewedLease,
  toStats,
  toTask,
} from "./task-mapping.js";
import type {
  ClaimedTask,
  RenewedLease,
  Task,
  TaskArtifact,
  TaskComment,
  TaskDetail,
  TaskEvent,
  TaskEventPage,
  TaskStats,
} from "./task-types.js";
import { resumableStream } from "./task-watch.js";

/** The server's largest page. */
const MAX_PAGE_SIZE = 1000;

/** Sub-client for the task queue; reach it as `client.tasks`. */
export class TasksClient {
  private readonly rpc: Client<typeof TaskService>;

  /** Use `client.tasks` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(TaskService, transport);
  }

  /** Creates a task; with `dependsOn` it starts `blocked` until those tasks are done. */
  async create(officeId: string, input: CreateTaskInput): Promise<Task> {
    const request = {
      officeId,
      title: input.title,
      description: input.description ?? "",
      kind: taskKindNumber(input.kind),
      priority: input.priority === undefined ? undefined : wholeNumber(input.priority, "priority"),
      assignedAgent: input.assignedAgent ?? "",
      parentId: input.parentId === undefined ? undefined : taskNumber(input.parentId, "parentId"),
      dependsOn: parseTaskIds(input.dependsOn).map(BigInt),
      requiredTools: listOf(input.requiredTools),
    };
    const res = await call(() => this.rpc.createTask(request));
    return toTask(required(res.task, "task"));
  }

  /** Tasks, newest first, filtered; at most `limit` of them (all when absent). */
  async list(officeId: string, options: ListTasksOptions = {}): Promise<Task[]> {
    const tasks: Task[] = [];
    for await (const task of this.iterate(officeId, options)) tasks.push(task);
    return tasks;
  }

  /** Tasks one at a time, newest first, fetching pages as needed; stops after `limit`. */
  async *iterate(officeId: string, options: IterateTasksOptions = {}): AsyncGenerator<Task, void, undefined> {
    const limit = options.limit === undefined ? Infinity : wholeNumber(options.limit, "limit", { min: 1 });
    const pageSize = options.pageSize === undefined ? undefined : wholeNumber(options.pageSize, "pageSize", { min: 1, max: MAX_PAGE_SIZE });
    const filters = {
      officeId,
      statuses: parseTaskStatuses(options.status),
      assignedAgent: options.assignedAgent ?? "",
      kind: taskKindNumber(options.kind),
      parentId: options.parentId === undefined ? undefined : taskNumber(options.parentId, "parentId"),
    };
    let seen = 0;
    let pageToken = "";
    do {
      // Never ask for more than the caller still wants.
      const size = Math.min(pageSize ?? MAX_PAGE_SIZE, limit - seen);
      const res = await call(() => this.rpc.listTasks({ ...filters, pageSize: size, pageToken }));
      for (const task of res.tasks) {
        if (seen >= limit) return;
        seen++;
        yield toTask(task);
      }
      pageToken = res.nextPageToken;
    } while (pageToken !== "" && seen < limit);
  }

  /** A task with its logs, comments, subtasks, artifacts and linked chat messages. */
  async get(officeId: string, taskId: number): Promise<TaskDetail> {
    const res = await call(() => this.rpc.getTask({ officeId, taskId: taskNumber(taskId) }));
    return {
      task: toTask(required(res.task, "task")),
      logs: res.logs.map(toLogEntry),
      comments: res.comments.map(toComment),
      subtasks: res.subtasks.map(toTask),
      artifacts: res.artifacts.map(toArtifact),
      linkedMessages: res.linkedMessages.map(toChatMessage),
    };
  }

  /**
   * Changes status, result, error, assignment or text, or appends a progress line.
   * Setting `status: 'done'` requires a non-empty `result` (proof of work).
   */
  async update(officeId: string, taskId: number, input: UpdateTaskInput): Promise<Task> {
    const request = {
      officeId,
      taskId: taskNumber(taskId),
      status: input.status === undefined ? undefined : taskStatusNumber(input.status),
      result: input.result,
      resultSummary: input.resultSummary,
      error: input.error,
      progress: input.progress,
      agent: input.agent ?? "",
      assignedAgent: input.assignedAgent,
      leaseToken: input.leaseToken ?? "",
      title: input.title,
      description: input.description,
      priority: input.priority === undefined ? undefined : wholeNumber(input.priority, "priority"),
      interrupted: input.interrupted ?? false,
    };
    const res = await call(() => this.rpc.updateTask(request));
    return toTask(required(res.task, "task"));
  }

  /**
   * Atomically claims the next task for `agent` (assigned to it first, then unassigned;
   * never blocked ones). Returns null when nothing is claimable, so workers can poll.
   */
  async claim(officeId: string, input: ClaimTaskInput): Promise<ClaimedTask | null> {
    return (await this.claimNext(officeId, input)).claimed;
  }

  /**
   * Like {@link TasksClient.claim}, and when nothing was claimable, when to try again: the time
   * the earliest queued task this claimer could take (one requeued after a failed attempt)
   * becomes claimable, if there is one. Workers wait for that or the next task event.
   */
  async claimNext(officeId: string, input: ClaimTaskInput): Promise<{ claimed: ClaimedTask | null; nextAvailableAt?: string }> {
    const request = {
      officeId,
      agent: input.agent,
      kind: taskKindNumber(input.kind),
      leaseDuration: leaseDuration(input.leaseSeconds),
      tools: input.tools === undefined ? undefined : { names: input.tools },
    };
    const res = await call(() => this.rpc.claimTask(request));
    // An empty response is the server's "nothing to claim", not an error.
    if (res.task !== undefined) return { claimed: toClaimedTask(res.task, res) };
    return { claimed: null, nextAvailableAt: res.nextAvailableAt ? timestampDate(res.nextAvailableAt).toISOString() : undefined };
  }

  /** Extends the lease of a claimed task (the worker's heartbeat). */
  async renewLease(officeId: string, taskId: number, input: RenewLeaseInput): Promise<RenewedLease> {
    const request = {
      officeId,
      taskId: taskNumber(taskId),
      leaseToken: input.leaseToken,
      leaseDuration: leaseDuration(input.leaseSeconds),
    };
    return toRenewedLease(await call(() => this.rpc.renewTaskLease(request)));
  }

  /** The task's child tasks, in creation order. */
  async subtasks(officeId: string, taskId: number): Promise<Task[]> {
    const id = taskNumber(taskId);
    return allPages((pageToken) =>
      call(() => this.rpc.listSubtasks({ officeId, taskId: id, pageSize: MAX_PAGE_SIZE, pageToken })).then((r) => ({
        items: r.subtasks.map(toTask),
        next: r.nextPageToken,
      })),
    );
  }

  /** Links a file, branch or report to the task as proof of work. */
  async addArtifact(officeId: string, taskId: number, input: AddArtifactInput): Promise<TaskArtifact> {
    const request = {
      officeId,
      taskId: taskNumber(taskId),
      kind: artifactKindNumber(input.kind),
      path: input.path,
      label: input.label ?? "",
      agent: input.agent ?? "",
    };
    const res = await call(() => this.rpc.addTaskArtifact(request));
    return toArtifact(required(res.artifact, "artifact"));
  }

  /** The task's artifacts, oldest first. */
  async artifacts(officeId: string, taskId: number): Promise<TaskArtifact[]> {
    const id = taskNumber(taskId);
    return allPages((pageToken) =>
      call(() => this.rpc.listTaskArtifacts({ officeId, taskId: id, pageSize: MAX_PAGE_SIZE, pageToken })).then((r) => ({
        items: r.artifacts.map(toArtifact),
        next: r.nextPageToken,
      })),
    );
  }

  /** Adds a comment to the task's discussion (kept apart from its progress logs). */
  async comment(officeId: string, taskId: number, input: CommentInput): Promise<TaskComment> {
    const request = { officeId, taskId: taskNumber(taskId), agent: input.agent ?? "", message: input.message };
    const res = await call(() => this.rpc.addTaskComment(request));
    return toComment(required(res.comment, "comment"));
  }

  /** The task's comments, oldest first. */
  async comments(officeId: string, taskId: number): Promise<TaskComment[]> {
    const id = taskNumber(taskId);
    return allPages((pageToken) =>
      call(() => this.rpc.listTaskComments({ officeId, taskId: id, pageSize: MAX_PAGE_SIZE, pageToken })).then((r) => ({
        items: r.comments.map(toComment),
        next: r.nextPageToken,
      })),
    );
  }

  /** Accepts or rejects a completed task; rejecting needs `comments` saying what to change. */
  async verify(officeId: string, taskId: number, input: VerifyInput): Promise<Task> {
    const request = {
      officeId,
      taskId: taskNumber(taskId),
      accepted: input.accepted,
      reviewer: input.reviewer ?? "",
      comments: input.comments ?? "",
    };
    const res = await call(() => this.rpc.verifyTask(request));
    return toTask(required(res.task, "task"));
  }

  /** Puts a failed, cancelled or rejected task back in the queue; clears result and error. */
  async retry(officeId: string, taskId: number, input: RetryInput = {}): Promise<Task> {
    const request = {
      officeId,
      taskId: taskNumber(taskId),
      reason: input.reason ?? "",
      updatedDescription: input.updatedDescription,
      assignedAgent: input.assignedAgent,
    };
    const res = await call(() => this.rpc.retryTask(request));
    return toTask(required(res.task, "task"));
  }

  /** The office's task counts by status. */
  async stats(officeId: string): Promise<TaskStats> {
    const res = await call(() => this.rpc.getTaskStats({ officeId }));
    return toStats(required(res.stats, "stats"));
  }

  /** A batch of task events after `sinceId`, oldest first, and the cursor to poll from next. */
  async events(officeId: string, options: TaskEventsOptions = {}): Promise<TaskEventPage> {
    const request = {
      officeId,
      sinceId: BigInt(wholeNumber(options.sinceId ?? 0, "sinceId")),
      statuses: parseTaskStatuses(options.status),
      assignedAgent: options.assignedAgent ?? "",
      pageSize: options.limit === undefined ? 0 : wholeNumber(options.limit, "limit", { min: 1, max: MAX_PAGE_SIZE }),
    };
    const res = await call(() => this.rpc.listTaskEvents(request));
    return { events: res.events.map(toEvent), nextSinceId: Number(res.nextSinceId), hasMore: res.hasMore };
  }

  /**
   * The office's task events as they happen, until `signal` aborts or the loop breaks.
   * If the connection drops it reconnects and resumes where the server said it stood (its
   * first message carries that position), so no event is missed or repeated.
   */
  watch(officeId: string, options: WatchTasksOptions = {}): AsyncGenerator<TaskEvent, void, undefined> {
    const filters = {
      officeId,
      statuses: parseTaskStatuses(options.status),
      assignedAgent: options.assignedAgent ?? "",
    };
    const sinceId = options.sinceId === undefined ? undefined : wholeNumber(options.sinceId, "sinceId");
    const rpc = this.rpc;
    async function* open(resumeAfter: number | undefined, signal: AbortSignal) {
      const request = { ...filters, sinceId: resumeAfter === undefined ? undefined : BigInt(resumeAfter) };
      for await (const res of rpc.watchTasks(request, { signal })) yield res.event ? toEvent(res.event) : Number(res.sinceId);
    }
    return resumableStream(open, { sinceId, signal: options.signal, onReconnect: options.onReconnect, onOpen: options.onOpen });
  }
}

/** A lease length for a request, or unset for the server's default. */
function leaseDuration(seconds: number | undefined) {
  if (seconds === undefined) return undefined;
  return { seconds: BigInt(wholeNumber(seconds, "leaseSeconds", { min: 1 })), nanos: 0 };
}

/** Fetches every page of a list call and concatenates the items. */
async function allPages<T>(fetch: (pageToken: string) => Promise<{ items: T[]; next: string }>): Promise<T[]> {
  const all: T[] = [];
  let pageToken = "";
  do {
    const page = await fetch(pageToken);
    all.push(...page.items);
    pageToken = page.next;
  } while (pageToken !== "");
  return all;
}
