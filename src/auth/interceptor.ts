import type { Interceptor } from "@connectrpc/connect";
import { fail } from "../errors.js";
import type { AccountStore } from "../accounts/model.js";
import type { ApiKeyResolver } from "./api-key-resolver.js";
import { principalKey } from "../rpc/context.js";
import { hashApiKey } from "../accounts/api-key-secret.js";

/** Services anyone may call without credentials (health checks, reflection). */
const PUBLIC_PREFIXES = ["grpc.health.", "grpc.reflection."];

/**
 * Resolves the caller once per request and stores it under `principalKey`. Requests to our
 * API without a valid key fail with unauthenticated before any handler runs.
 */
export function authInterceptor(keys: ApiKeyResolver, accounts: Pick<AccountStore, "touchApiKey">): Interceptor {
  return (next) => async (req) => {
    if (PUBLIC_PREFIXES.some((p) => req.service.typeName.startsWith(p))) return next(req);
    const token = bearerToken(req.header.get("authorization"));
    if (!token) {
      throw fail.unauthenticated("Missing API key: send 'Authorization: Bearer <key>'. Run mi login to authenticate.");
    }
    const owner = await keys.resolve(hashApiKey(token));
    if (!owner) throw fail.unauthenticated("Invalid or expired API key. Run mi login to re-authenticate.");
    if (!owner.lastUsedAt || Date.now() - owner.lastUsedAt.getTime() > 60_000) {
      owner.lastUsedAt = new Date(); // also in the cached entry: one touch a minute, not one per request
      void accounts.touchApiKey(owner.keyId).catch(() => {});
    }
    req.contextValues.set(principalKey, {
      kind: "operator",
      accountId: owner.account.id,
      admin: owner.account.admin,
      keyId: owner.keyId,
    });
    return next(req);
  };
}

/** The key in an `Authorization: Bearer <key>` header, or undefined. */
function bearerToken(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
