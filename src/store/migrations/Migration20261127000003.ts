import { Migration } from "@mikro-orm/migrations";

/**
 * Credits: one balance row per office and the ledger of every change. Both reference the
 * office with `on delete cascade`, so deleting an office removes its credits with it. The
 * balance row is created lazily, by the first deposit: offices created before (or without)
 * one read as 0. The checks restate the invariants the store keeps (never below zero, every
 * entry a real change), so a bug there fails loudly instead of corrupting a balance.
 */
export class Migration20261127000003 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table credit_balance (
        office_id uuid primary key references office(id) on delete cascade,
        balance bigint not null default 0 check (balance >= 0),
        updated_at timestamptz not null default now()
      );

      create table credit_ledger_entry (
        id bigserial primary key,
        office_id uuid not null references office(id) on delete cascade,
        kind text not null check (kind in ('deposit', 'usage', 'refund', 'adjustment')),
        amount bigint not null check (amount <> 0),
        balance_after bigint not null check (balance_after >= 0),
        note text not null default '',
        agent_name text not null default '',
        created_by text not null,
        request_id uuid,
        created_at timestamptz not null default now()
      );
      -- Listing newest first, all entries or one agent's.
      create index credit_ledger_office on credit_ledger_entry (office_id, id);
      create index credit_ledger_agent on credit_ledger_entry (office_id, agent_name, id) where agent_name <> '';
      -- An idempotency key names one entry per office, whatever the store's locking does.
      create unique index credit_ledger_request on credit_ledger_entry (office_id, request_id) where request_id is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table credit_ledger_entry; drop table credit_balance;`);
  }
}
