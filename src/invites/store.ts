import type pg from "pg";
import type { AgentRecord } from "../agents/model.js";
import { HireTx } from "../agents/store.js";
import { dateOf, dateOrNull, inTransaction } from "../store/sql.js";
import type { InviteRecord, InviteStatusName, InviteStore, InviteTypeName, NewInvite, RedeemTransaction } from "./model.js";

const UNIQUE_VIOLATION = "23505";

/** An invite's status, derived from its timestamps as of $now (a parameter of every query that reads one). */
const status = (now: string) =>
  `case when revoked_at is not null then 'revoked' when used_at is not null then 'used'
        when expires_at <= ${now} then 'expired' else 'active' end`;

/**
 * Invites in Postgres, as hand-written SQL on the ORM's pg pool. A join locks the invite's row
 * and admits the agent in the same transaction, so a code admits one agent however many try it
 * at once, and a refused join (a taken name) leaves the code unused.
 */
export class PgInviteStore implements InviteStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(invite: NewInvite, now: Date): Promise<InviteRecord | false> {
    try {
      const res = await this.pool.query(
        `insert into invite (id, office_id, code, type, name, created_by, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning *, ${status("$9")} as status`,
        [invite.id, invite.officeId, invite.code, invite.type, invite.name, invite.createdBy, invite.createdAt, invite.expiresAt, now],
      );
      return inviteFromRow(res.rows[0]);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw err;
    }
  }

  async newestActive(officeId: string, type: InviteTypeName, name: string, now: Date): Promise<InviteRecord | undefined> {
    const res = await this.pool.query(
      `select *, ${status("$4")} as status from invite
       where office_id = $1 and type = $2 and name = $3 and revoked_at is null and used_at is null and expires_at > $4
       order by seq desc limit 1`,
      [officeId, type, name, now],
    );
    return res.rows[0] ? inviteFromRow(res.rows[0]) : undefined;
  }

  async list(
    officeId: string,
    now: Date,
    opts: { limit: number; beforeSeq?: number; status?: InviteStatusName; type?: InviteTypeName },
  ): Promise<InviteRecord[]> {
    const res = await this.pool.query(
      `select * from (select *, ${status("$2")} as status from invite where office_id = $1) i
       where ($3::bigint is null or seq < $3) and ($4::text is null or status = $4) and ($5::text is null or type = $5)
       order by seq desc limit $6`,
      [officeId, now, opts.beforeSeq ?? null, opts.status ?? null, opts.type ?? null, opts.limit],
    );
    return res.rows.map(inviteFromRow);
  }

  async get(officeId: string, id: string, now: Date): Promise<InviteRecord | undefined> {
    const res = await this.pool.query(`select *, ${status("$3")} as status from invite where office_id = $1 and id = $2`, [
      officeId,
      id,
      now,
    ]);
    return res.rows[0] ? inviteFromRow(res.rows[0]) : undefined;
  }

  async revoke(officeId: string, id: string, now: Date): Promise<InviteRecord | undefined> {
    await this.pool.query(
      `update invite set revoked_at = $3 where office_id = $1 and id = $2 and revoked_at is null and used_at is null and expires_at > $3`,
      [officeId, id, now],
    );
    return this.get(officeId, id, now);
  }

  async byCode(code: string, now: Date): Promise<InviteRecord | undefined> {
    const res = await this.pool.query(`select *, ${status("$2")} as status from invite where code = $1`, [code, now]);
    return res.rows[0] ? inviteFromRow(res.rows[0]) : undefined;
  }

  redeem<T>(
    code: string,
    now: Date,
    fn: (invite: (InviteRecord & { accountId: string }) | undefined, tx: RedeemTransaction) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      const res = await client.query(
        `select i.*, ${status("$2")} as status, o.account_id from invite i join office o on o.id = i.office_id
         where i.code = $1 for update of i`,
        [code, now],
      );
      const hire = new HireTx(client);
      const tx: RedeemTransaction = {
        insert: (agent, phase) => hire.insert(agent, phase),
        addActivity: (agentId, entry, at) => hire.addActivity(agentId, entry, at),
        async markUsed(inviteId: string, agent: AgentRecord, at: Date) {
          await client.query(`update invite set used_at = $2, used_by_agent = $3, used_by_agent_id = $4 where id = $1`, [
            inviteId,
            at,
            agent.name,
            agent.id,
          ]);
        },
      };
      const row = res.rows[0];
      return fn(row ? { ...inviteFromRow(row), accountId: row.account_id as string } : undefined, tx);
    });
  }
}

function inviteFromRow(row: Record<string, unknown>): InviteRecord {
  return {
    seq: Number(row.seq),
    id: row.id as string,
    officeId: row.office_id as string,
    code: row.code as string,
    type: row.type as InviteTypeName,
    name: row.name as string,
    status: row.status as InviteStatusName,
    createdBy: row.created_by as string,
    createdAt: dateOf(row.created_at),
    expiresAt: dateOf(row.expires_at),
    usedAt: dateOrNull(row.used_at),
    usedByAgent: row.used_by_agent as string,
    revokedAt: dateOrNull(row.revoked_at),
  };
}
