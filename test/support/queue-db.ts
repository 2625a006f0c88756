import pg from "pg";

/**
 * Direct access to a test server's task tables, for what the API does not show on purpose:
 * the stored lease expiry, and the server's LISTEN connection to cut it.
 */
export class QueueDb {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  }

  /** The lease expiry stored for a task, or undefined when it holds no lease. */
  async leaseExpiry(officeId: string, number: bigint): Promise<Date | undefined> {
    const res = await this.pool.query(
      `select l.expires_at from task_lease l join task t on t.id = l.task_id where t.office_id = $1 and t.number = $2`,
      [officeId, String(number)],
    );
    return res.rows[0]?.expires_at;
  }

  /** Backend pids of the connections in this database that are listening for task events. */
  async listenerPids(): Promise<number[]> {
    const res = await this.pool.query(
      `select pid from pg_stat_activity where datname = current_database() and query ilike 'listen mi_task_events' order by pid`,
    );
    return res.rows.map((r) => Number(r.pid));
  }

  /** Terminates these backends, as a network failure or a DBA would. */
  async terminate(pids: number[]): Promise<void> {
    await this.pool.query(`select pg_terminate_backend(pid) from unnest($1::int[]) as pid`, [pids]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
