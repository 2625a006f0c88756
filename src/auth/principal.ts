import { createContextKey } from "@connectrpc/connect";
import { fail } from "../errors.js";
import type { Principal } from "../domain/principal.js";


/** Set once per request by the auth interceptor; read by handlers. */
export const principalKey = createContextKey<Principal | undefined>(undefined, { description: "authenticated caller" });

/** The caller, or an unauthenticated error if the request carried no valid credentials. */
export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw fail.unauthenticated("Missing API key: send 'Authorization: Bearer <key>'. Run mi login to authenticate.");
  return principal;
}
