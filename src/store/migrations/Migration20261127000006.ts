import { Migration } from "@mikro-orm/migrations";

/**
 * Environment variables, office-wide (no agent) or one agent's (by the agent's row id, so a
 * name hired again starts clean and a fired agent's variables stay unreachable). Every value is sealed
 * (AES-256-GCM under the server's master key, src/secrets/) whether or not it is marked
 * secret, so Postgres holds no plaintext value at all; `secret` only decides whether the API
 * ever shows it again.
 */
export class Migration20261127000006 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table env_var (
        office_id uuid not null references office(id) on delete cascade,
        agent_id uuid references agent(id) on delete cascade,
        key text not null,
        sealed_value text not null,
        secret boolean not null,
        updated_at timestamptz not null,
        updated_by text not null
      );
      create unique index env_var_office on env_var (office_id, key) where agent_id is null;
      create unique index env_var_agent on env_var (agent_id, key) where agent_id is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table env_var;`);
  }
}
