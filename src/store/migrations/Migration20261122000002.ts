import { Migration } from "@mikro-orm/migrations";

/**
 * The task queue (ARCHITECTURE.md §6): tasks with a global id for locking and ordering and a
 * per-office number for people; dependencies as rows with a pending counter on the task;
 * leases in a narrow table of their own; an append-only event log that is also the audit trail.
 */
export class Migration20261122000002 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table office add column last_task_number bigint not null default 0;

      create table task (
        id bigserial primary key,
        office_id uuid not null references office(id) on delete cascade,
        number bigint not null,
        parent_number bigint,
        title text not null,
        description text not null default '',
        status text not null check (status in ('queued', 'claimed', 'running', 'blocked', 'done', 'failed', 'cancelled')),
        kind text not null check (kind in ('general', 'code', 'research', 'browser', 'review', 'verify')),
        priority integer not null check (priority between 0 and 100),
        assigned_agent text not null default '',
        created_by text not null,
        depends_on bigint[] not null default '{}',
        pending_deps integer not null default 0,
        result text not null default '',
        result_summary text not null default '',
        error text not null default '',
        required_tools text[] not null default '{}',
        subtask_count integer not null default 0,
        done_subtask_count integer not null default 0,
        retry_count integer not null default 0,
        attempt integer not null default 0,
        available_at timestamptz not null default now(),
        verification jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        started_at timestamptz,
        completed_at timestamptz,
        unique (office_id, number)
      );
      -- The claim reads only queued rows: one partial index per branch of the claim.
      create index task_claim_assigned on task (office_id, assigned_agent, priority, id) where status = 'queued' and assigned_agent <> '';
      create index task_claim_open on task (office_id, priority, id) where status = 'queued' and assigned_agent = '';
      create index task_office_parent on task (office_id, parent_number) where parent_number is not null;
      create index task_office_status on task (office_id, status);

      create table task_dependency (
        depends_on_id bigint not null references task(id) on delete cascade,
        task_id bigint not null references task(id) on delete cascade,
        primary key (depends_on_id, task_id)
      );
      create index task_dependency_task on task_dependency (task_id);

      create table task_lease (
        task_id bigint primary key references task(id) on delete cascade,
        office_id uuid not null,
        token uuid not null,
        owner text not null,
        lease_ms integer not null,
        claimed_at timestamptz not null,
        expires_at timestamptz not null
      );
      create index task_lease_expiry on task_lease (expires_at);

      create table task_event (
        id bigserial primary key,
        office_id uuid not null references office(id) on delete cascade,
        task_id bigint not null references task(id) on delete cascade,
        type text not null,
        actor text not null,
        message text not null default '',
        snapshot jsonb not null,
        created_at timestamptz not null default now()
      );
      create index task_event_office on task_event (office_id, id);
      create index task_event_task on task_event (task_id, id);

      create table task_comment (
        id bigserial primary key,
        task_id bigint not null references task(id) on delete cascade,
        author text not null,
        message text not null,
        created_at timestamptz not null default now()
      );
      create index task_comment_task on task_comment (task_id, id);

      create table task_artifact (
        id bigserial primary key,
        task_id bigint not null references task(id) on delete cascade,
        kind text not null check (kind in ('file', 'branch', 'report')),
        path text not null,
        label text not null default '',
        created_by text not null,
        created_at timestamptz not null default now()
      );
      create index task_artifact_task on task_artifact (task_id, id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table task_artifact; drop table task_comment; drop table task_event; drop table task_lease;
      drop table task_dependency; drop table task; alter table office drop column last_task_number;
    `);
  }
}
