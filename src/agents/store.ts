import type pg from "pg";
import { dateOf, dateOrNull, inTransaction } from "../store/sql.js";
import type {
  ActivityCategoryName,
  AgentActivityRecord,
  AgentLogRecord,
  AgentPhaseName,
  AgentRecord,
  AgentStore,
  DesiredState,
  HireTransaction,
  LogStreamName,
  NewActivity,
  NewAgent,
  NewLogLine,
  OfficeAgentSettings,
  PhaseChange,
  SuspensionReason,
} from "./model.js";

/** SQLSTATE of a unique index violation (a taken agent name). */
const UNIQUE_VIOLATION = "23505";

/**
 * Agents in Postgres, as hand-written SQL on the ORM's pg pool. Hires of one office run one at a
 * time (a transaction-scoped advisory lock on the office), so the hire rate limit and sub-budgets
 * hold under concurrency; everything else is one statement per change. The office settings
 * hiring reads are columns of the office row, read here rather than through the offices feature
 * so a hire stays one transaction.
 */
export class PgAgentStore implements AgentStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Runs `fn` holding the office's hire lock; the transaction commits when `fn` returns. */
  hireTransaction<T>(officeId: string, fn: (tx: HireTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query(`select pg_advisory_xact_lock(hashtextextended($1, 7))`, [`agent-hire:${officeId}`]);
      return fn(new HireTx(client));
    });
  }

  async get(officeId: string, name: string): Promise<AgentRecord | undefined> {
    const res = await this.pool.query(`select * from agent where office_id = $1 and name = $2 and fired_at is null`, [officeId, name]);
    return res.rows[0] ? agentFromRow(res.rows[0]) : undefined;
  }

  /** The agent with this name, or the one most recently fired under it (activity outlives a fire). */
  async getIncludingFired(officeId: string, name: string): Promise<AgentRecord | undefined> {
    const res = await this.pool.query(
      `select * from agent where office_id = $1 and name = $2 order by fired_at is null desc, fired_at desc limit 1`,
      [officeId, name],
    );
    return res.rows[0] ? agentFromRow(res.rows[0]) : undefined;
  }

  /** Agents not fired, in hiring order, after `after` (created_at, id). */
  async list(officeId: string, limit: number, after?: { createdAt: string; id: string }): Promise<AgentRecord[]> {
    const res = after
      ? await this.pool.query(
          `select * from agent where office_id = $1 and fired_at is null and (created_at, id) > ($2::timestamptz, $3::uuid)
           order by created_at, id limit $4`,
          [officeId, after.createdAt, after.id, limit],
        )
      : await this.pool.query(`select * from agent where office_id = $1 and fired_at is null order by created_at, id limit $2`, [
          officeId,
          limit,
        ]);
    return res.rows.map(agentFromRow);
  }

  async counts(officeId: string, onlineSince: Date): Promise<{ agents: number; running: number }> {
    const res = await this.pool.query(
      `select count(*)::int as agents,
         count(*) filter (where case when employee_type = 'external' then last_heartbeat_at >= $2 else phase = 'Running' end)::int
           as running
       from agent where office_id = $1 and fired_at is null`,
      [officeId, onlineSince],
    );
    return { agents: res.rows[0].agents, running: res.rows[0].running };
  }

  /** Changes the fields given; returns the agent after the change, or undefined when it is gone. */
  async update(
    officeId: string,
    name: string,
    patch: { role?: string; systemPrompt?: string; addSkills?: string[]; removeSkills?: string[] },
  ): Promise<AgentRecord | undefined> {
    const res = await this.pool.query(
      `update agent set
         role = coalesce($3, role),
         system_prompt = coalesce($4, system_prompt),
         skills = array(select distinct s from unnest(skills || $5::text[]) s where s <> all($6::text[]) order by s)
       where office_id = $1 and name = $2 and fired_at is null
       returning *`,
      [officeId, name, patch.role ?? null, patch.systemPrompt ?? null, patch.addSkills ?? [], patch.removeSkills ?? []],
    );
    return res.rows[0] ? agentFromRow(res.rows[0]) : undefined;
  }

  /** New model tier and provider, and a new generation so the runtime restarts it. */
  async promote(officeId: string, name: string, modelTier: string, provider: string | undefined): Promise<AgentRecord | undefined> {
    const res = await this.pool.query(
      `update agent set model_tier = $3, provider = coalesce($4, provider), generation = generation + 1
       where office_id = $1 and name = $2 and fired_at is null returning *`,
      [officeId, name, modelTier, provider ?? null],
    );
    return res.rows[0] ? agentFromRow(res.rows[0]) : undefined;
  }

  /**
   * Marks an agent as being fired and takes it away from the reconcilers for `leaseMs`, so the
   * fire runs alone; a reconciler finishes it only if that time passes first (the firing replica
   * died). Returns the agent, or undefined when there is none.
   */
  async markFiring(officeId: string, name: string, now: Date, leaseMs: number): Promise<AgentRecord | undefined> {
    const res = await this.pool.query(
      `update agent set desired = 'fired', phase = 'Terminating', phase_reason = 'Fired', phase_message = 'backing up the workspace',
         phase_updated_at = $3, owner = 'fire', owner_expires_at = $3::timestamptz + make_interval(secs => $4::float8 / 1000)
       where office_id = $1 and name = $2 and fired_at is null returning *`,
      [officeId, name, now, leaseMs],
    );
    return res.rows[0] ? agentFromRow(res.rows[0]) : undefined;
  }

  /** The fire is done: the row becomes a tombstone and the name is free again. */
  async markFired(id: string, backupKey: string, now: Date): Promise<void> {
    await this.pool.query(
      `update agent set fired_at = $2, workspace_backup = $3, owner = null, owner_expires_at = null where id = $1 and fired_at is null`,
      [id, now, backupKey],
    );
  }

  /**
   * Takes (or keeps) the reconciler's ownership of live agents: those it owns, those nobody
   * owns, and those whose owner stopped renewing. Returns the agents now owned by `owner`.
   */
  async claimOwnership(owner: string, now: Date, leaseMs: number, limit: number): Promise<AgentRecord[]> {
    // Claims are renewed only in their second half, so a pass over agents that nobody else
    // wants writes nothing; then this replica's agents are read as they are now.
    await this.pool.query(
      `update agent set owner = $1, owner_expires_at = $2::timestamptz + make_interval(secs => $3::float8 / 1000)
       where id in (
         select id from agent
         where fired_at is null and employee_type <> 'external'
           and (owner is null or owner_expires_at < $2
             or (owner = $1 and owner_expires_at < $2::timestamptz + make_interval(secs => $3::float8 / 2000)))
         order by id limit $4
         for update skip locked)`,
      [owner, now, leaseMs, limit],
    );
    const res = await this.pool.query(`select * from agent where owner = $1 and fired_at is null order by id limit $2`, [owner, limit]);
    return res.rows.map(agentFromRow);
  }

  /** Gives up ownership (a replica shutting down), so another replica takes over at once. */
  async releaseOwnership(owner: string): Promise<void> {
    await this.pool.query(`update agent set owner = null, owner_expires_at = null where owner = $1`, [owner]);
  }

  /** Records the observed phase; no write when nothing changed. */
  async setPhase(id: string, change: PhaseChange, now: Date): Promise<boolean> {
    const res = await this.pool.query(
      `update agent set phase = $2, phase_reason = $3, phase_message = $4, phase_updated_at = $5
       where id = $1 and fired_at is null and (phase, phase_reason, phase_message) is distinct from ($2, $3, $4)`,
      [id, change.phase, change.reason ?? "", change.message ?? "", now],
    );
    return (res.rowCount ?? 0) > 0;
  }

  /** A start was issued for `generation`: Pending until the worker reports ready. */
  async markStarted(id: string, generation: number, now: Date, message: string): Promise<void> {
    await this.pool.query(
      `update agent set started_generation = $2, started_at = $3, ready_at = null, phase = 'Pending', phase_reason = 'Starting',
         phase_message = $4, phase_updated_at = $3, charged_until = coalesce(charged_until, $3), next_start_at = null
       where id = $1`,
      [id, generation, now, message],
    );
  }

  /** The compute failed: count it and hold the next start back. */
  async markFailed(id: string, reason: string, message: string, now: Date, nextStartAt: Date): Promise<void> {
    await this.pool.query(
      `update agent set phase = 'Failed', phase_reason = $2, phase_message = $3, phase_updated_at = $4, restarts = restarts + 1,
         next_start_at = $5, started_generation = null, ready_at = null
       where id = $1`,
      [id, reason, message, now, nextStartAt],
    );
  }

  /** Stopped (suspended or idle): nothing runs, nothing is charged until it starts again. */
  async markStopped(id: string, phase: AgentPhaseName, reason: string, message: string, now: Date): Promise<void> {
    await this.pool.query(
      `update agent set phase = $2, phase_reason = $3, phase_message = $4, phase_updated_at = $5, started_generation = null,
         ready_at = null, charged_until = null
       where id = $1`,
      [id, phase, reason, message, now],
    );
  }

  async setDesired(id: string, desired: DesiredState): Promise<void> {
    await this.pool.query(`update agent set desired = $2 where id = $1`, [id, desired]);
  }

  async setSuspended(id: string, reason: SuspensionReason): Promise<void> {
    await this.pool.query(`update agent set suspended = $2 where id = $1`, [id, reason]);
  }

  /** Suspends every agent of the office that runs on the office's credits (they ran out). */
  async suspendOffice(officeId: string): Promise<AgentRecord[]> {
    const res = await this.pool.query(
      `update agent set suspended = 'InsufficientCredits'
       where office_id = $1 and fired_at is null and desired = 'running' and suspended = '' and employee_type <> 'external'
       returning *`,
      [officeId],
    );
    return res.rows.map(agentFromRow);
  }

  /** Agents held for want of office credits, in offices whose balance is positive again. */
  async resumable(owner: string): Promise<AgentRecord[]> {
    const res = await this.pool.query(
      `update agent a set suspended = '' from credit_balance b
       where a.owner = $1 and a.suspended = 'InsufficientCredits' and a.fired_at is null
         and b.office_id = a.office_id and b.balance > 0
       returning a.*`,
      [owner],
    );
    return res.rows.map(agentFromRow);
  }

  /** Usage was charged up to `until`. */
  async charged(id: string, amount: bigint, until: Date): Promise<void> {
    await this.pool.query(`update agent set credits_used = credits_used + $2, charged_until = $3 where id = $1`, [id, amount, until]);
  }

  /**
   * A heartbeat of the agent: first one after a start makes it Running. Returns the agent
   * after the update.
   */
  async heartbeat(id: string, working: boolean, now: Date): Promise<AgentRecord | undefined> {
    const res = await this.pool.query(
      `update agent set last_heartbeat_at = $2,
         last_working_at = case when $3 then $2 else last_working_at end,
         ready_at = case when started_generation is not null and ready_at is null then $2 else ready_at end,
         restarts = case when started_generation is not null and ready_at is null then 0 else restarts end,
         phase = case when phase = 'Pending' and started_generation is not null then 'Running' else phase end,
         phase_reason = case when phase = 'Pending' and started_generation is not null then '' else phase_reason end,
         phase_message = case when phase = 'Pending' and started_generation is not null then '' else phase_message end,
         phase_updated_at = case when phase = 'Pending' and started_generation is not null then $2 else phase_updated_at end
       where id = $1 and fired_at is null returning *`,
      [id, now, working],
    );
    return res.rows[0] ? agentFromRow(res.rows[0]) : undefined;
  }

  async officeSettings(officeId: string): Promise<OfficeAgentSettings | undefined> {
    const res = await this.pool.query(
      `select allow_agent_hiring, default_model_tier, agent_idle_timeout_minutes from office where id = $1`,
      [officeId],
    );
    const row = res.rows[0];
    return row
      ? {
          allowAgentHiring: row.allow_agent_hiring,
          defaultModelTier: row.default_model_tier,
          agentIdleTimeoutMinutes: row.agent_idle_timeout_minutes,
        }
      : undefined;
  }

  /** The account owning an office (the reconciler acts for it). */
  async officeOwner(officeId: string): Promise<string | undefined> {
    const res = await this.pool.query(`select account_id from office where id = $1`, [officeId]);
    return res.rows[0]?.account_id;
  }

  // Logs and activity.

  async appendLogs(lines: NewLogLine[]): Promise<void> {
    if (lines.length === 0) return;
    await this.pool.query(
      `insert into agent_log_line (agent_id, time, stream, text)
       select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[])`,
      [lines.map((l) => l.agentId), lines.map((l) => l.time), lines.map((l) => l.stream), lines.map((l) => l.text)],
    );
  }

  /** Lines after `afterId`, else after `since`, oldest first; without either, the last `limit` lines. */
  async logs(agentId: string, opts: { limit: number; afterId?: number; since?: Date }): Promise<AgentLogRecord[]> {
    // After a line id (a follower or a page token), else after a time (a poller's last line).
    if (opts.afterId !== undefined || opts.since) {
      const res = await this.pool.query(
        `select id, time, stream, text from agent_log_line
         where agent_id = $1 and (case when $2::bigint is not null then id > $2 else time > $3 end)
         order by id limit $4`,
        [agentId, opts.afterId ?? null, opts.since ?? null, opts.limit],
      );
      return res.rows.map(logFromRow);
    }
    const res = await this.pool.query(
      `select * from (select id, time, stream, text from agent_log_line where agent_id = $1 order by id desc limit $2) t order by id`,
      [agentId, opts.limit],
    );
    return res.rows.map(logFromRow);
  }

  /** Keeps the newest `keep` lines of each of these agents. */
  async pruneLogs(agentIds: string[], keep: number): Promise<void> {
    if (agentIds.length === 0) return;
    await this.pool.query(
      `delete from agent_log_line l using (
         select agent_id, max(id) - $2 as below from agent_log_line where agent_id = any($1::uuid[]) group by agent_id) m
       where l.agent_id = m.agent_id and l.id <= m.below`,
      [agentIds, keep],
    );
  }

  async addActivity(agentId: string, entry: NewActivity, now: Date): Promise<void> {
    await this.pool.query(
      `insert into agent_activity (agent_id, time, category, type, summary, task_id, details) values ($1, $2, $3, $4, $5, $6, $7)`,
      [agentId, now, entry.category, entry.type, entry.summary, entry.taskId ?? null, JSON.stringify(entry.details ?? {})],
    );
  }

  /** Entries newest first, before `beforeId`. */
  async activity(
    agentId: string,
    opts: { limit: number; beforeId?: number; categories: ActivityCategoryName[]; since?: Date },
  ): Promise<AgentActivityRecord[]> {
    const res = await this.pool.query(
      `select * from agent_activity where agent_id = $1 and ($2::bigint is null or id < $2)
         and (cardinality($3::text[]) = 0 or category = any($3)) and ($4::timestamptz is null or time > $4)
       order by id desc limit $5`,
      [agentId, opts.beforeId ?? null, opts.categories, opts.since ?? null, opts.limit],
    );
    return res.rows.map(activityFromRow);
  }

  /**
   * Copies task events an agent acted (claims, updates, comments...) into that agent's activity
   * feed, up to `limit` events past the cursor, and moves the cursor; one replica at a time (the
   * others skip the locked cursor). Events younger than a second wait for the next pass:
   * ids are taken at insert and commit later, so a younger one could still be overtaken.
   * Returns how many events were looked at.
   */
  async projectTaskActivity(limit: number): Promise<number> {
    const res = await this.pool.query(
      `with cursor as (select last_task_event_id as after from agent_activity_cursor where id = 1 for update skip locked),
       events as (
         select e.* from task_event e, cursor c
         where e.id > c.after and e.created_at < now() - interval '1 second' order by e.id limit $1),
       copied as (
         insert into agent_activity (agent_id, time, category, type, summary, task_id, details)
         select a.id, e.created_at, 'task', 'task.' || e.type,
           'task ' || (e.snapshot->>'number') || ' ' || replace(e.type, '_', ' ') || coalesce(': ' || nullif(e.message, ''), ''),
           (e.snapshot->>'number')::bigint,
           jsonb_build_object('title', e.snapshot->>'title', 'status', e.snapshot->>'status')
         from events e join agent a on a.office_id = e.office_id and a.name = e.actor and a.fired_at is null),
       moved as (update agent_activity_cursor set last_task_event_id = (select max(id) from events)
         where id = 1 and exists (select 1 from events))
       select count(*)::int as n from events`,
      [limit],
    );
    return res.rows[0].n;
  }

  /**
   * Copies chat messages into the feeds of the agents they concern (category chat): the agent a
   * direct message is to (or its own reply to the operators), the agent that wrote to another,
   * and the agent that wrote to the group chat. Read from the chat's table here, in one statement
   * with the cursor, like task events; the last second is left for transactions still committing.
   */
  async projectChatActivity(limit: number): Promise<number> {
    const res = await this.pool.query(
      `with cursor as (select last_chat_message_id as after from agent_activity_cursor where id = 1 for update skip locked),
       messages as (
         select m.* from chat_message m, cursor c
         where m.id > c.after and m.created_at < now() - interval '1 second' order by m.id limit $1),
       entries as (
         select m.*, m.agent_name as agent,
           case when m.sender = m.agent_name then 'chat.sent' else 'chat.received' end as kind,
           case when m.sender = m.agent_name then 'to the operators' else 'from ' || m.sender end as who
         from messages m where m.channel = 'direct'
         union all
         select m.*, m.peer_agent, 'chat.sent', 'to ' || m.agent_name from messages m where m.channel = 'direct' and m.peer_agent <> ''
         union all
         select m.*, m.sender, 'chat.sent', 'to the group chat' from messages m where m.channel = 'group'),
       copied as (
         insert into agent_activity (agent_id, time, category, type, summary, task_id, details)
         select a.id, e.created_at, 'chat', e.kind, e.who || ': ' || left(e.text, 200), e.task_number,
           jsonb_build_object('messageId', e.id, 'channel', e.channel)
         from entries e join agent a on a.office_id = e.office_id and a.name = e.agent and a.fired_at is null),
       moved as (update agent_activity_cursor set last_chat_message_id = (select max(id) from messages)
         where id = 1 and exists (select 1 from messages))
       select count(*)::int as n from messages`,
      [limit],
    );
    return res.rows[0].n;
  }

  // Signed requests.

  /** Remembers a nonce; false when the agent already used it (a replay). */
  async rememberNonce(officeId: string, agentName: string, nonce: string, expiresAt: Date): Promise<boolean> {
    const res = await this.pool.query(
      `insert into agent_request_nonce (office_id, agent_name, nonce, expires_at) values ($1, $2, $3, $4) on conflict do nothing`,
      [officeId, agentName, nonce, expiresAt],
    );
    return (res.rowCount ?? 0) > 0;
  }

  /** The signing identity of a live agent, with the account owning its office. */
  async signer(officeId: string, name: string): Promise<{ id: string; publicKey: string; accountId: string } | undefined> {
    const res = await this.pool.query(
      `select a.id, a.public_key, o.account_id from agent a join office o on o.id = a.office_id
       where a.office_id = $1 and a.name = $2 and a.fired_at is null`,
      [officeId, name],
    );
    const row = res.rows[0];
    return row ? { id: row.id, publicKey: row.public_key, accountId: row.account_id } : undefined;
  }

  async pruneNonces(now: Date): Promise<void> {
    await this.pool.query(`delete from agent_request_nonce where expires_at < $1`, [now]);
  }
}

