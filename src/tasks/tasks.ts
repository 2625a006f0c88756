import type { ChatMessageRecord } from "../chat/model.js";
import type { OfficeWakeups } from "../domain/office-wakeups.js";
import { randomUUID } from "node:crypto";
import { DomainError, fail } from "../errors.js";
import { actingAgent, actorOf } from "../domain/principal.js";
import { systemClock, type Clock } from "../domain/clock.js";
import type { OfficeScope } from "../domain/office-scope.js";
import { keysetPage, numberKey, pageOf, type Page, type PageRequest } from "../domain/paging.js";
import { Backoff, sleep } from "../lifecycle/backoff.js";
import { isDatabaseUnavailable } from "../lifecycle/unavailable.js";
import { planExpiry, planRetry, planUpdate, planVerify, LEASE_LOST, type TaskUpdate } from "./rules.js";
import {
  SHARED_FILES_PREFIX,
  FINISHED_TASK_STATUSES,
  TASK_STATUSES,
  type ArtifactFiles,
  type TaskMessages,
  type ArtifactKindName,
  type ArtifactRecord,
  type Claim,
  type TaskComment,
  type TaskEventRecord,
  type TaskFilter,
  type TaskKindName,
  type TaskRecord,
  type TaskStatusName,
  type TaskStore,
} from "./model.js";

/** Queue timing, from the server config. */
export interface QueueSettings {
  /** Lease length when the claimer does not ask for one. */
  defaultLeaseMs: number;
  /** Claims per task before a lost lease fails it (the docs: retried twice, failed on the third). */
  maxAttempts: number;
  /** Delay before a requeued task may be claimed again, doubled per attempt. */
  retryBackoffMs: number;
  /** Times its worker may stop while holding a task before the task fails. */
  maxInterruptions: number;
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
  comments: TaskComment[];
  subtasks: TaskRecord[];
  artifacts: ArtifactRecord[];
  /** Chat messages that name the task (those the caller may read). */
  linkedMessages: ChatMessageRecord[];
}

/** What a watch stream delivers: an event, or the position reached (at the start and as a keep-alive). */
export type WatchItem = { event: TaskEventRecord } | { position: number };

/** Which events a watcher wants; every event still advances its position. */
export interface WatchFilter {
  statuses: TaskStatusName[];
  assignedAgent?: string;
}

const BY_NUMBER = numberKey<TaskRecord>((t) => t.number);
const BY_ID = numberKey<{ id: number }>((row) => row.id);
/** Expired leases handled per transaction by the reaper. */
export const REAP_BATCH = 100;
/** How often a watcher re-reads events without a wake-up, and how often it says where it is. */
const WATCH_POLL_MS = 1_500;
const WATCH_KEEPALIVE_MS = 15_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The office task queue: the queue rules, in the office a request resolved. */
export class Tasks {
  constructor(
    private readonly store: TaskStore,
    private readonly wakeups: OfficeWakeups,
    readonly settings: QueueSettings,
    private readonly clock: Clock = systemClock,
    private readonly files: ArtifactFiles = { describe: async () => new Map() },
    private readonly messages: TaskMessages = { linked: async () => [] },
  ) {}

  async create(scope: OfficeScope, input: TaskInput): Promise<TaskRecord> {
    const outcome = await this.store.create({
      officeId: scope.officeId,
      title: input.title.trim(),
      description: input.description,
      kind: input.kind ?? "general",
      priority: input.priority ?? 50,
      assignedAgent: input.assignedAgent,
      createdBy: actorOf(scope.principal),
      parentNumber: input.parentId ?? null,
      dependsOn: input.dependsOn,
      requiredTools: input.requiredTools,
    });
    if ("missingParent" in outcome) throw fail.invalid(`parent_id: task ${outcome.missingParent} does not exist in this office`);
    if ("missingDependencies" in outcome) {
      const ids = outcome.missingDependencies.join(", ");
      throw fail.invalid(
        `depends_on: task ${ids} does not exist in this office (a task can only depend on tasks that already exist, so it cannot depend on itself or form a cycle)`,
      );
    }
    return outcome.task;
  }

  async get(scope: OfficeScope, number: number): Promise<TaskRecord> {
    return this.require(scope.officeId, number);
  }

