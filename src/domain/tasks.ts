import { randomUUID } from "node:crypto";
import { DomainError, fail } from "../errors.js";
import type { Principal } from "../auth/principal.js";
import type { OfficeAccess } from "./office-access.js";
import { planRetry, planUpdate, planVerify, LEASE_LOST, type TaskUpdate } from "./task-rules.js";
import type { ArtifactKindName, TaskEventRecord, TaskKindName, TaskRecord, TaskStatusName } from "../store/task-rows.js";
import type { ArtifactRecord, Claim, TaskFilter, TaskStore } from "../store/tasks.js";

/** Queue timing, from the server config. */
export interface QueueSettings {
  /** Lease length when the claimer does not ask for one. */
  defaultLeaseMs: number;
  /** Claims per task before a lost lease fails it (the docs: retried twice, failed on the third). */
  maxAttempts: number;
  /** Delay before a requeued task may be claimed again, doubled per attempt. */
  retryBackoffMs: number;
}

/** A new task as the caller asked for it. */
export interface TaskInput {
  title: string;
  description: string;
  kind?: TaskKindName;
  priority?: number;
  assignedAgent: string;
  parentId?: number;
  dependsOn: number[];
  requiredTools: string[];
}

/** Everything `mi tasks get` shows. */
export interface TaskDetail {
  task: TaskRecord;
  logs: TaskEventRecord[];
  comments: { id: number; author: string; message: string; createdAt: Date }[];
  subtasks: TaskRecord[];
  artifacts: ArtifactRecord[];
}

const DEFAULT_PAGE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller as the audit trail names it: the agent acting, or the operator's account. */
export function actorOf(caller: Principal, agent?: string): string {
  return agent || `operator:${caller.accountId}`;
}

/** The office task queue: every operation checks the office first, then applies the queue rules. */
export class TaskService {
  constructor(
    private readonly store: TaskStore,
    private readonly access: OfficeAccess,
    readonly settings: QueueSettings,
  ) {}

  async create(caller: Principal, officeId: string, input: TaskInput): Promise<TaskRecord> {
    await this.access.check(caller, officeId);
    const outcome = await this.store.create({
      officeId,
      title: input.title.trim(),
      description: input.description,
      kind: input.kind ?? "general",
      priority: input.priority ?? 50,
      assignedAgent: input.assignedAgent,
      createdBy: actorOf(caller),
      parentNumber: input.parentId ?? null,
      dependsOn: input.dependsOn,
      requiredTools: input.requiredTools,
    });
    if ("missingParent" in outcome) throw fail.invalid(`parent_id: task ${outcome.missingParent} does not exist in this office`);
    if ("missingDependencies" in outcome) {
      const ids = outcome.missingDependencies.join(", ");
      throw fail.invalid(`depends_on: task ${ids} does not exist in this office (a task can only depend on tasks that already exist, so it cannot depend on itself or form a cycle)`);
    }
    return outcome.task;
  }

  async get(caller: Principal, officeId: string, number: number): Promise<TaskRecord> {
    await this.access.check(caller, officeId);
    return this.require(officeId, number);
  }

  async detail(caller: Principal, officeId: string, number: number): Promise<TaskDetail> {
    const task = await this.get(caller, officeId, number);
    const [logs, comments, subtasks, artifacts] = await Promise.all([
      this.store.logs(task.id),
      this.store.comments(task.id, 1000),
      this.store.subtasks(officeId, number, 1000),
      this.store.artifacts(task.id, 1000),
    ]);
    return { task, logs, comments, subtasks, artifacts };
  }

  /** Newest first; the page token is the last task number seen. */
  async list(caller: Principal, officeId: string, filter: TaskFilter, pageSize: number, pageToken: string): Promise<{ tasks: TaskRecord[]; next: string }> {
    await this.access.check(caller, officeId);
    const { items, next } = await keysetPage(pageSize, pageToken, (limit, after) => this.store.list(officeId, filter, limit, after || undefined), (t) => t.number);
    return { tasks: items, next };
  }

  async subtasks(caller: Principal, officeId: string, number: number, pageSize: number, pageToken: string): Promise<{ tasks: TaskRecord[]; next: string }> {
    await this.get(caller, officeId, number);
    const { items, next } = await keysetPage(pageSize, pageToken, (limit, after) => this.store.subtasks(officeId, number, limit, after), (t) => t.number);
    return { tasks: items, next };
  }

  async update(caller: Principal, officeId: string, number: number, update: TaskUpdate): Promise<TaskRecord> {
    await this.access.check(caller, officeId);
    const actor = actorOf(caller, update.agent);
    return this.mutate(officeId, number, (task) => planUpdate(task, update, actor));
  }

  /** Claims the next task for `agent`, or undefined when nothing is claimable right now. */
  async claim(caller: Principal, officeId: string, agent: string, kind: TaskKindName | undefined, leaseMs?: number): Promise<Claim | undefined> {
    await this.access.check(caller, officeId);
    return this.store.claim(officeId, agent, kind, leaseMs ?? this.settings.defaultLeaseMs, randomUUID());
  }

