import { defineEntity, p } from "@mikro-orm/postgresql";

/** An account row: it owns offices and API keys. */
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
export class AccountEntity extends AccountSchema.class {}
AccountSchema.setClass(AccountEntity);

/** An API key row; only the SHA-256 of the secret is stored. */
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
export class ApiKeyEntity extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKeyEntity);
