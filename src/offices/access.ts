import type { Principal } from "../domain/principal.js";
import type { OfficeScope } from "../domain/office-scope.js";
import { officeNotFound, type OfficeStore } from "./model.js";

/**
 * Answers "may this caller act in this office?" for every office-scoped request. Answers are
 * remembered for a few seconds because queue workers ask on every claim; deleting an office
 * through this server forgets it at once.
 */
export class OfficeAccess {
  private readonly owners = new Map<string, { accountId: string; until: number }>();

  constructor(
    private readonly offices: Pick<OfficeStore, "get">,
    private readonly ttlMs = 5_000,
  ) {}

  /** The caller's scope in the office when its account owns it; otherwise not_found (existence is not revealed). */
  async resolve(principal: Principal, officeId: string): Promise<OfficeScope> {
    // An agent's signature names its office; it acts there and nowhere else.
    if (principal.kind === "agent") {
      if (principal.officeId === officeId) return { officeId, principal } as OfficeScope;
      throw officeNotFound(officeId);
    }
    const hit = this.owners.get(officeId);
    if (hit && hit.until > Date.now()) {
      if (hit.accountId === principal.accountId) return { officeId, principal } as OfficeScope;
      throw officeNotFound(officeId);
    }
    const office = await this.offices.get(principal.accountId, officeId);
    if (!office) throw officeNotFound(officeId);
    if (this.owners.size > 10_000) this.owners.clear();
    this.owners.set(officeId, { accountId: office.accountId, until: Date.now() + this.ttlMs });
    return { officeId, principal } as OfficeScope;
  }

  /**
   * The scope of a server job (the agent reconciler) in an office it found through the office's
   * own rows: no caller to check, and what it does is recorded as "system:<component>".
   */
  system(officeId: string, accountId: string, component: string): OfficeScope {
    return { officeId, principal: { kind: "system", component, accountId } } as OfficeScope;
  }

  /** Forgets an office (after it was deleted). */
  forget(officeId: string): void {
    this.owners.delete(officeId);
  }
}
