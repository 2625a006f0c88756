import type pg from "pg";
import { dateOf } from "../store/sql.js";
import type { EnvOwner, EnvStore, StoredEnvVar } from "./model.js";

/**
 * Environment variables in Postgres (hand-written SQL on the ORM's pool). Agent-level rows name
 * the agent's row id; the agent's name is looked up among live agents of the office, the
 * agents feature's table, since a variable belongs to an agent that exists.
 */
export class PgEnvStore implements EnvStore {
  constructor(private readonly pool: pg.Pool) {}

  async agentId(officeId: string, name: string): Promise<string | undefined> {
    const res = await this.pool.query(`select id from agent where office_id = $1 and name = $2 and fired_at is null`, [officeId, name]);
    return res.rows[0]?.id;
  }

  async list(owner: EnvOwner, limit: number, afterKey?: string): Promise<StoredEnvVar[]> {
    const res = await this.pool.query(
      `select key, sealed_value, secret, updated_at, updated_by from env_var
       where office_id = $1 and agent_id is not distinct from $2 and ($3::text is null or key collate "C" > $3 collate "C")
       order by key collate "C" limit $4`,
      [owner.officeId, owner.agentId, afterKey ?? null, limit],
    );
    return res.rows.map((row) => ({
      key: row.key,
      sealedValue: row.sealed_value,
      secret: row.secret,
      updatedAt: dateOf(row.updated_at),
      updatedBy: row.updated_by,
    }));
  }

  async set(owner: EnvOwner, v: StoredEnvVar): Promise<void> {
    const conflict = owner.agentId === null ? "(office_id, key) where agent_id is null" : "(agent_id, key) where agent_id is not null";
    await this.pool.query(
      `insert into env_var (office_id, agent_id, key, sealed_value, secret, updated_at, updated_by) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict ${conflict} do update set sealed_value = excluded.sealed_value, secret = excluded.secret,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [owner.officeId, owner.agentId, v.key, v.sealedValue, v.secret, v.updatedAt, v.updatedBy],
    );
  }

  async delete(owner: EnvOwner, key: string): Promise<boolean> {
    const res = await this.pool.query(`delete from env_var where office_id = $1 and agent_id is not distinct from $2 and key = $3`, [
      owner.officeId,
      owner.agentId,
      key,
    ]);
    return (res.rowCount ?? 0) > 0;
  }
}
