import { defineEntity, p } from "@mikro-orm/postgresql";
import type { OfficeStatusName } from "../domain/office-model.js";

/** An account owns offices and API keys. */
export const AccountSchema = defineEntity({
  name: "Account",
  tableName: "account",
  properties: {
    id: p.uuid().primary(),
    name: p.text(),
    admin: p.boolean(),
    createdAt: p.datetime().fieldName("created_at"),
  },
});
export class Account extends AccountSchema.class {}
AccountSchema.setClass(Account);

/** An API key; only the SHA-256 of the secret is stored. */
export const ApiKeySchema = defineEntity({
  name: "ApiKey",
  tableName: "api_key",
  properties: {
    id: p.uuid().primary(),
    accountId: p.uuid().fieldName("account_id"),
    name: p.text(),
    prefix: p.text(),
    secretHash: p.text().fieldName("secret_hash"),
    createdAt: p.datetime().fieldName("created_at"),
    expiresAt: p.datetime().nullable().fieldName("expires_at"),
    revokedAt: p.datetime().nullable().fieldName("revoked_at"),
    lastUsedAt: p.datetime().nullable().fieldName("last_used_at"),
  },
});
export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);

/** An office with its settings (one row: settings are few and always read together). */
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
export class Office extends OfficeSchema.class {}
OfficeSchema.setClass(Office);

/** Every entity the ORM knows. */
export const entities = [AccountSchema, ApiKeySchema, OfficeSchema];