  async renewLease(caller: Principal, officeId: string, number: number, token: string, leaseMs?: number): Promise<{ expiresAt: Date; status: TaskStatusName }> {
    await this.access.check(caller, officeId);
    // Tokens are UUIDs minted by claim; anything else cannot hold a lease.
    const renewed = UUID.test(token) ? await this.store.renew(officeId, number, token, leaseMs) : undefined;
    if (renewed) return renewed;
    await this.require(officeId, number);
    throw new DomainError("failed_precondition", `the lease on task ${number} was lost (it expired or another worker claimed the task); stop working on it`, LEASE_LOST);
  }

  async verify(caller: Principal, officeId: string, number: number, verdict: { accepted: boolean; reviewer: string; comments: string }): Promise<TaskRecord> {
    await this.access.check(caller, officeId);
    const actor = actorOf(caller, verdict.reviewer);
    return this.mutate(officeId, number, (task) => planVerify(task, { ...verdict, reviewer: actor }, actor));
  }

  async retry(caller: Principal, officeId: string, number: number, opts: { reason: string; updatedDescription?: string; assignedAgent?: string }): Promise<TaskRecord> {
    await this.access.check(caller, officeId);
    return this.mutate(officeId, number, (task) => planRetry(task, opts, actorOf(caller)));
  }

  async comment(caller: Principal, officeId: string, number: number, agent: string, message: string) {
    const task = await this.get(caller, officeId, number);
    const author = actorOf(caller, agent);
    return { ...(await this.store.addComment(officeId, task.id, author, message)), author, message };
  }

  async comments(caller: Principal, officeId: string, number: number, pageSize: number, pageToken: string) {
    const task = await this.get(caller, officeId, number);
    const { items, next } = await keysetPage(pageSize, pageToken, (limit, after) => this.store.comments(task.id, limit, after), (c) => c.id);
    return { comments: items, next };
  }

  async addArtifact(caller: Principal, officeId: string, number: number, artifact: { kind: ArtifactKindName; path: string; label: string; agent: string }) {
    const task = await this.get(caller, officeId, number);
    return this.store.addArtifact(officeId, task.id, artifact.kind, artifact.path, artifact.label, actorOf(caller, artifact.agent));
  }

  async artifacts(caller: Principal, officeId: string, number: number, pageSize: number, pageToken: string) {
    const task = await this.get(caller, officeId, number);
    const { items, next } = await keysetPage(pageSize, pageToken, (limit, after) => this.store.artifacts(task.id, limit, after), (a) => a.id);
    return { artifacts: items, next };
  }

  async stats(caller: Principal, officeId: string) {
    await this.access.check(caller, officeId);
    return this.store.stats(officeId);
  }

  /** Events after `sinceId`, oldest first, at most `limit`. */
  async events(caller: Principal, officeId: string, sinceId: number, limit: number, filter: { statuses?: TaskStatusName[]; assignedAgent?: string }) {
    await this.access.check(caller, officeId);
    return this.store.events(officeId, sinceId, limit || DEFAULT_PAGE, filter);
  }

  /** Where a new watcher starts when it gives no cursor: after the newest event. */
  async lastEventId(caller: Principal, officeId: string): Promise<number> {
    await this.access.check(caller, officeId);
    return this.store.lastEventId(officeId);
  }

  private async mutate(officeId: string, number: number, decide: Parameters<TaskStore["mutate"]>[2]): Promise<TaskRecord> {
    const task = await this.store.mutate(officeId, number, decide);
    if (!task) throw taskNotFound(number);
    return task;
  }

  private async require(officeId: string, number: number): Promise<TaskRecord> {
    const task = await this.store.get(officeId, number);
    if (!task) throw taskNotFound(number);
    return task;
  }
}

function taskNotFound(number: number) {
  return fail.notFound(`task ${number} not found in this office; list tasks with mi tasks list`);
}

/**
 * One page of a keyset-paged query: fetches one row more than asked to know whether a next
 * page exists; the page token is the key of the last row (0 when starting).
 */
async function keysetPage<T>(
  pageSize: number,
  pageToken: string,
  fetch: (limit: number, after: number) => Promise<T[]>,
  keyOf: (row: T) => number,
): Promise<{ items: T[]; next: string }> {
  const limit = pageSize || DEFAULT_PAGE;
  const rows = await fetch(limit + 1, pageToken ? decodeNumberToken(pageToken) : 0);
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? encodeNumberToken(keyOf(items[items.length - 1]!)) : "" };
}

function encodeNumberToken(n: number): string {
  return Buffer.from(String(n)).toString("base64url");
}

function decodeNumberToken(token: string): number {
  const n = Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isSafeInteger(n) || n < 0) throw fail.invalid("page_token is not valid: pass the next_page_token of the previous response unchanged");
  return n;
}
