/**
 * The integrations model, owned by the domain: an office's credentials per catalog entry, the
 * agents each is enabled for, agents' requests, and the store port. Credentials reach the store
 * only sealed (src/secrets/).
 */

/** Where a request stands, as the API says it; held to the proto enum by a unit test. */
export const INTEGRATION_REQUEST_STATUSES = ["pending", "fulfilled", "rejected"] as const;
export type IntegrationRequestStatusName = (typeof INTEGRATION_REQUEST_STATUSES)[number];

/** An office's credentials for one integration: each field sealed on its own. */
export interface StoredSecret {
  integrationId: string;
  sealedFields: Record<string, string>;
  configuredAt: Date;
  configuredBy: string;
}

/** An integration enabled for one agent. */
export interface Enablement {
  integrationId: string;
  agentName: string;
  enabledAt: Date;
}

/** An agent's request for an integration. */
export interface IntegrationRequestRecord {
  /** Store order, newest highest: the page key. */
  seq: number;
  id: string;
  integrationId: string;
  agentName: string;
  reason: string;
  status: IntegrationRequestStatusName;
  createdAt: Date;
  resolvedAt: Date | null;
  resolutionNote: string;
}

/** A live agent of the office. */
export interface AgentRef {
  id: string;
  name: string;
}

/** What the domain needs from storage. Every method is filtered by office. */
export interface IntegrationStore {
  /** The live agent `name` of the office, or undefined. */
  agent(officeId: string, name: string): Promise<AgentRef | undefined>;
  /** The office's credentials, all integrations, or one. */
  secrets(officeId: string, integrationId?: string): Promise<StoredSecret[]>;
  /**
   * Stores credentials (replacing earlier ones), then enables the integration for every live
   * agent with a pending request for it and marks those requests fulfilled, in one transaction;
   * returns the agents' names.
   */
  setSecret(officeId: string, secret: StoredSecret, actor: string): Promise<string[]>;
  /** Removes credentials; false when there were none. */
  deleteSecret(officeId: string, integrationId: string): Promise<boolean>;
  /** Enabled integrations of live agents of the office, of one integration, or of one agent (by row id). */
  enablements(officeId: string, filter?: { integrationId?: string; agentId?: string }): Promise<Enablement[]>;
  /** Enables (idempotent) or disables an integration for an agent. */
  toggle(officeId: string, agentId: string, integrationId: string, enabled: boolean, at: Date, actor: string): Promise<void>;
  /** Pending requests per integration. */
  pendingCounts(officeId: string): Promise<Map<string, number>>;
  /**
   * Records a request; when `fulfilled`, also enables the integration for the agent, in one
   * transaction. A pending request of the same agent for the same integration is returned instead.
   */
  createRequest(officeId: string, agent: AgentRef, request: IntegrationRequestRecord, actor: string): Promise<IntegrationRequestRecord>;
  /** Requests newest first, after `beforeSeq`, optionally of one status. */
  listRequests(
    officeId: string,
    status: IntegrationRequestStatusName | undefined,
    limit: number,
    beforeSeq?: number,
  ): Promise<IntegrationRequestRecord[]>;
  /** A request of the office, or undefined. */
  request(officeId: string, id: string): Promise<IntegrationRequestRecord | undefined>;
  /** Rejects a pending request; undefined when it is not pending (any more). */
  rejectRequest(officeId: string, id: string, note: string, at: Date): Promise<IntegrationRequestRecord | undefined>;
}
