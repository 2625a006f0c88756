import { Migration } from "@mikro-orm/migrations";

/**
 * Integrations: an office's credentials per integration (every field sealed on its own, bound to
 * office, integration and field, so Postgres holds no plaintext credential), which agents have
 * each integration enabled (by agent row id: a name hired again starts without), and agents'
 * requests for integrations. Integration ids name catalog entries, which live in code.
 */
export class Migration20261127000007 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table integration_secret (
        office_id uuid not null references office(id) on delete cascade,
        integration_id text not null,
        sealed_fields jsonb not null,
        configured_at timestamptz not null,
        configured_by text not null,
        primary key (office_id, integration_id)
      );
      create table agent_integration (
        office_id uuid not null references office(id) on delete cascade,
        agent_id uuid not null references agent(id) on delete cascade,
        integration_id text not null,
        enabled_at timestamptz not null,
        enabled_by text not null,
        primary key (agent_id, integration_id)
      );
      create index agent_integration_office on agent_integration (office_id, integration_id);
      create table integration_request (
        seq bigserial primary key,
        id uuid not null unique,
        office_id uuid not null references office(id) on delete cascade,
        agent_id uuid not null references agent(id) on delete cascade,
        integration_id text not null,
        reason text not null,
        status text not null check (status in ('pending', 'fulfilled', 'rejected')),
        created_at timestamptz not null,
        resolved_at timestamptz,
        resolution_note text not null default ''
      );
      create index integration_request_office on integration_request (office_id, seq desc);
      -- One pending request per agent and integration: asking again returns the one that waits.
      create unique index integration_request_pending on integration_request (agent_id, integration_id) where status = 'pending';
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table integration_request; drop table agent_integration; drop table integration_secret;`);
  }
}
