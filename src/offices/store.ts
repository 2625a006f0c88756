import { randomUUID } from "node:crypto";
import { LockMode, type EntityManager } from "@mikro-orm/postgresql";
import type { Office, OfficeCursor, OfficeSettingsPatch, OfficeStore } from "./model.js";
import { OfficeEntity } from "./entities.js";

/**
 * Queries on offices. Every method takes the owning account, so a caller can never
 * reach another account's office: a foreign id simply is not found.
 */
export class OfficeRepository implements OfficeStore {
  constructor(private readonly em: EntityManager) {}

  async create(accountId: string, name: string): Promise<Office> {
    const em = this.em.fork();
    const office = em.create(OfficeEntity, {
      id: randomUUID(),
      accountId,
      name,
      status: "active",
      allowAgentHiring: false,
      agentIdleTimeoutMinutes: 10,
      defaultModelTier: "sonnet",
      createdAt: new Date(),
    });
    await em.flush();
    return office;
  }

  async get(accountId: string, officeId: string): Promise<Office | null> {
    return this.em.fork().findOne(OfficeEntity, { id: officeId, accountId });
  }

  /** Offices oldest first, `limit` of them after `after`. */
  async list(accountId: string, limit: number, after?: OfficeCursor): Promise<Office[]> {
    const where = after
      ? {
          accountId,
          $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }],
        }
      : { accountId };
    return this.em.fork().find(OfficeEntity, where, { orderBy: { createdAt: "asc", id: "asc" }, limit });
  }

  async updateSettings(accountId: string, officeId: string, patch: OfficeSettingsPatch): Promise<Office | undefined> {
    return this.em.fork().transactional(async (tx) => {
      const office = await tx.findOne(OfficeEntity, { id: officeId, accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!office) return undefined;
      if (patch.allowAgentHiring !== undefined) office.allowAgentHiring = patch.allowAgentHiring;
      if (patch.agentIdleTimeoutMinutes !== undefined) office.agentIdleTimeoutMinutes = patch.agentIdleTimeoutMinutes;
      if (patch.defaultModelTier !== undefined) office.defaultModelTier = patch.defaultModelTier;
      return office;
    });
  }

  /** Deletes the office row (dependent rows cascade); false when there was none. */
  async delete(accountId: string, officeId: string): Promise<boolean> {
    const deleted = await this.em.fork().nativeDelete(OfficeEntity, { id: officeId, accountId });
    return deleted > 0;
  }
}