  async detail(scope: OfficeScope, number: number): Promise<TaskDetail> {
    const task = await this.get(scope, number);
    const [logs, comments, subtasks, artifacts, linkedMessages] = await Promise.all([
      this.store.logs(task.id),
      this.store.comments(task.id, 1000),
      this.store.subtasks(scope.officeId, number, 1000),
      this.store.artifacts(task.id, 1000),
      this.messages.linked(scope, number, 1000),
    ]);
    return { task, logs, comments, subtasks, artifacts: await this.withFiles(scope, artifacts), linkedMessages };
  }

  /** Newest first; the page token is the last task number seen. */
  list(scope: OfficeScope, filter: TaskFilter, page: PageRequest): Promise<Page<TaskRecord>> {
    return keysetPage(page, BY_NUMBER, (limit, before) => this.store.list(scope.officeId, filter, limit, before));
  }

  async subtasks(scope: OfficeScope, number: number, page: PageRequest): Promise<Page<TaskRecord>> {
    await this.get(scope, number);
    return keysetPage(page, BY_NUMBER, (limit, after) => this.store.subtasks(scope.officeId, number, limit, after));
  }

  async update(scope: OfficeScope, number: number, update: TaskUpdate): Promise<TaskRecord> {
    const actor = actorOf(scope.principal, update.agent);
    return this.mutate(scope.officeId, number, (task) => planUpdate(task, update, actor, this.clock.now(), this.settings));
  }

  /**
   * Claims the next task for `agent`, or undefined when nothing is claimable right now. With
   * `tools`, only a task whose required tools are all among them.
   */
  async claim(
    scope: OfficeScope,
    agent: string,
    kind: TaskKindName | undefined,
    leaseMs?: number,
    tools?: string[],
  ): Promise<Claim | undefined> {
    const claimer = actingAgent(scope.principal, agent);
    const lease = leaseMs ?? this.settings.defaultLeaseMs;
    return this.store.claim(scope.officeId, claimer, kind, lease, randomUUID(), this.clock.now(), tools);
  }

  /** After an empty claim: when the earliest task the claimer could take becomes claimable (a requeued one's backoff), if any. */
  nextClaimableAt(scope: OfficeScope, agent: string, kind: TaskKindName | undefined, tools?: string[]): Promise<Date | undefined> {
    return this.store.nextClaimableAt(scope.officeId, actingAgent(scope.principal, agent), kind, this.clock.now(), tools);
  }

  async renewLease(
    scope: OfficeScope,
    number: number,
    token: string,
    leaseMs?: number,
  ): Promise<{ expiresAt: Date; status: TaskStatusName }> {
    // Tokens are UUIDs minted by claim; anything else cannot hold a lease.
    const renewed = UUID.test(token) ? await this.store.renew(scope.officeId, number, token, leaseMs, this.clock.now()) : undefined;
    if (renewed) return renewed;
    await this.require(scope.officeId, number);
    throw new DomainError(
      "failed_precondition",
      `the lease on task ${number} was lost (it expired or another worker claimed the task); stop working on it`,
      LEASE_LOST,
    );
  }

  async verify(
    scope: OfficeScope,
    number: number,
    verdict: { accepted: boolean; reviewer: string; comments: string },
  ): Promise<TaskRecord> {
    const actor = actorOf(scope.principal, verdict.reviewer);
    return this.mutate(scope.officeId, number, (task) => planVerify(task, { ...verdict, reviewer: actor }, actor, this.clock.now()));
  }

  async retry(
    scope: OfficeScope,
    number: number,
    opts: { reason: string; updatedDescription?: string; assignedAgent?: string },
  ): Promise<TaskRecord> {
    return this.mutate(scope.officeId, number, (task) => planRetry(task, opts, actorOf(scope.principal)));
  }

  async comment(scope: OfficeScope, number: number, agent: string, message: string) {
    const task = await this.get(scope, number);
    const author = actorOf(scope.principal, agent);
    return { ...(await this.store.addComment(scope.officeId, task.id, author, message)), author, message };
  }

  async comments(scope: OfficeScope, number: number, page: PageRequest): Promise<Page<TaskComment>> {
    const task = await this.get(scope, number);
    return keysetPage(page, BY_ID, (limit, after) => this.store.comments(task.id, limit, after));
  }

  async addArtifact(scope: OfficeScope, number: number, artifact: { kind: ArtifactKindName; path: string; label: string; agent: string }) {
    const task = await this.get(scope, number);
    const added = await this.store.addArtifact(
      scope.officeId,
      task.id,
      artifact.kind,
      artifact.path,
      artifact.label,
      actorOf(scope.principal, artifact.agent),
    );
    return (await this.withFiles(scope, [added]))[0]!;
  }

