import { keysetPage, type Page, type PageKey, type PageRequest } from "../domain/paging.js";
import type { OfficeScope } from "../domain/office-scope.js";
import {
  officeNotFound,
  type Office,
  type OfficeCounters,
  type OfficeCursor,
  type OfficeSettingsPatch,
  type OfficeStore,
} from "./model.js";

export type { Office, OfficeCounters, OfficeStatusName } from "./model.js";
import type { Principal } from "../domain/principal.js";

/** Removes everything an office keeps outside Postgres (its files in object storage). */
export type OfficeContentsCleaner = (officeId: string) => Promise<void>;

/** What `mi offices status` shows. */
export interface OfficeStatusView extends OfficeCounters {
  office: Office;
}

/** Offices: create, read, configure and delete, always scoped to the caller's account. */
export class Offices {
  constructor(
    private readonly offices: OfficeStore,
    private readonly counters: (scope: OfficeScope) => Promise<OfficeCounters>,
    private readonly cleanContents: OfficeContentsCleaner,
  ) {}

  create(caller: Principal, name: string): Promise<Office> {
    return this.offices.create(caller.accountId, name.trim());
  }

  /** Another account's office is reported as missing, never as forbidden: existence is not revealed. */
  async get(scope: OfficeScope): Promise<Office> {
    const office = await this.offices.get(scope.principal.accountId, scope.officeId);
    if (!office) throw notFound(scope.officeId);
    return office;
  }

  /** Oldest first. */
  list(caller: Principal, page: PageRequest): Promise<Page<Office>> {
    return keysetPage(page, BY_CREATION, (limit, after) => this.offices.list(caller.accountId, limit, after));
  }

  async status(scope: OfficeScope): Promise<OfficeStatusView> {
    const [office, counters] = await Promise.all([this.get(scope), this.counters(scope)]);
    return { office, ...counters };
  }

  async updateSettings(scope: OfficeScope, patch: OfficeSettingsPatch): Promise<Office> {
    const office = await this.offices.updateSettings(scope.principal.accountId, scope.officeId, patch);
    if (!office) throw notFound(scope.officeId);
    return office;
  }

  /** Files go first: a failure leaves the office in place to delete again, never orphaned files. */
  async delete(scope: OfficeScope): Promise<void> {
    await this.get(scope);
    await this.cleanContents(scope.officeId);
    if (!(await this.offices.delete(scope.principal.accountId, scope.officeId))) throw notFound(scope.officeId);
  }
}

const notFound = officeNotFound;

/** Offices page by creation time, ties broken by id; the token holds both. */
const BY_CREATION: PageKey<Office, OfficeCursor> = {
  of: (office) => ({ createdAt: office.createdAt, id: office.id }),
  parse(decoded) {
    const { createdAt, id } = (decoded ?? {}) as { createdAt?: unknown; id?: unknown };
    const date = typeof createdAt === "string" ? new Date(createdAt) : undefined;
    return typeof id === "string" && date && !Number.isNaN(date.getTime()) ? { createdAt: date, id } : undefined;
  },
};
