import type pg from "pg";
import { dateOf, inTransaction, Where } from "../store/sql.js";
import {
  appendEvents,
  readOfficeEvents,
  snapshotSql,
  EVENT_LOCK_SEED,
  eventFromRow,
  TASK_COLUMNS,
  TASK_EVENTS_CHANNEL,
  taskFromRow,
  type PendingEvent,
} from "./rows.js";
import {
  FINISHED_TASK_STATUSES,
  TASK_STATUSES,
  type ArtifactKindName,
  type ArtifactRecord,
  type Claim,
  type CreateOutcome,
  type ExpiredLease,
  type ExpiryOutcome,
  type NewTask,
  type TaskChange,
  type TaskComment,
  type TaskEventRecord,
  type TaskFilter,
  type TaskKindName,
  type TaskRecord,
  type TaskStatusName,
  type TaskStore,
} from "./model.js";

/**
 * The task queue's SQL. Hot paths (claim, fan-in, lease renewal and expiry) are single
 * statements or short transactions on the ORM's pg pool; no transaction stays open while an
 * agent works.
 */
export class PgTaskStore implements TaskStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Creates a task with the office's next number. The office row is locked for the number, so
   * creates in one office are serialised; the transaction is a handful of statements.
   */
  async create(input: NewTask): Promise<CreateOutcome> {
    return inTransaction(this.pool, async (client) => {
      let parentId: string | null = null;
      if (input.parentNumber !== null) {
        const parent = await client.query(`select id from task where office_id = $1 and number = $2`, [input.officeId, input.parentNumber]);
        if (parent.rowCount === 0) return { missingParent: input.parentNumber };
        parentId = String(parent.rows[0].id);
      }
      // FOR SHARE: a dependency finishing concurrently waits for this insert to commit, so
      // its recount sees the new dependent (and we see it done if it finished first).
      const deps = input.dependsOn.length
        ? await client.query(
            `select id, number, status from task where office_id = $1 and number = any($2::bigint[]) order by id for share`,
            [input.officeId, input.dependsOn],
          )
        : { rows: [] as Record<string, unknown>[] };
      const found = new Set(deps.rows.map((r) => Number(r.number)));
      const missing = input.dependsOn.filter((n) => !found.has(n));
      if (missing.length) return { missingDependencies: missing };
      const numbered = await client.query(
        `update office set last_task_number = last_task_number + 1 where id = $1 returning last_task_number`,
        [input.officeId],
      );
      const number = Number(numbered.rows[0].last_task_number);
      const pending = deps.rows.filter((r) => r.status !== "done").length;
      const inserted = await client.query(
        `insert into task (office_id, number, parent_number, title, description, status, kind, priority, assigned_agent,
                           created_by, depends_on, pending_deps, required_tools)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         returning id`,
        [
          input.officeId,
          number,
          input.parentNumber,
          input.title,
          input.description,
          pending > 0 ? "blocked" : "queued",
          input.kind,
          input.priority,
          input.assignedAgent,
          input.createdBy,
          input.dependsOn,
          pending,
          input.requiredTools,
        ],
      );
      const id = String(inserted.rows[0].id);
      if (deps.rows.length) {
        await client.query(`insert into task_dependency (depends_on_id, task_id) select unnest($1::bigint[]), $2`, [
          deps.rows.map((r) => r.id),
          id,
        ]);
      }
      if (parentId) await client.query(`update task set subtask_count = subtask_count + 1 where id = $1`, [parentId]);
      const message = pending > 0 ? `created, blocked on ${pending} unfinished dependencies` : "created";
      const task = (await this.byId(client, id))!;
      await appendEvents(client, [input.officeId], [{ taskId: id, type: "created", actor: input.createdBy, message }]);
      return { task };
    });
  }

  async get(officeId: string, number: number): Promise<TaskRecord | undefined> {
    const res = await this.pool.query(
      `select ${TASK_COLUMNS} from task t left join task_lease l on l.task_id = t.id where t.office_id = $1 and t.number = $2`,
      [officeId, number],
    );
    return res.rows[0] ? taskFromRow(res.rows[0]) : undefined;
  }

  /** Tasks newest first, after the task number `before` when paging. */
  async list(officeId: string, filter: TaskFilter, limit: number, before?: number): Promise<TaskRecord[]> {
    const where = new Where("t.office_id = ?", officeId);
    if (filter.statuses?.length) where.add("t.status = any(?::text[])", filter.statuses);
    if (filter.assignedAgent) where.add("t.assigned_agent = ?", filter.assignedAgent);
    if (filter.kind) where.add("t.kind = ?", filter.kind);
    if (filter.parentNumber !== undefined) where.add("t.parent_number = ?", filter.parentNumber);
    if (filter.updatedSince) where.add("t.updated_at > ?", filter.updatedSince);
    if (before !== undefined) where.add("t.number < ?", before);
    const res = await this.pool.query(
      `select ${TASK_COLUMNS} from task t left join task_lease l on l.task_id = t.id
        where ${where} order by t.number desc limit ${where.param(limit)}`,
      where.params,
    );
    return res.rows.map(taskFromRow);
  }

  /** Children of a task, oldest first. */
  async subtasks(officeId: string, parentNumber: number, limit: number, after = 0): Promise<TaskRecord[]> {
    const res = await this.pool.query(
      `select ${TASK_COLUMNS} from task t left join task_lease l on l.task_id = t.id
        where t.office_id = $1 and t.parent_number = $2 and t.number > $3 order by t.number limit $4`,
      [officeId, parentNumber, after, limit],
    );
    return res.rows.map(taskFromRow);
  }

  /** The task's audit trail and progress lines, oldest first. */
  async logs(taskId: string, limit = 1000): Promise<TaskEventRecord[]> {
    const res = await this.pool.query(
      `select * from (select * from task_event where task_id = $1 order by id desc limit $2) e order by id`,
      [taskId, limit],
    );
    return res.rows.map(eventFromRow);
  }

  async stats(officeId: string): Promise<Record<TaskStatusName, number>> {
    const res = await this.pool.query(`select status, count(*)::int as n from task where office_id = $1 group by status`, [officeId]);
    const stats = Object.fromEntries(TASK_STATUSES.map((status) => [status, 0])) as Record<TaskStatusName, number>;
    for (const row of res.rows) stats[row.status as TaskStatusName] = row.n;
    return stats;
  }

  /**
   * Claims the next task for `agent` in one statement: a queued task assigned to it, else an
   * unassigned one, by priority then id, skipping rows other claimers hold. The same
   * statement marks the task claimed, writes the lease and the audit event, and notifies.
   */
  async nextClaimableAt(
    officeId: string,
    agent: string,
    kind: TaskKindName | undefined,
    now: Date,
    tools?: string[],
  ): Promise<Date | undefined> {
    const res = await this.pool.query(
      `select min(available_at) as at from task
        where office_id = $1 and status = 'queued' and assigned_agent in ('', $2)
          and ($3::text is null or kind = $3) and available_at > $4
          and ($5::text[] is null or required_tools <@ $5::text[])`,
      [officeId, agent, kind ?? null, now, tools ?? null],
    );
    const at = res.rows[0]?.at;
    return at === null || at === undefined ? undefined : new Date(at);
  }

  async claim(
    officeId: string,
    agent: string,
    kind: TaskKindName | undefined,
    leaseMs: number,
    token: string,
    now: Date,
    tools?: string[],
  ): Promise<Claim | undefined> {
    const res = await this.pool.query(
      `with mine as materialized (
         select id from task
          where office_id = $1 and status = 'queued' and assigned_agent = $2
            and ($3::text is null or kind = $3) and available_at <= $6
            and ($7::text[] is null or required_tools <@ $7::text[])
          order by priority, id limit 1 for update skip locked
       ), open as materialized (
         select id from task
          where office_id = $1 and status = 'queued' and assigned_agent = ''
            and ($3::text is null or kind = $3) and available_at <= $6
            and ($7::text[] is null or required_tools <@ $7::text[])
            and not exists (select 1 from mine)
          order by priority, id limit 1 for update skip locked
       ), picked as (
         select id from mine union all select id from open
       ), claimed as (
         update task t set status = 'claimed', attempt = t.attempt + 1, updated_at = now()
           from picked where t.id = picked.id
         returning t.*
       ), lease as (
         insert into task_lease (task_id, office_id, token, owner, lease_ms, claimed_at, expires_at)
         select id, office_id, $4, $2, $5::integer, $6, $6::timestamptz + make_interval(secs => $5::integer::double precision / 1000) from claimed
         on conflict (task_id) do update
           set token = excluded.token, owner = excluded.owner, lease_ms = excluded.lease_ms,
               claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
         returning *
       ), ordered as materialized (
         -- The office's event lock (see appendEvents), taken before the event row gets its id.
         select pg_advisory_xact_lock_shared(hashtextextended($1::text, ${EVENT_LOCK_SEED})) from claimed
       ), event as (
         insert into task_event (office_id, task_id, type, actor, message, snapshot)
         select c.office_id, c.id, 'claimed', $2, 'claimed (attempt ' || c.attempt || ')', ${snapshotSql("c", "l")}
           from claimed c join lease l on l.task_id = c.id
          where (select count(*) from ordered) > 0
         returning id
       )
       select c.*, l.owner as lease_owner, l.claimed_at as lease_claimed_at, l.expires_at as lease_expires_at, l.token as lease_token,
              pg_notify('${TASK_EVENTS_CHANNEL}', $1::text) as notified
         from claimed c join lease l on l.task_id = c.id`,
      [officeId, agent, kind ?? null, token, leaseMs, now, tools ?? null],
    );
    const row = res.rows[0];
    if (!row) return undefined;
    const task = taskFromRow(row);
    return { task, token, expiresAt: task.lease!.expiresAt };
  }

  /**
   * Extends a lease if `token` still holds it, by `leaseMs` or else by the length it was claimed
   * with; undefined when the lease was lost.
   */
  async renew(
    officeId: string,
    number: number,
    token: string,
    leaseMs: number | undefined,
    now: Date,
  ): Promise<{ expiresAt: Date; status: TaskStatusName } | undefined> {
    const res = await this.pool.query(
      `update task_lease l set expires_at = $5::timestamptz + make_interval(secs => coalesce($4::double precision, l.lease_ms) / 1000)
         from task t
        where t.office_id = $1 and t.number = $2 and l.task_id = t.id and l.token = $3 and l.expires_at > $5
        returning l.expires_at, t.status`,
      [officeId, number, token, leaseMs ?? null, now],
    );
    const row = res.rows[0];
    return row ? { expiresAt: dateOf(row.expires_at), status: row.status } : undefined;
  }

  /**
   * Locks a task, lets `decide` (the domain's rules) choose a change from its current state,
   * applies it with its audit events, and re-evaluates the dependents when the task entered
   * or left `done`. Returns undefined when the task does not exist.
   */
  async mutate(officeId: string, number: number, decide: (task: TaskRecord) => TaskChange): Promise<TaskRecord | undefined> {
    return inTransaction(this.pool, async (client) => {
      const locked = await client.query(
        `select ${TASK_COLUMNS} from task t left join task_lease l on l.task_id = t.id
          where t.office_id = $1 and t.number = $2 for update of t`,
        [officeId, number],
      );
      if (!locked.rows[0]) return undefined;
      const before = taskFromRow(locked.rows[0]);
      const change = decide(before);
      await this.apply(client, before, change);
      const events: PendingEvent[] = change.events.map((e) => ({
        taskId: before.id,
        type: e.type,
        actor: change.actor,
        message: e.message,
      }));
      const after = (await this.byId(client, before.id))!;
      if ((before.status === "done") !== (after.status === "done")) {
        events.push(...(await this.refreshDependents(client, before.id)));
        if (before.parentNumber !== null) {
          // Child before parent, always: the lock order that keeps this deadlock-free.
          await client.query(
            `update task set done_subtask_count = done_subtask_count + $3, updated_at = now() where office_id = $1 and number = $2`,
            [officeId, before.parentNumber, after.status === "done" ? 1 : -1],
          );
        }
      }
      await appendEvents(client, [officeId], events);
      return after;
    });
  }

  private async apply(client: pg.PoolClient, task: TaskRecord, change: TaskChange): Promise<void> {
    const sets: string[] = ["updated_at = now()"];
    const params: unknown[] = [task.id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (change.status !== undefined && change.status !== task.status) {
      set("status", change.status);
      if (change.status === "running") sets.push("started_at = coalesce(started_at, now())");
      sets.push(FINISHED_TASK_STATUSES.includes(change.status) ? "completed_at = now()" : "completed_at = null");
    }
    if (change.result !== undefined) set("result", change.result);
    if (change.resultSummary !== undefined) set("result_summary", change.resultSummary);
    if (change.error !== undefined) set("error", change.error);
    if (change.assignedAgent !== undefined) set("assigned_agent", change.assignedAgent);
    if (change.title !== undefined) set("title", change.title);
    if (change.description !== undefined) set("description", change.description);
    if (change.priority !== undefined) set("priority", change.priority);
    if (change.verification !== undefined) set("verification", change.verification && JSON.stringify(change.verification));
    if (change.retried) sets.push("retry_count = retry_count + 1", "attempt = 0", "interruptions = 0", "available_at = now()");
    if (change.interrupted) sets.push("attempt = greatest(attempt - 1, 0)", "interruptions = interruptions + 1");
    if (change.availableInMs !== undefined) {
      params.push(change.availableInMs);
      sets.push(`available_at = now() + make_interval(secs => $${params.length}::integer / 1000.0)`);
    }
    await client.query(`update task set ${sets.join(", ")} where id = $1`, params);
    if (change.releaseLease) await client.query(`delete from task_lease where task_id = $1`, [task.id]);
  }

  /**
   * Recounts the unfinished dependencies of every task that depends on `taskId` and moves them
   * between blocked and queued. Dependents are locked in id order (no deadlocks between two
   * completions), and the count runs in a later statement than the lock, so it sees every
   * completion committed before the lock was granted: the last dependency to finish always
   * releases the fan-in task.
   */
  private async refreshDependents(client: pg.PoolClient, taskId: string): Promise<PendingEvent[]> {
    const dependents = await client.query(
      `select t.id from task t join task_dependency d on d.task_id = t.id
        where d.depends_on_id = $1 and t.status in ('blocked', 'queued') order by t.id for update of t`,
      [taskId],
    );
    if (!dependents.rowCount) return [];
    const changed = await client.query(
      `with counted as (
         select t.id, t.status as old_status,
                (select count(*) from task_dependency d join task x on x.id = d.depends_on_id
                  where d.task_id = t.id and x.status <> 'done')::int as pending
           from task t where t.id = any($1::bigint[])
       )
       update task t set pending_deps = c.pending,
              status = case when c.pending = 0 then 'queued' else 'blocked' end,
              updated_at = now()
         from counted c where t.id = c.id
       returning t.id, c.old_status, t.status`,
      [dependents.rows.map((r) => r.id)],
    );
    return changed.rows
      .filter((row) => row.old_status !== row.status)
      .map((row) => ({
        taskId: String(row.id),
        type: "status_changed" as const,
        actor: "system:queue",
        message: row.status === "queued" ? "all dependencies are done; queued" : "a dependency is not done any more; blocked",
      }));
  }

  /**
   * Applies the domain's decision (requeue after a delay, or fail) to the tasks whose lease ran
   * out, a bounded batch at a time. SKIP LOCKED lets any number of replicas sweep at once
   * without touching the same task.
   */
  async reapExpiredLeases(batch: number, now: Date, decide: (lease: ExpiredLease) => ExpiryOutcome): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const expired = await client.query(
        `select t.id, t.office_id, t.attempt, t.interruptions, l.owner from task_lease l join task t on t.id = l.task_id
          where l.expires_at < $2 order by l.expires_at limit $1 for update of l, t skip locked`,
        [batch, now],
      );
      const offices = new Set<string>();
      const events: PendingEvent[] = [];
      for (const row of expired.rows) {
        const lease: ExpiredLease = {
          taskId: String(row.id),
          officeId: String(row.office_id),
          attempt: Number(row.attempt),
          interruptions: Number(row.interruptions),
          owner: String(row.owner),
        };
        const outcome = decide(lease);
        await client.query(`delete from task_lease where task_id = $1`, [lease.taskId]);
        // A lost lease is an interruption: the claim's attempt is given back.
        const interruption = "interruptions = interruptions + 1, attempt = greatest(attempt - 1, 0)";
        if (outcome.fail) {
          await client.query(
            `update task set status = 'failed', error = $2, ${interruption}, completed_at = now(), updated_at = now() where id = $1`,
            [lease.taskId, outcome.error],
          );
        } else {
          await client.query(
            `update task set status = 'queued', ${interruption}, updated_at = now(), available_at = $3::timestamptz + make_interval(secs => $2::double precision / 1000) where id = $1`,
            [lease.taskId, outcome.delayMs, now],
          );
        }
        events.push({ taskId: lease.taskId, type: "lease_expired", actor: "system:lease-reaper", message: outcome.message });
        offices.add(lease.officeId);
      }
      await appendEvents(client, [...offices], events);
      return expired.rowCount ?? 0;
    });
  }

  async addComment(officeId: string, taskId: string, author: string, message: string): Promise<{ id: number; createdAt: Date }> {
    return inTransaction(this.pool, async (client) => {
      const res = await client.query(`insert into task_comment (task_id, author, message) values ($1, $2, $3) returning id, created_at`, [
        taskId,
        author,
        message,
      ]);
      await appendEvents(client, [officeId], [{ taskId, type: "commented", actor: author, message }]);
      return { id: Number(res.rows[0].id), createdAt: dateOf(res.rows[0].created_at) };
    });
  }

  async comments(taskId: string, limit: number, after = 0): Promise<TaskComment[]> {
    const res = await this.pool.query(
      `select id, author, message, created_at from task_comment where task_id = $1 and id > $2 order by id limit $3`,
      [taskId, after, limit],
    );
    return res.rows.map((r) => ({ id: Number(r.id), author: r.author, message: r.message, createdAt: dateOf(r.created_at) }));
  }

  async addArtifact(
    officeId: string,
    taskId: string,
    kind: ArtifactKindName,
    path: string,
    label: string,
    createdBy: string,
  ): Promise<ArtifactRecord> {
    return inTransaction(this.pool, async (client) => {
      const res = await client.query(
        `insert into task_artifact (task_id, kind, path, label, created_by) values ($1, $2, $3, $4, $5) returning *`,
        [taskId, kind, path, label, createdBy],
      );
      await appendEvents(client, [officeId], [{ taskId, type: "artifact_added", actor: createdBy, message: `${kind} ${path}` }]);
      return artifactFromRow(res.rows[0]);
    });
  }

  async artifacts(taskId: string, limit: number, after = 0): Promise<ArtifactRecord[]> {
    const res = await this.pool.query(`select * from task_artifact where task_id = $1 and id > $2 order by id limit $3`, [
      taskId,
      after,
      limit,
    ]);
    return res.rows.map(artifactFromRow);
  }

  /** Office events after `sinceId`, oldest first. */
  async events(
    officeId: string,
    sinceId: number,
    limit: number,
    filter: { statuses?: TaskStatusName[]; assignedAgent?: string } = {},
  ): Promise<TaskEventRecord[]> {
    const res = await readOfficeEvents(this.pool, officeId, (client) =>
      client.query(
        `select * from task_event
        where office_id = $1 and id > $2
          and ($3::text[] is null or snapshot->>'status' = any($3::text[]))
          and ($4::text is null or snapshot->>'assigned_agent' = $4)
        order by id limit $5`,
        [officeId, sinceId, filter.statuses?.length ? filter.statuses : null, filter.assignedAgent || null, limit],
      ),
    );
    return res.rows.map(eventFromRow);
  }

  /** The newest event id of the office (0 when none), where a new watcher starts. */
  async lastEventId(officeId: string): Promise<number> {
    const res = await readOfficeEvents(this.pool, officeId, (client) =>
      client.query(`select coalesce(max(id), 0) as id from task_event where office_id = $1`, [officeId]),
    );
    return Number(res.rows[0].id);
  }

  private async byId(client: pg.PoolClient, id: string): Promise<TaskRecord | undefined> {
    const res = await client.query(`select ${TASK_COLUMNS} from task t left join task_lease l on l.task_id = t.id where t.id = $1`, [id]);
    return res.rows[0] ? taskFromRow(res.rows[0]) : undefined;
  }
}

function artifactFromRow(r: Record<string, unknown>): ArtifactRecord {
  const { id, kind, path, label, created_by, created_at } = r;
  return {
    id: Number(id),
    kind: kind as ArtifactKindName,
    path: String(path),
    label: String(label),
    createdBy: String(created_by),
    createdAt: dateOf(created_at),
  };
}