/** The hire transaction's statements (the office's hire lock is held). */
export class HireTx implements HireTransaction {
  constructor(private readonly client: pg.PoolClient) {}

  /** When the office's last hires happened, oldest first, since `since`. */
  async hiresSince(officeId: string, since: Date): Promise<Date[]> {
    const res = await this.client.query(
      `select created_at from agent where office_id = $1 and created_at > $2 and employee_type <> 'external' order by created_at`,
      [officeId, since],
    );
    return res.rows.map((r) => dateOf(r.created_at));
  }

  /** The hiring agent, locked: its budget is carved from below. */
  async lockAgent(id: string): Promise<AgentRecord | undefined> {
    const res = await this.client.query(`select * from agent where id = $1 and fired_at is null for update`, [id]);
    return res.rows[0] ? agentFromRow(res.rows[0]) : undefined;
  }

  async carveBudget(hirerId: string, amount: bigint): Promise<void> {
    await this.client.query(`update agent set budget_carved = budget_carved + $2 where id = $1`, [hirerId, amount]);
  }

  /** Inserts the agent; false when the name is taken in the office. */
  async insert(agent: NewAgent, phase: AgentPhaseName): Promise<AgentRecord | false> {
    try {
      await this.client.query("savepoint hire");
      const res = await this.client.query(
        `insert into agent (id, office_id, name, employee_type, model_tier, provider, role, skills, system_prompt, hired_by,
           hired_by_agent_id, spawn_depth, budget, public_key, phase, phase_reason, phase_updated_at, last_working_at, created_at,
           xmtp_address, cloned_from, last_heartbeat_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'Hired', $16, $16, $16, $17, $18,
           -- an external agent's join is its first sign of life
           case when $4 = 'external' then $16::timestamptz end)
         returning *`,
        [
          agent.id,
          agent.officeId,
          agent.name,
          agent.employeeType,
          agent.modelTier,
          agent.provider,
          agent.role,
          agent.skills,
          agent.systemPrompt,
          agent.hiredBy,
          agent.hiredByAgentId,
          agent.spawnDepth,
          agent.budget,
          agent.publicKey,
          phase,
          agent.now,
          agent.xmtpAddress ?? "",
          agent.clonedFrom ?? "",
        ],
      );
      return agentFromRow(res.rows[0]);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        await this.client.query("rollback to savepoint hire");
        return false;
      }
      throw err;
    }
  }

  async addActivity(agentId: string, entry: NewActivity, now: Date): Promise<void> {
    await this.client.query(
      `insert into agent_activity (agent_id, time, category, type, summary, task_id, details) values ($1, $2, $3, $4, $5, $6, $7)`,
      [agentId, now, entry.category, entry.type, entry.summary, entry.taskId ?? null, JSON.stringify(entry.details ?? {})],
    );
  }
}

