import type pg from "pg";
import { dateOf, inTransaction, Where } from "../store/sql.js";
import type {
  CreditBalanceRecord,
  CreditChange,
  CreditChangeOutcome,
  CreditEntryKindName,
  CreditLedgerFilter,
  CreditLedgerRecord,
  CreditStore,
} from "./model.js";

/** SQLSTATE of an insert whose office row is gone. */
const FOREIGN_KEY_VIOLATION = "23503";

/**
 * Credits in Postgres, as hand-written SQL on the ORM's pg pool. A change holds the office's
 * balance row lock while it writes, so changes of one office apply one after another while
 * offices never wait for each other: a change with an idempotency key in a short transaction
 * (the key is checked under the lock), any other change in one statement, so the lock is held
 * for one round trip rather than four.
 */

export class PgCreditStore implements CreditStore {
  constructor(private readonly pool: pg.Pool) {}

  async balance(officeId: string): Promise<CreditBalanceRecord> {
    const res = await this.pool.query(`select balance, updated_at from credit_balance where office_id = $1`, [officeId]);
    const row = res.rows[0];
    return row ? balanceFromRow(officeId, row) : { officeId, balance: 0n, updatedAt: null };
  }

  async apply(change: CreditChange): Promise<CreditChangeOutcome> {
    try {
      return await this.applyOnce(change);
    } catch (err) {
      // The balance row insert found no office row: deleted since the request's scope was resolved.
      if ((err as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return { officeGone: true };
      throw err;
    }
  }

  async entry(officeId: string, requestId: string): Promise<CreditLedgerRecord | undefined> {
    const res = await this.pool.query(`select * from credit_ledger_entry where office_id = $1 and request_id = $2`, [officeId, requestId]);
    return res.rows[0] ? entryFromRow(res.rows[0]) : undefined;
  }

  private async applyOnce(change: CreditChange): Promise<CreditChangeOutcome> {
    if (change.requestId === null) return this.applyInOneStatement(change);
    return inTransaction(this.pool, async (client) => {
      // Only an addition creates the row (lazily, at 0): a spend from an office without one is
      // refused anyway, and a refusal writes nothing. The office's foreign key refuses the
      // insert if the office was deleted meanwhile (see apply).
      if (change.amount > 0n) {
        await client.query(`insert into credit_balance (office_id) values ($1) on conflict (office_id) do nothing`, [change.officeId]);
      }
      // The row lock serialises changes of this office. In READ COMMITTED each later statement
      // sees everything committed before the lock was granted, so the request id lookup below
      // cannot miss a concurrent first attempt.
      const locked = await client.query(`select balance, updated_at from credit_balance where office_id = $1 for update`, [
        change.officeId,
      ]);
      const current = locked.rows[0] ? BigInt(locked.rows[0].balance) : 0n;
      if (change.requestId !== null) {
        const prior = await client.query(`select * from credit_ledger_entry where office_id = $1 and request_id = $2`, [
          change.officeId,
          change.requestId,
        ]);
        if (prior.rows[0]) {
          return { replayed: entryFromRow(prior.rows[0]), balance: balanceFromRow(change.officeId, locked.rows[0]) };
        }
      }
      // Conditional, so the balance cannot go below zero even without the lock above (and the
      // table's check constraint stands behind both).
      const updated = await client.query(
        `update credit_balance set balance = balance + $2, updated_at = now()
          where office_id = $1 and balance + $2 >= 0
          returning balance, updated_at`,
        [change.officeId, String(change.amount)],
      );
      if (updated.rowCount === 0) return { insufficient: current };
      const balance = balanceFromRow(change.officeId, updated.rows[0]);
      const inserted = await client.query(
        `insert into credit_ledger_entry (office_id, kind, amount, balance_after, note, agent_name, created_by, request_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         returning *`,
        [
          change.officeId,
          change.kind,
          String(change.amount),
          String(balance.balance),
          change.note,
          change.agentName,
          change.createdBy,
          change.requestId,
        ],
      );
      return { applied: entryFromRow(inserted.rows[0]), balance };
    });
  }

  /**
   * A change without an idempotency key: the conditional update and its ledger row in one
   * statement (atomic on its own; under READ COMMITTED a waiting update re-checks
   * `balance + $2 >= 0` on the row it finally locks, so concurrent spends cannot overdraw).
   */
  private async applyInOneStatement(change: CreditChange): Promise<CreditChangeOutcome> {
    if (change.amount > 0n) {
      await this.pool.query(`insert into credit_balance (office_id) values ($1) on conflict (office_id) do nothing`, [change.officeId]);
    }
    const res = await this.pool.query(
      `with changed as (
         update credit_balance set balance = balance + $2, updated_at = now()
          where office_id = $1 and balance + $2 >= 0
          returning balance, updated_at
       ), entry as (
         insert into credit_ledger_entry (office_id, kind, amount, balance_after, note, agent_name, created_by)
         select $1, $3, $2, balance, $4, $5, $6 from changed
         returning *
       )
       select entry.*, changed.balance as new_balance, changed.updated_at as new_updated_at from entry, changed`,
      [change.officeId, String(change.amount), change.kind, change.note, change.agentName, change.createdBy],
    );
    const row = res.rows[0];
    if (!row) {
      // A deposit always fits, so its update found no row: the office was deleted meanwhile.
      if (change.amount > 0n) return { officeGone: true };
      return { insufficient: (await this.balance(change.officeId)).balance };
    }
    return {
      applied: entryFromRow(row),
      balance: balanceFromRow(change.officeId, { balance: row.new_balance, updated_at: row.new_updated_at }),
    };
  }

  async ledger(officeId: string, filter: CreditLedgerFilter, limit: number, before?: number): Promise<CreditLedgerRecord[]> {
    const where = new Where("office_id = ?", officeId);
    if (filter.agentName) where.add("agent_name = ?", filter.agentName);
    if (filter.kind) where.add("kind = ?", filter.kind);
    if (before !== undefined) where.add("id < ?", before);
    const res = await this.pool.query(
      `select * from credit_ledger_entry where ${where} order by id desc limit ${where.param(limit)}`,
      where.params,
    );
    return res.rows.map(entryFromRow);
  }
}

function balanceFromRow(officeId: string, row: Record<string, unknown>): CreditBalanceRecord {
  return { officeId, balance: BigInt(row.balance as string), updatedAt: dateOf(row.updated_at) };
}

function entryFromRow(row: Record<string, unknown>): CreditLedgerRecord {
  return {
    id: Number(row.id),
    kind: row.kind as CreditEntryKindName,
    amount: BigInt(row.amount as string),
    balanceAfter: BigInt(row.balance_after as string),
    note: row.note as string,
    agentName: row.agent_name as string,
    createdBy: row.created_by as string,
    requestId: (row.request_id as string | null) ?? null,
    createdAt: dateOf(row.created_at),
  };
}