  async artifacts(scope: OfficeScope, number: number, page: PageRequest): Promise<Page<ArtifactRecord>> {
    const task = await this.get(scope, number);
    const found = await keysetPage(page, BY_ID, (limit, after) => this.store.artifacts(task.id, limit, after));
    return { ...found, items: await this.withFiles(scope, found.items) };
  }

  /** Artifacts with the drive files their /shared/files/ paths name, where those exist. */
  private async withFiles(scope: OfficeScope, artifacts: ArtifactRecord[]): Promise<ArtifactRecord[]> {
    const drivePaths = artifacts.filter((a) => a.path.startsWith(SHARED_FILES_PREFIX)).map((a) => a.path.slice(SHARED_FILES_PREFIX.length));
    if (drivePaths.length === 0) return artifacts;
    const files = await this.files.describe(scope.officeId, [...new Set(drivePaths)]);
    return artifacts.map((a) => {
      const file = a.path.startsWith(SHARED_FILES_PREFIX) ? files.get(a.path.slice(SHARED_FILES_PREFIX.length)) : undefined;
      return file ? { ...a, file } : a;
    });
  }

  async stats(scope: OfficeScope) {
    return this.store.stats(scope.officeId);
  }

  /** Tasks not finished yet: queued, claimed, running or blocked (office.proto's open_task_count). */
  async openCount(scope: OfficeScope): Promise<number> {
    const stats = await this.store.stats(scope.officeId);
    return TASK_STATUSES.filter((status) => !FINISHED_TASK_STATUSES.includes(status)).reduce((open, status) => open + stats[status], 0);
  }

  /**
   * Events after `sinceId`, oldest first, at most `pageSize`; `nextSinceId` is where the next
   * read continues (the last event returned, or `sinceId` when there was none).
   */
  async events(
    scope: OfficeScope,
    sinceId: number,
    pageSize: number,
    filter: WatchFilter,
  ): Promise<{ events: TaskEventRecord[]; nextSinceId: number; more: boolean }> {
    const { items, more } = await pageOf(pageSize, (limit) => this.store.events(scope.officeId, sinceId, limit, filter));
    return { events: items, nextSinceId: items[items.length - 1]?.id ?? sinceId, more };
  }

  /**
   * The office's events after `since` (after the newest when undefined), then every new one as
   * it is written, until `signal` aborts. The position comes first and again as a keep-alive.
   * A database outage pauses the stream rather than ending it: the position is kept and
   * reading resumes when Postgres is back, so nothing is missed.
   */
  async *watch(scope: OfficeScope, since: number | undefined, filter: WatchFilter, signal: AbortSignal): AsyncGenerator<WatchItem> {
    let cursor = since ?? (await this.store.lastEventId(scope.officeId));
    const subscription = this.wakeups.subscribe(scope.officeId);
    let lastSent = Date.now();
    try {
      yield { position: cursor }; // the watch is in place: nothing after `cursor` can be missed
      const outage = new Backoff(WATCH_POLL_MS, WATCH_KEEPALIVE_MS);
      while (!signal.aborted) {
        // Read everything after the cursor, including events the filter skips, so the cursor advances.
        let events: TaskEventRecord[] = [];
        try {
          events = await this.store.events(scope.officeId, cursor, 500);
          outage.reset();
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          await sleep(outage.next(), signal);
        }
        for (const event of events) {
          cursor = event.id;
          if (filter.statuses.length && !filter.statuses.includes(event.task.status)) continue;
          if (filter.assignedAgent && event.task.assignedAgent !== filter.assignedAgent) continue;
          yield { event };
          lastSent = Date.now();
        }
        if (events.length === 500) continue;
        if (Date.now() - lastSent >= WATCH_KEEPALIVE_MS) {
          yield { position: cursor };
          lastSent = Date.now();
        }
        await subscription.wait(WATCH_POLL_MS, signal);
      }
    } finally {
      subscription.close();
    }
  }

  /** Applies the expiry rules to a batch of tasks whose lease ran out; returns how many. */
  reapExpiredLeases(): Promise<number> {
    return this.store.reapExpiredLeases(REAP_BATCH, this.clock.now(), (lease) => planExpiry(lease, this.settings));
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
