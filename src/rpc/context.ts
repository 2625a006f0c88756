import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createContextKey, type HandlerContext } from "@connectrpc/connect";
import { fail } from "../errors.js";
import type { OfficeScope } from "../domain/office-scope.js";
import type { Principal } from "../domain/principal.js";

/** Set once per request by the auth interceptor. */
export const principalKey = createContextKey<Principal | undefined>(undefined, { description: "authenticated caller" });

/** Set by the office scope interceptor for every request that names an office. */
export const officeScopeKey = createContextKey<OfficeScope | undefined>(undefined, { description: "office the request acts in" });

/**
 * The SHA-256 of a signed request's body as it arrived, set by the HTTP layer for requests that
 * carry an agent signature (the body is hashed as the protocol handler reads it). Resolves once
 * the body has been read whole.
 */
export const wireBodyKey = createContextKey<Promise<string> | undefined>(undefined, { description: "sha256 of the request body" });

/** The caller, or an unauthenticated error if the request carried no valid credentials. */
export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw fail.unauthenticated("Missing API key: send 'Authorization: Bearer <key>'. Run mi login to authenticate.");
  return principal;
}

/** The authenticated caller of a handler (set by the auth interceptor). */
export function callerOf(ctx: HandlerContext): Principal {
  return requirePrincipal(ctx.values.get(principalKey));
}

/** The office this request acts in, as resolved by the office scope interceptor. */
export function scopeOf(ctx: HandlerContext): OfficeScope {
  const scope = ctx.values.get(officeScopeKey);
  if (!scope) throw new ConnectError(`${ctx.service.typeName}/${ctx.method.name} acts in an office but none was resolved`, Code.Internal);
  return scope;
}

/** A proto timestamp, or unset for a missing date. */
export function timestampOrUnset(date: Date | null | undefined) {
  return date ? timestampFromDate(date) : undefined;
}
