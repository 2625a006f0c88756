/**
 * `client.credits`: an office's one credit balance, which all its agents consume, and the
 * ledger of every change (docs: "402 Payment Required — The office has no credits. Add
 * credits ... via mi credits add --colony <id> --amount 100").
 */
import { randomUUID } from "node:crypto";
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import {
  CreditEntryKindSchema,
  CreditService,
  type CreditBalance as CreditBalanceMessage,
  type CreditLedgerEntry as CreditLedgerEntryMessage,
} from "../../gen/ts/mitosis/v1/credit_pb.js";
import { call } from "./errors.js";
import { enumFromWord, enumWords, wholeNumber } from "./input.js";
import { enumToString, required, timestampToIso } from "./mapping.js";

/** Why a balance changed. */
export type CreditEntryKind = "deposit" | "usage" | "refund" | "adjustment";

/** The docs' words of {@link CreditEntryKind}, in the proto's order. */
export const CREDIT_ENTRY_KINDS: readonly CreditEntryKind[] = enumWords<CreditEntryKind>(CreditEntryKindSchema);

/** An office's credits. */
export interface CreditBalance {
  /** Office UUID. */
  officeId: string;
  /** Credits left; agents are suspended at zero. */
  balance: number;
  /** When the balance last changed (ISO 8601); null while it never has. */
  updatedAt: string | null;
}

/** One change to the balance. */
export interface CreditLedgerEntry {
  /** Entry id, increasing over time. */
  id: number;
  /** Why the balance changed. */
  kind: CreditEntryKind;
  /** Change in credits: positive adds, negative consumes. */
  amount: number;
  /** Balance right after this entry. */
  balanceAfter: number;
  /** The operator's reason or what was consumed; may be empty. */
  note: string;
  /** Agent the usage is charged to; empty for deposits. */
  agentName: string;
  /** Who made the change: an agent name, `operator:<account id>` or `system:<component>`. */
  createdBy: string;
  /** When it happened (ISO 8601). */
  createdAt: string;
}

/** A deposit and the balance it left. */
export interface AddCreditsResult {
  /** The balance after the deposit (today's balance when the request was a repeat). */
  balance: CreditBalance;
  /** The deposit's ledger entry (the first one when the request was a repeat). */
  entry: CreditLedgerEntry;
}

/** Input of {@link CreditsClient.add}. */
export interface AddCreditsInput {
  /** Credits to add, 1 to 1 000 000 000. */
  amount: number;
  /** Note for the ledger, at most 500 characters. */
  note?: string;
  /**
   * UUID that makes the deposit safe to repeat: the server applies a request id once per
   * office and answers repeats with the first deposit. Generated when absent, so the SDK's
   * own retries (on `unavailable` or a deadline) never add twice; pass your own to make
   * retries across processes safe too. Reusing one for a different deposit fails with
   * `AlreadyExistsError`.
   */
  requestId?: string;
}

/** Options of {@link CreditsClient.ledger} and {@link CreditsClient.iterateLedger}. */
export interface CreditLedgerOptions {
  /** Only entries charged to this agent. */
  agentName?: string;
  /** Only entries of this kind. */
  kind?: CreditEntryKind;
  /** At most this many entries (all when absent). */
  limit?: number;
  /** Entries fetched per request, 1 to 1000. */
  pageSize?: number;
}

/** The server's largest page. */
const MAX_PAGE_SIZE = 1000;

/** Sub-client for credits; reach it as `client.credits`. */
export class CreditsClient {
  private readonly rpc: Client<typeof CreditService>;

  /** Use `client.credits` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(CreditService, transport);
  }

  /** The office's balance. */
  async balance(officeId: string): Promise<CreditBalance> {
    const res = await call(() => this.rpc.getCreditBalance({ officeId }));
    return toBalance(required(res.balance, "balance"));
  }

  /**
   * Adds credits to the office's balance. Safe to retry: every call carries a request id
   * (yours, or one generated here), so a repeat adds nothing and returns the first deposit.
   */
  async add(officeId: string, input: AddCreditsInput): Promise<AddCreditsResult> {
    const request = {
      officeId,
      amount: BigInt(wholeNumber(input.amount, "amount", { min: 1 })),
      note: input.note ?? "",
      requestId: input.requestId ?? randomUUID(),
    };
    const res = await call(() => this.rpc.addCredits(request));
    return { balance: toBalance(required(res.balance, "balance")), entry: toEntry(required(res.entry, "entry")) };
  }

