import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { principalKey, requirePrincipal } from "../auth/principal.js";
import type { Principal } from "../domain/principal.js";

/** The authenticated caller of a handler (set by the auth interceptor). */
export function callerOf(ctx: HandlerContext): Principal {
  return requirePrincipal(ctx.values.get(principalKey));
}

/** A proto timestamp, or unset for a missing date. */
export function timestampOrUnset(date: Date | null | undefined) {
  return date ? timestampFromDate(date) : undefined;
}
