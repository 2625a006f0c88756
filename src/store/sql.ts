import type pg from "pg";

/** Runs `fn` in one transaction on a pooled connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const result = await fn(client);
    await client.query("commit");
    return result;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** A timestamp column as a Date: the ORM's pool may hand timestamps over as text. */
export function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** A nullable timestamp column as a Date or null. */
export function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : dateOf(value);
}

/**
 * A WHERE clause built one condition at a time, each with its value as the next numbered
 * parameter: `where.add("kind = ?", kind)` appends `kind = $2`.
 */
export class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  constructor(condition: string, value: unknown) {
    this.add(condition, value);
  }

  add(condition: string, value: unknown): void {
    this.conditions.push(condition.replace("?", this.param(value)));
  }

  /** Adds a parameter that is not a condition (a limit, say) and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  toString(): string {
    return this.conditions.join(" and ");
  }
}
