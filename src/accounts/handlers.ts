import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { callerOf, timestampOrUnset } from "../rpc/context.js";
import { AccountSchema, type AccountService, ApiKeySchema, type ApiKeyService } from "../../gen/ts/mitosis/v1/auth_pb.js";
import type { Accounts } from "./accounts.js";
import type { Account, ApiKey } from "./model.js";

const caller = callerOf;
const ts = timestampOrUnset;

function accountToProto(account: Account) {
  return create(AccountSchema, { id: account.id, name: account.name, admin: account.admin, createdAt: ts(account.createdAt) });
}

function apiKeyToProto(key: ApiKey) {
  return create(ApiKeySchema, {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: ts(key.createdAt),
    expiresAt: ts(key.expiresAt),
    revokedAt: ts(key.revokedAt),
    lastUsedAt: ts(key.lastUsedAt),
  });
}

/** Connect handlers of mitosis.v1.AccountService. */
export function accountHandlers(accounts: Accounts): ServiceImpl<typeof AccountService> {
  return {
    async getCurrentAccount(_req, ctx) {
      return { account: accountToProto(await accounts.current(caller(ctx))) };
    },
    async createAccount(req, ctx) {
      const { account, secret } = await accounts.create(caller(ctx), req.name, req.admin);
      return { account: accountToProto(account), apiKey: secret };
    },
  };
}

/** Connect handlers of mitosis.v1.ApiKeyService. */
export function apiKeyHandlers(accounts: Accounts): ServiceImpl<typeof ApiKeyService> {
  return {
    async createApiKey(req, ctx) {
      const { apiKey, secret } = await accounts.createApiKey(caller(ctx), req.name, req.ttlDays);
      return { apiKey: apiKeyToProto(apiKey), secret };
    },
    async listApiKeys(_req, ctx) {
      return { apiKeys: (await accounts.listApiKeys(caller(ctx))).map(apiKeyToProto) };
    },
    async revokeApiKey(req, ctx) {
      return { apiKey: apiKeyToProto(await accounts.revokeApiKey(caller(ctx), req.apiKeyId)) };
    },
  };
}
