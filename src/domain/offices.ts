import { fail } from "../errors.js";
import type { OfficeScope } from "./office-access.js";
import { officeNotFound, type Office, type OfficeCounters, type OfficeCursor, type OfficeSettingsPatch, type OfficeStore } from "./office-model.js";

export type { Office, OfficeCounters, OfficeStatusName } from "./office-model.js";
import type { Principal } from "../auth/principal.js";

/** Removes everything an office keeps outside Postgres (its files in object storage). */
export type OfficeContentsCleaner = (officeId: string) => Promise<void>;

/** What `mi offices status` shows. */
export interface OfficeStatusView extends OfficeCounters {
  office: Office;
}

const DEFAULT_PAGE_SIZE = 100;

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

  async list(caller: Principal, pageSize: number, pageToken: string): Promise<{ offices: Office[]; nextPageToken: string }> {
    const limit = pageSize || DEFAULT_PAGE_SIZE;
    const rows = await this.offices.list(caller.accountId, limit + 1, pageToken ? decodeCursor(pageToken) : undefined);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { offices: page, nextPageToken: rows.length > limit && last ? encodeCursor(last) : "" };
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

function encodeCursor(office: Office): string {
  return Buffer.from(JSON.stringify([office.createdAt.toISOString(), office.id])).toString("base64url");
}

function decodeCursor(token: string): OfficeCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw fail.invalid("page_token is not valid: pass the next_page_token of the previous response unchanged");
  }
}
