import { Migration } from "@mikro-orm/migrations";

/**
 * Agents: the desired state the reconciler drives the runtime towards, plus what it observed
 * (phase, heartbeats, usage charged), their log lines, activity feed and the nonces of their
 * signed requests. A fired agent's row stays as a tombstone (fired_at set) so its activity
 * feed and backup key outlive it; the name is unique only among agents not fired. Phases are
 * stored as the docs spell them (Pending, Running...).
 */
export class Migration20261127000004 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table agent (
        id uuid primary key,
        office_id uuid not null references office(id) on delete cascade,
        name text not null,
        employee_type text not null check (employee_type in ('kubernetes', 'external', 'local')),
        model_tier text not null,
        provider text not null default '',
        role text not null default '',
        skills text[] not null default '{}',
        system_prompt text not null default '',
        hired_by text not null,
        hired_by_agent_id uuid references agent(id) on delete set null,
        spawn_depth int not null default 0 check (spawn_depth >= 0),
        budget bigint check (budget > 0),
        budget_carved bigint not null default 0 check (budget_carved >= 0),
        credits_used bigint not null default 0 check (credits_used >= 0),
        public_key text not null,
        generation int not null default 1,
        desired text not null default 'running' check (desired in ('running', 'stopped', 'fired')),
        suspended text not null default '',
        phase text not null,
        phase_reason text not null default '',
        phase_message text not null default '',
        phase_updated_at timestamptz not null,
        started_generation int,
        started_at timestamptz,
        ready_at timestamptz,
        last_heartbeat_at timestamptz,
        last_working_at timestamptz not null,
        charged_until timestamptz,
        restarts int not null default 0,
        next_start_at timestamptz,
        owner text,
        owner_expires_at timestamptz,
        created_at timestamptz not null,
        fired_at timestamptz,
        workspace_backup text not null default ''
      );
      create unique index agent_name on agent (office_id, name) where fired_at is null;
      -- Listing in hiring order, and the hire rate window.
      create index agent_office on agent (office_id, created_at, id);
      -- The reconciler's sweep of live agents: claims running out, and each replica's own.
      create index agent_live on agent (owner_expires_at) where fired_at is null;
      create index agent_owner on agent (owner) where fired_at is null;

      create table agent_log_line (
        id bigserial primary key,
        agent_id uuid not null references agent(id) on delete cascade,
        time timestamptz not null,
        stream text not null check (stream in ('stdout', 'stderr', 'system')),
        text text not null
      );
      create index agent_log_agent on agent_log_line (agent_id, id);

      create table agent_activity (
        id bigserial primary key,
        agent_id uuid not null references agent(id) on delete cascade,
        time timestamptz not null,
        category text not null,
        type text not null,
        summary text not null,
        task_id bigint,
        details jsonb not null default '{}'
      );
      create index agent_activity_agent on agent_activity (agent_id, id);
      -- How far the task events acted by agents have been copied into their activity feeds.
      create table agent_activity_cursor (
        id int primary key check (id = 1),
        last_task_event_id bigint not null
      );
      insert into agent_activity_cursor values (1, 0);

      -- Nonces of signed requests, kept for the timestamp window: a second use is a replay.
      create table agent_request_nonce (
        office_id uuid not null references office(id) on delete cascade,
        agent_name text not null,
        nonce text not null,
        expires_at timestamptz not null,
        primary key (office_id, agent_name, nonce)
      );
      create index agent_request_nonce_expiry on agent_request_nonce (expires_at);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(
      `drop table agent_request_nonce; drop table agent_activity_cursor; drop table agent_activity; drop table agent_log_line; drop table agent;`,
    );
  }
}
