import type pg from "pg";
import { dateOf, dateOrNull, inTransaction } from "../store/sql.js";
import type { TaskEventName, TaskEventRecord, TaskKindName, TaskRecord, TaskStatusName, Verification } from "./model.js";

/** Columns of `task` plus its lease, aliased `t` and `l`. */
export const TASK_COLUMNS = `t.*, l.owner as lease_owner, l.claimed_at as lease_claimed_at, l.expires_at as lease_expires_at, l.token as lease_token`;

/** Maps a row of `select ${TASK_COLUMNS} from task t left join task_lease l ...` (or a task_event snapshot). */
export function taskFromRow(row: Record<string, unknown>): TaskRecord {
  return {
    id: String(row.id),
    officeId: String(row.office_id),
    number: Number(row.number),
    parentNumber: row.parent_number === null || row.parent_number === undefined ? null : Number(row.parent_number),
    title: String(row.title),
    description: String(row.description ?? ""),
    status: row.status as TaskStatusName,
    kind: row.kind as TaskKindName,
    priority: Number(row.priority),
    assignedAgent: String(row.assigned_agent ?? ""),
    createdBy: String(row.created_by),
    dependsOn: ((row.depends_on as unknown[]) ?? []).map(Number),
    pendingDeps: Number(row.pending_deps ?? 0),
    result: String(row.result ?? ""),
    resultSummary: String(row.result_summary ?? ""),
    error: String(row.error ?? ""),
    requiredTools: (row.required_tools as string[]) ?? [],
    subtaskCount: Number(row.subtask_count ?? 0),
    doneSubtaskCount: Number(row.done_subtask_count ?? 0),
    retryCount: Number(row.retry_count ?? 0),
    attempt: Number(row.attempt ?? 0),
    interruptions: Number(row.interruptions ?? 0),
    verification: (row.verification as Verification | null) ?? null,
    createdAt: dateOf(row.created_at),
    updatedAt: dateOf(row.updated_at),
    startedAt: dateOrNull(row.started_at),
    completedAt: dateOrNull(row.completed_at),
    lease: row.lease_owner
      ? {
          owner: String(row.lease_owner),
          claimedAt: dateOf(row.lease_claimed_at),
          expiresAt: dateOf(row.lease_expires_at),
          token: String(row.lease_token),
        }
      : null,
  };
}

/** Maps a task_event row (its snapshot is the task row, with the lease fields added). */
export function eventFromRow(row: Record<string, unknown>): TaskEventRecord {
  return {
    id: Number(row.id),
    type: row.type as TaskEventName,
    actor: String(row.actor),
    message: String(row.message),
    createdAt: dateOf(row.created_at),
    task: taskFromRow(row.snapshot as Record<string, unknown>),
  };
}

/** The channel whose payload (an office id) tells listeners that task events were written. */
export const TASK_EVENTS_CHANNEL = "mi_task_events";

/**
 * Appends an event for a task, snapshotting the task row (and lease) as it is now in this
 * transaction. Every event is also an audit entry.
 */
/** The task snapshot stored with an event: the row of `t` plus its lease `l`, minus the lease token. */
export function snapshotSql(t: string, l: string): string {
  return `to_jsonb(${t}) || jsonb_build_object('lease_owner', ${l}.owner, 'lease_claimed_at', ${l}.claimed_at, 'lease_expires_at', ${l}.expires_at, 'lease_token', '')`;
}

export async function recordEvent(client: pg.PoolClient, taskId: string, type: TaskEventName, actor: string, message = ""): Promise<void> {
  await client.query(
    `insert into task_event (office_id, task_id, type, actor, message, snapshot)
     select t.office_id, t.id, $2, $3, $4, ${snapshotSql("t", "l")}
       from task t left join task_lease l on l.task_id = t.id
      where t.id = $1`,
    [taskId, type, actor, message],
  );
}

/** An audit event decided during a transaction, appended at its end by {@link appendEvents}. */
export interface PendingEvent {
  taskId: string;
  type: TaskEventName;
  actor: string;
  message: string;
}

/**
 * Appends a transaction's events and wakes the offices' watchers. Call it last, after every row
 * lock the transaction takes. It holds the office's event lock in shared mode until commit,
 * before any event id is drawn; readers take it in exclusive mode (readOfficeEvents), so they
 * read only when no writer of the office holds an id it has not committed yet, and a reader
 * paging by id never passes an event that becomes visible later. Writers never wait for each
 * other.
 */
export async function appendEvents(client: pg.PoolClient, officeIds: string[], events: PendingEvent[]): Promise<void> {
  const offices = [...new Set(officeIds)].sort();
  for (const office of offices)
    await client.query(`select pg_advisory_xact_lock_shared(hashtextextended($1, ${EVENT_LOCK_SEED}))`, [office]);
  for (const e of events) await recordEvent(client, e.taskId, e.type, e.actor, e.message);
  for (const office of offices) await notifyOffice(client, office);
}

/** Seed of the advisory lock keys that order each office's event ids (see appendEvents). */
export const EVENT_LOCK_SEED = 7243002;

/**
 * Runs `read` in a transaction holding the office's event lock exclusively: it waits until
 * every writer that drew an event id for the office committed or rolled back (new writers wait
 * for the read), so the events visible to `read` are a gap-free prefix of the office's log.
 */
export async function readOfficeEvents<T>(pool: pg.Pool, officeId: string, read: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query(`select pg_advisory_xact_lock(hashtextextended($1, ${EVENT_LOCK_SEED}))`, [officeId]);
    return read(client);
  });
}

/** Wakes event watchers of the office on every replica once this transaction commits. */
export async function notifyOffice(client: pg.PoolClient, officeId: string): Promise<void> {
  await client.query(`select pg_notify($1, $2)`, [TASK_EVENTS_CHANNEL, officeId]);
}