  /**
   * Reserves the most an LLM call can cost before making it (`maxTokens` at the office's
   * price, charged to the agent at once). Fails with `InsufficientCreditsError` when the balance
   * cannot cover it: stop instead of calling. Settle it with {@link CreditsClient.settle} and
   * the same `requestId` (generated here when absent and returned). Safe to retry.
   */
  async reserve(
    officeId: string,
    input: { agentName: string; maxTokens: number; purpose?: string; requestId?: string },
  ): Promise<{ requestId: string; credits: number; balance: CreditBalance }> {
    const requestId = input.requestId ?? randomUUID();
    const request = {
      officeId,
      agentName: input.agentName,
      maxTokens: BigInt(wholeNumber(input.maxTokens, "maxTokens", { min: 1 })),
      purpose: input.purpose ?? "",
      requestId,
    };
    const res = await call(() => this.rpc.reserveCredits(request));
    return { requestId, credits: Number(res.credits), balance: toBalance(required(res.balance, "balance")) };
  }

  /** Settles a reservation from the tokens the call used; the rest comes back. Safe to retry (refunds once). */
  async settle(
    officeId: string,
    requestId: string,
    usedTokens: number,
  ): Promise<{ charged: number; refunded: number; balance: CreditBalance }> {
    const request = { officeId, requestId, usedTokens: BigInt(wholeNumber(usedTokens, "usedTokens")) };
    const res = await call(() => this.rpc.settleCredits(request));
    return { charged: Number(res.charged), refunded: Number(res.refunded), balance: toBalance(required(res.balance, "balance")) };
  }

  /** Ledger entries, newest first, filtered; at most `limit` of them (all when absent). */
  async ledger(officeId: string, options: CreditLedgerOptions = {}): Promise<CreditLedgerEntry[]> {
    const entries: CreditLedgerEntry[] = [];
    for await (const entry of this.iterateLedger(officeId, options)) entries.push(entry);
    return entries;
  }

  /** Ledger entries one at a time, newest first, fetching pages as needed; stops after `limit`. */
  async *iterateLedger(officeId: string, options: CreditLedgerOptions = {}): AsyncGenerator<CreditLedgerEntry, void, undefined> {
    const limit = options.limit === undefined ? Infinity : wholeNumber(options.limit, "limit", { min: 1 });
    const pageSize = options.pageSize === undefined ? undefined : wholeNumber(options.pageSize, "pageSize", { min: 1, max: MAX_PAGE_SIZE });
    const filters = {
      officeId,
      agentName: options.agentName ?? "",
      kind: options.kind === undefined ? undefined : enumFromWord(CreditEntryKindSchema, options.kind, "kind"),
    };
    let seen = 0;
    let pageToken = "";
    do {
      // Never ask for more than the caller still wants.
      const size = Math.min(pageSize ?? MAX_PAGE_SIZE, limit - seen);
      const res = await call(() => this.rpc.listCreditLedgerEntries({ ...filters, pageSize: size, pageToken }));
      for (const entry of res.entries) {
        if (seen >= limit) return;
        seen++;
        yield toEntry(entry);
      }
      pageToken = res.nextPageToken;
    } while (pageToken !== "" && seen < limit);
  }
}

// int64 on the wire; balances and amounts stay far below 2^53, and numbers serialise to JSON.
function toBalance(b: CreditBalanceMessage): CreditBalance {
  return { officeId: b.officeId, balance: Number(b.balance), updatedAt: timestampToIso(b.updatedAt) };
}

function toEntry(e: CreditLedgerEntryMessage): CreditLedgerEntry {
  return {
    id: Number(e.id),
    kind: enumToString<CreditEntryKind>(CreditEntryKindSchema, e.kind),
    amount: Number(e.amount),
    balanceAfter: Number(e.balanceAfter),
    note: e.note,
    agentName: e.agentName,
    createdBy: e.createdBy,
    createdAt: required(timestampToIso(e.createdAt), "entry.created_at"),
  };
}