function agentFromRow(row: Record<string, unknown>): AgentRecord {
  return {
    id: row.id as string,
    officeId: row.office_id as string,
    name: row.name as string,
    employeeType: row.employee_type as AgentRecord["employeeType"],
    modelTier: row.model_tier as string,
    provider: row.provider as string,
    role: row.role as string,
    skills: row.skills as string[],
    systemPrompt: row.system_prompt as string,
    hiredBy: row.hired_by as string,
    hiredByAgentId: (row.hired_by_agent_id as string | null) ?? null,
    spawnDepth: row.spawn_depth as number,
    budget: row.budget === null ? null : BigInt(row.budget as string),
    budgetCarved: BigInt(row.budget_carved as string),
    creditsUsed: BigInt(row.credits_used as string),
    publicKey: row.public_key as string,
    generation: row.generation as number,
    desired: row.desired as DesiredState,
    suspended: row.suspended as SuspensionReason,
    phase: row.phase as AgentPhaseName,
    phaseReason: row.phase_reason as string,
    phaseMessage: row.phase_message as string,
    phaseUpdatedAt: dateOf(row.phase_updated_at),
    startedGeneration: (row.started_generation as number | null) ?? null,
    startedAt: dateOrNull(row.started_at),
    readyAt: dateOrNull(row.ready_at),
    lastHeartbeatAt: dateOrNull(row.last_heartbeat_at),
    lastWorkingAt: dateOf(row.last_working_at),
    chargedUntil: dateOrNull(row.charged_until),
    restarts: row.restarts as number,
    nextStartAt: dateOrNull(row.next_start_at),
    createdAt: dateOf(row.created_at),
    firedAt: dateOrNull(row.fired_at),
    workspaceBackup: row.workspace_backup as string,
    xmtpAddress: row.xmtp_address as string,
    clonedFrom: row.cloned_from as string,
  };
}

function logFromRow(row: Record<string, unknown>): AgentLogRecord {
  return { id: Number(row.id), time: dateOf(row.time), stream: row.stream as LogStreamName, text: row.text as string };
}

function activityFromRow(row: Record<string, unknown>): AgentActivityRecord {
  return {
    id: Number(row.id),
    time: dateOf(row.time),
    category: row.category as ActivityCategoryName,
    type: row.type as string,
    summary: row.summary as string,
    taskId: row.task_id === null ? null : Number(row.task_id),
    details: row.details as Record<string, unknown>,
  };
}
