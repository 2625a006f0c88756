import { Migration } from "@mikro-orm/migrations";

/** Accounts, API keys and offices. */
export class Migration20261122000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table account (
        id uuid primary key,
        name text not null,
        admin boolean not null default false,
        created_at timestamptz not null default now()
      );
      create table api_key (
        id uuid primary key,
        account_id uuid not null references account(id) on delete cascade,
        name text not null,
        prefix text not null,
        secret_hash text not null unique,
        created_at timestamptz not null default now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz
      );
      create index api_key_account on api_key (account_id, created_at);
      create table office (
        id uuid primary key,
        account_id uuid not null references account(id) on delete cascade,
        name text not null,
        status text not null check (status in ('provisioning', 'active', 'suspended')),
        allow_agent_hiring boolean not null default false,
        agent_idle_timeout_minutes integer not null default 10,
        default_model_tier text not null default 'sonnet',
        created_at timestamptz not null default now()
      );
      create index office_account_created on office (account_id, created_at, id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table office; drop table api_key; drop table account;`);
  }
}
