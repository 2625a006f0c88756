import { fail } from "../errors.js";
import type { Principal } from "../auth/principal.js";
import type { OfficeRepository } from "../store/offices.js";

/**
 * Answers "may this caller act in this office?" for every office-scoped request. Answers are
 * remembered for a few seconds because queue workers ask on every claim; deleting an office
 * through this server forgets it at once.
 */
export class OfficeAccess {
  private readonly owners = new Map<string, { accountId: string; until: number }>();

  constructor(
    private readonly offices: OfficeRepository,
    private readonly ttlMs = 5_000,
  ) {}

  /** Resolves when the caller's account owns the office; otherwise not_found (existence is not revealed). */
  async check(caller: Principal, officeId: string): Promise<void> {
    const hit = this.owners.get(officeId);
    if (hit && hit.until > Date.now()) {
      if (hit.accountId === caller.accountId) return;
      throw officeNotFound(officeId);
    }
    const office = await this.offices.get(caller.accountId, officeId);
    if (!office) throw officeNotFound(officeId);
    if (this.owners.size > 10_000) this.owners.clear();
    this.owners.set(officeId, { accountId: office.accountId, until: Date.now() + this.ttlMs });
  }

  /** Forgets an office (after it was deleted). */
  forget(officeId: string): void {
    this.owners.delete(officeId);
  }
}

/** The one not-found message for offices. */
export function officeNotFound(officeId: string) {
  return fail.notFound(`office ${officeId} not found; list your offices with mi offices list`);
}
