import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { callerOf, timestampOrUnset } from "../rpc/context.js";
import { AccountSchema, type AccountService, ApiKeySchema, type ApiKeyService } from "../../gen/ts/mitosis/v1/auth_pb.js";
import type { Accounts } from "./accounts.js";
import type { Account, ApiKey } from "./model.js";

function accountToProto(account: Account) {
  return create(AccountSchema, {
    id: account.id,
    name: account.name,
    admin: account.admin,
    createdAt: timestampOrUnset(account.createdAt),
  });
}

function apiKeyToProto(key: ApiKey) {
  return create(ApiKeySchema, {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: timestampOrUnset(key.createdAt),
    expiresAt: timestampOrUnset(key.expiresAt),
    revokedAt: timestampOrUnset(key.revokedAt),
    lastUsedAt: timestampOrUnset(key.lastUsedAt),
  });
}

/** Connect handlers of mitosis.v1.AccountService. */
export function accountHandlers(accounts: Accounts): ServiceImpl<typeof AccountService> {
  return {
    async getCurrentAccount(_req, ctx) {
      return { account: accountToProto(await accounts.current(callerOf(ctx))) };
    },
    async createAccount(req, ctx) {
      const { account, secret } = await accounts.create(callerOf(ctx), req.name, req.admin);
      return { account: accountToProto(account), apiKey: secret };
    },
  };
}

/** Connect handlers of mitosis.v1.ApiKeyService. */
export function apiKeyHandlers(accounts: Accounts): ServiceImpl<typeof ApiKeyService> {
  return {
    async createApiKey(req, ctx) {
      const { apiKey, secret } = await accounts.createApiKey(callerOf(ctx), req.name, req.ttlDays);
      return { apiKey: apiKeyToProto(apiKey), secret };
    },
    async listApiKeys(_req, ctx) {
      return { apiKeys: (await accounts.listApiKeys(callerOf(ctx))).map(apiKeyToProto) };
    },
    async revokeApiKey(req, ctx) {
      return { apiKey: apiKeyToProto(await accounts.revokeApiKey(callerOf(ctx), req.apiKeyId)) };
    },
  };
}
