import { fail } from "../errors.js";

/** An operator: a person or program holding an account's API key. */
export interface OperatorPrincipal {
  kind: "operator";
  accountId: string;
  admin: boolean;
  keyId: string;
}

/**
 * An agent: a hosted or external worker whose request was signed with its Ed25519 key. It acts
 * only in its own office (owned by `accountId`) and only with agent rights.
 */
export interface AgentPrincipal {
  kind: "agent";
  /** The account that owns the agent's office. */
  accountId: string;
  officeId: string;
  /** The agent's row id. */
  agentId: string;
  /** The agent's name in its office: what it signs as and what audit trails name. */
  agentName: string;
}

/** The server itself, for background jobs (the agent reconciler charging usage, say). */
export interface SystemPrincipal {
  kind: "system";
  /** Which part of the server acts, e.g. "reconciler". */
  component: string;
  /** The account that owns the office the job acts in. */
  accountId: string;
}

/** Who is calling. */
export type Principal = OperatorPrincipal | AgentPrincipal | SystemPrincipal;

/**
 * The agent a request acts as. A signed-in agent always acts as itself: naming another agent (to
 * claim, comment or complete in its name) is refused. Operators and the server may name any.
 */
export function actingAgent(caller: Principal, agent = ""): string {
  if (caller.kind !== "agent") return agent;
  if (agent && agent !== caller.agentName) {
    throw fail.forbidden(
      `agent ${caller.agentName} may act only as itself, not as agent ${agent}; leave the agent field empty or name yourself`,
    );
  }
  return caller.agentName;
}

/**
 * The caller as audit trails and ledgers name it: the agent acting (given, or the signed-in
 * agent), "system:<component>", or "operator:<account id>".
 */
export function actorOf(caller: Principal, agent?: string): string {
  const acting = actingAgent(caller, agent);
  if (acting) return acting;
  if (caller.kind === "system") return `system:${caller.component}`;
  return `operator:${caller.accountId}`;
}
