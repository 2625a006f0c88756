/**
 * The credits model, owned by the domain: the words, the records the store returns and the
 * store port. Amounts and balances are bigint, as int64 on the wire and bigint in Postgres.
 */

/**
 * Why a balance changed, as the docs spell it: the proto enum CreditEntryKind without its
 * prefix. A unit test holds this list to the descriptor, so the proto stays the one source.
 */
export const CREDIT_ENTRY_KINDS = ["deposit", "usage", "refund", "adjustment"] as const;

/** Why a balance changed. */
export type CreditEntryKindName = (typeof CREDIT_ENTRY_KINDS)[number];

/** An office's balance; `updatedAt` is null while it never changed. */
export interface CreditBalanceRecord {
  officeId: string;
  balance: bigint;
  updatedAt: Date | null;
}

/** One change of a balance, as the ledger keeps it. */
export interface CreditLedgerRecord {
  /** Increasing over time across all offices. */
  id: number;
  kind: CreditEntryKindName;
  /** Positive adds, negative consumes. */
  amount: bigint;
  balanceAfter: bigint;
  note: string;
  agentName: string;
  createdBy: string;
  /** The caller's idempotency key, when it gave one. */
  requestId: string | null;
  createdAt: Date;
}

/** A change to apply to an office's balance, with the ledger row that records it. */
export interface CreditChange {
  officeId: string;
  kind: CreditEntryKindName;
  /** Signed: positive adds, negative consumes; never 0. */
  amount: bigint;
  note: string;
  agentName: string;
  createdBy: string;
  requestId: string | null;
}

/** What applying a change came to. */
export type CreditChangeOutcome =
  /** Applied: the new balance and its ledger row. */
  | { applied: CreditLedgerRecord; balance: CreditBalanceRecord }
  /** Nothing written: the change would take the balance below zero. */
  | { insufficient: bigint }
  /** Nothing written: the office already has an entry with this request id (the caller compares it). */
  | { replayed: CreditLedgerRecord; balance: CreditBalanceRecord }
  /** Nothing written: the office was deleted after the request's scope was resolved. */
  | { officeGone: true };

/** Filters of a ledger listing. */
export interface CreditLedgerFilter {
  agentName?: string;
  kind?: CreditEntryKindName;
}

/** What the domain needs from storage: one balance row per office and its ledger, behind one port. */
export interface CreditStore {
  /** The balance; 0 with no `updatedAt` for an office whose balance never changed. */
  balance(officeId: string): Promise<CreditBalanceRecord>;
  /**
   * Applies `change` and appends its ledger row in one transaction, or writes nothing: when
   * the balance would go below zero, when `change.requestId` was used before in the office, or
   * when the office is gone.
   */
  apply(change: CreditChange): Promise<CreditChangeOutcome>;
  /** The entry the office recorded under `requestId`, if any. */
  entry(officeId: string, requestId: string): Promise<CreditLedgerRecord | undefined>;
  /** Ledger rows newest first, `limit` of them with ids below `before`. */
  ledger(officeId: string, filter: CreditLedgerFilter, limit: number, before?: number): Promise<CreditLedgerRecord[]>;
}
