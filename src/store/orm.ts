import { MikroORM, type EntitySchema } from "@mikro-orm/postgresql";
import { Migrator } from "@mikro-orm/migrations";
import { migrations } from "./migrations/index.js";

/** The ORM connected to Postgres with all migrations applied. */
export type Orm = MikroORM;

/** Connections in the server's pool unless told otherwise. */
export const DEFAULT_POOL_SIZE = 10;

/** How long taking a connection may wait for Postgres to answer. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Connects to `databaseUrl` with the features' entities, applies pending migrations and returns the ORM. */
export async function initOrm(databaseUrl: string, opts: { entities: readonly EntitySchema[]; poolSize?: number }): Promise<Orm> {
  const orm = await MikroORM.init({
    clientUrl: databaseUrl,
    entities: [...opts.entities],
    extensions: [Migrator],
    migrations: { migrationsList: migrations, snapshot: false, silent: true, transactional: true, allOrNothing: true },
    pool: { min: 0, max: opts.poolSize ?? DEFAULT_POOL_SIZE },
    // Passed to pg's Pool: while Postgres is away, a request waits at most this long for a
    // connection and then fails (as `unavailable`) instead of queueing without end.
    driverOptions: { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, application_name: "mitosis" },
    // Requests fork their own EntityManager; the global one must never collect state.
    allowGlobalContext: false,
    debug: false,
  });
  await migrateWithLock(orm);
  return orm;
}

/** Several replicas may start at once: an advisory lock lets one migrate while the others wait. */
async function migrateWithLock(orm: Orm): Promise<void> {
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    await tx.execute("select pg_advisory_xact_lock(7243001)");
    await orm.migrator.up();
  });
}
