import type { DescService } from "@bufbuild/protobuf";
import type { ConnectRouter } from "@connectrpc/connect";
import type { EntitySchema } from "@mikro-orm/postgresql";
import type pg from "pg";
import type { BlobStore } from "../blob/blob-store.js";
import type { Config } from "../config.js";
import type { Accounts } from "../accounts/accounts.js";
import type { Clock } from "../domain/clock.js";
import type { OfficeScope } from "../domain/office-scope.js";
import type { OfficeAccess } from "../offices/access.js";
import type { OfficeCounters } from "../offices/offices.js";
import type { Logger } from "../log.js";
import type { SecretBox } from "../secrets/secret-box.js";
import type { Orm } from "../store/orm.js";

/** What every feature is built on: the server's shared parts, made once at start-up. */
export interface FeatureContext {
  config: Config;
  log: Logger;
  orm: Orm;
  /** The ORM's pg pool, for features whose hot paths are hand-written SQL. */
  pool: pg.Pool;
  databaseUrl: string;
  blobs: BlobStore;
  accounts: Accounts;
  access: OfficeAccess;
  /** Seals secrets for storage and opens them again (the server's master key). */
  secrets: SecretBox;
  /** The time leases and availability are measured in. */
  clock: Clock;
  /** Aborts when the server starts draining: long-lived streams end then. */
  draining: AbortSignal;
  /** The counters of an office, summed over every feature's contribution. */
  officeCounters(scope: OfficeScope): Promise<OfficeCounters>;
}

/** A feature once installed: its handlers, what it adds to office status, how it stops. */
export interface InstalledFeature {
  /** Registers a handler for each of the feature's services. */
  register(router: ConnectRouter): void;
  /** Its share of an office's counters. */
  officeCounters?(scope: OfficeScope): Promise<Partial<OfficeCounters>>;
  /** Starts what needs the server's address (the agent reconciler hands it to workers), once it listens. */
  serve?(url: string): void;
  /** Stops its background jobs and connections. */
  stop?(): Promise<void>;
}

/**
 * One capability of the platform (offices, tasks, agents…): the API services it implements and
 * how to build its domain, store, handlers and jobs. Features are listed once, in
 * `features/index.ts`; the server, its health list and the `unimplemented` answers of services
 * not built yet all derive from that list.
 */
export interface Feature {
  /** How users name what it provides, e.g. "tasks". */
  name: string;
  /** The API services it implements. */
  services: readonly DescService[];
  /** The ORM entities it stores (features with hand-written SQL may have none). */
  entities?: readonly EntitySchema[];
  install(ctx: FeatureContext): Promise<InstalledFeature>;
}
