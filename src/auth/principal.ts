import { createContextKey } from "@connectrpc/connect";
import { fail } from "../errors.js";

/** An operator: a person or program holding an account's API key. */
export interface OperatorPrincipal {
  kind: "operator";
  accountId: string;
  admin: boolean;
  keyId: string;
}

/** Who is calling. Agents (signed requests) join this union when agents exist. */
export type Principal = OperatorPrincipal;

/** Set once per request by the auth interceptor; read by handlers. */
export const principalKey = createContextKey<Principal | undefined>(undefined, { description: "authenticated caller" });

/** The caller, or an unauthenticated error if the request carried no valid credentials. */
export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw fail.unauthenticated("Missing API key: send 'Authorization: Bearer <key>'. Run mi login to authenticate.");
  return principal;
}
