import { fail } from "../errors.js";

/** The office model, owned by the domain: what an office is, its counters, and the store port. */

/** Lifecycle states of an office, as the docs spell them. */
export type OfficeStatusName = "provisioning" | "active" | "suspended";

/** An office with its settings. */
export interface Office {
  id: string;
  accountId: string;
  name: string;
  status: OfficeStatusName;
  allowAgentHiring: boolean;
  agentIdleTimeoutMinutes: number;
  defaultModelTier: string;
  createdAt: Date;
}

/** Settings a caller may change; absent fields keep their value. */
export interface OfficeSettingsPatch {
  allowAgentHiring?: boolean;
  agentIdleTimeoutMinutes?: number;
  defaultModelTier?: string;
}

/** Position after which the next page of offices starts. */
export interface OfficeCursor {
  createdAt: Date;
  id: string;
}

/**
 * What the domain needs from storage. Every method takes the owning account, so a caller can
 * never reach another account's office: a foreign id simply is not found.
 */
export interface OfficeStore {
  create(accountId: string, name: string): Promise<Office>;
  get(accountId: string, officeId: string): Promise<Office | null>;
  /** Offices oldest first, `limit` of them after `after`. */
  list(accountId: string, limit: number, after?: OfficeCursor): Promise<Office[]>;
  updateSettings(accountId: string, officeId: string, patch: OfficeSettingsPatch): Promise<Office | undefined>;
  /** Deletes the office (its rows cascade); false when there was none. */
  delete(accountId: string, officeId: string): Promise<boolean>;
}

/** Live counters of an office, each from the feature that owns it (agents, tasks, credits). */
export interface OfficeCounters {
  agentCount: number;
  runningAgentCount: number;
  openTaskCount: number;
  creditBalance: bigint;
}

/** The one not-found message for offices. */
export function officeNotFound(officeId: string) {
  return fail.notFound(`office ${officeId} not found; list your offices with mi offices list`);
}

/** Every object an office owns lives under this prefix of the one bucket. */
export function officeBlobPrefix(officeId: string): string {
  return `offices/${officeId}/`;
}
