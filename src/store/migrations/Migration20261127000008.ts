import { Migration } from "@mikro-orm/migrations";

/**
 * Invites and external agents: single-use codes that admit an agent running elsewhere to an
 * office (codes are unique across offices: joining names only the code), and on the agent row the
 * XMTP address it chats from and, for a hosted clone, the agent it was cloned from. An invite's
 * status is derived (revoked, used, expired by time, else active), never stored twice.
 */
export class Migration20261127000008 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table invite (
        seq bigserial primary key,
        id uuid not null unique,
        office_id uuid not null references office(id) on delete cascade,
        code text not null unique,
        type text not null check (type in ('agent', 'human')),
        name text not null,
        created_by text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz,
        used_by_agent text not null default '',
        used_by_agent_id uuid references agent(id) on delete set null,
        revoked_at timestamptz
      );
      create index invite_office on invite (office_id, seq desc);
      alter table agent add column xmtp_address text not null default '';
      alter table agent add column cloned_from text not null default '';
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table invite; alter table agent drop column xmtp_address; alter table agent drop column cloned_from;`);
  }
}
