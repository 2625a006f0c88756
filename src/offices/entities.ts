import { defineEntity, p } from "@mikro-orm/postgresql";
import type { OfficeStatusName } from "./model.js";

/** An office row with its settings (one row: settings are few and always read together). */
export const OfficeSchema = defineEntity({
  name: "Office",
  tableName: "office",
  properties: {
    id: p.uuid().primary(),
    accountId: p.uuid().fieldName("account_id"),
    name: p.text(),
    status: p.text().$type<OfficeStatusName>(),
    allowAgentHiring: p.boolean().fieldName("allow_agent_hiring"),
    agentIdleTimeoutMinutes: p.integer().fieldName("agent_idle_timeout_minutes"),
    defaultModelTier: p.text().fieldName("default_model_tier"),
    createdAt: p.datetime().fieldName("created_at"),
  },
});
export class OfficeEntity extends OfficeSchema.class {}
OfficeSchema.setClass(OfficeEntity);
