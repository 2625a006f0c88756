/** An operator: a person or program holding an account's API key. */
export interface OperatorPrincipal {
  kind: "operator";
  accountId: string;
  admin: boolean;
  keyId: string;
}

/** Who is calling. Agents (signed requests) join this union when agents exist. */
export type Principal = OperatorPrincipal;

/** The caller as audit trails and ledgers name it: the agent acting, or the operator's account. */
export function actorOf(caller: Principal, agent?: string): string {
  return agent || `operator:${caller.accountId}`;
}
