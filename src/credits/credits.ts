import { type DomainError, fail } from "../errors.js";
import type { OfficeScope } from "../domain/office-scope.js";
import { keysetPage, numberKey, type Page, type PageRequest } from "../domain/paging.js";
import { derivedUuid } from "../domain/derived-id.js";
import { actingAgent, actorOf } from "../domain/principal.js";
import type { CreditBalanceRecord, CreditEntryKindName, CreditLedgerFilter, CreditLedgerRecord, CreditStore } from "./model.js";

/** Largest single deposit or debit, as the proto bounds AddCredits.amount. */
export const MAX_CREDIT_AMOUNT = 1_000_000_000n;
/** Longest ledger note, as the proto bounds AddCredits.note. */
export const MAX_NOTE_LENGTH = 500;
/** The ErrorInfo reason of a refused spend (HTTP 402 on REST, InsufficientCreditsError in the SDK). */
export const INSUFFICIENT_CREDITS = "INSUFFICIENT_CREDITS";

/** A deposit as the caller asked for it. */
export interface DepositInput {
  amount: bigint;
  note: string;
  /** Idempotency key: a repeat with the same key adds nothing and returns the first entry. */
  requestId?: string;
}

/** A spend, charged to an agent. */
export interface DebitInput {
  agentName: string;
  note: string;
  kind: Extract<CreditEntryKindName, "usage">;
  /** Idempotency key: a repeat with the same key charges nothing and returns the first entry. */
  requestId?: string;
}

/** A balance change and the balance it left. */
export interface CreditResult {
  balance: CreditBalanceRecord;
  entry: CreditLedgerRecord;
}

const BY_ID = numberKey<CreditLedgerRecord>((e) => e.id);

/** An office's one credit balance and its ledger: every change is one entry, and the balance never goes below zero. */
export class Credits {
  constructor(
    private readonly store: CreditStore,
    private readonly pricing: { creditsPerThousandTokens: number } = { creditsPerThousandTokens: 1 },
  ) {}

  balance(scope: OfficeScope): Promise<CreditBalanceRecord> {
    return this.store.balance(scope.officeId);
  }

  /**
   * Adds credits. With a request id a retry is safe: the same id in the same office returns
   * the first deposit's entry (and today's balance) and adds nothing; reusing the id for a
   * different deposit is refused with already_exists, since the caller would otherwise
   * believe a deposit happened that did not.
   */
  async add(scope: OfficeScope, input: DepositInput): Promise<CreditResult> {
    checkAmount(input.amount);
    checkNote(input.note);
    const outcome = await this.store.apply({
      officeId: scope.officeId,
      kind: "deposit",
      amount: input.amount,
      note: input.note,
      agentName: "",
      createdBy: actorOf(scope.principal),
      requestId: input.requestId || null,
    });
    if ("officeGone" in outcome) throw officeGone(scope.officeId);
    if ("replayed" in outcome) {
      const first = outcome.replayed;
      if (first.kind !== "deposit" || first.amount !== input.amount || first.note !== input.note) {
        throw fail.exists(
          `request_id ${input.requestId} was already used in this office for a ${first.kind} of ${first.amount} credits` +
            `${first.note ? ` ("${first.note}")` : ""}; send a new request_id for a different deposit`,
        );
      }
      return { balance: outcome.balance, entry: first };
    }
    // A deposit cannot take a balance below zero; kept as a guard should the store say otherwise.
    if ("insufficient" in outcome) throw insufficient(scope.officeId, outcome.insufficient, input.amount);
    return { balance: outcome.balance, entry: outcome.applied };
  }

  /**
   * Spends credits on an agent's behalf (hosted agents' compute, models, integrations). Refused,
   * with nothing written, when the balance would go below zero.
   */
  async debit(scope: OfficeScope, amount: bigint, input: DebitInput): Promise<CreditResult> {
    checkAmount(amount);
    checkNote(input.note);
    const outcome = await this.store.apply({
      officeId: scope.officeId,
      kind: input.kind,
      amount: -amount,
      note: input.note,
      agentName: input.agentName,
      createdBy: actorOf(scope.principal, input.agentName),
      requestId: input.requestId || null,
    });
    if ("insufficient" in outcome) throw insufficient(scope.officeId, outcome.insufficient, amount);
    if ("officeGone" in outcome) throw officeGone(scope.officeId);
    if ("replayed" in outcome) return { balance: outcome.balance, entry: outcome.replayed };
    return { balance: outcome.balance, entry: outcome.applied };
  }

  /**
   * Reserves the most an LLM call can cost (`maxTokens` at the office's price) before the call:
   * charged to the agent now, refused with INSUFFICIENT_CREDITS when the balance cannot cover
   * it. The request id names the reservation; a repeat reserves nothing more.
   */
  async reserve(
    scope: OfficeScope,
    input: { agentName: string; maxTokens: number; purpose: string; requestId: string },
  ): Promise<{ credits: bigint; balance: CreditBalanceRecord }> {
    const agentName = actingAgent(scope.principal, input.agentName);
    const amount = this.priceOf(input.maxTokens);
    if (amount === 0n) return { credits: 0n, balance: await this.balance(scope) };
    const note = `reserved for ${input.purpose || "an LLM call"} (up to ${input.maxTokens} tokens)`;
    const { balance, entry } = await this.debit(scope, amount, { agentName, note, kind: "usage", requestId: input.requestId });
    return { credits: -entry.amount, balance };
  }

  /**
   * Settles a reservation from the tokens the call used: the reserved credits beyond their
   * price come back as a refund entry, recorded under an id derived from the reservation's, so
   * settling twice refunds once. A call that used more than it reserved costs what was reserved.
   */
  async settle(
    scope: OfficeScope,
    requestId: string,
    usedTokens: number,
  ): Promise<{ charged: bigint; refunded: bigint; balance: CreditBalanceRecord }> {
    const reserved = await this.store.entry(scope.officeId, requestId);
    if (reserved === undefined || reserved.kind !== "usage") {
      throw fail.notFound(`no reservation ${requestId} in this office; reserve credits before the call`);
    }
    const held = -reserved.amount;
    const price = this.priceOf(usedTokens);
    const refunded = held > price ? held - price : 0n;
    const charged = held - refunded;
    if (refunded === 0n) return { charged, refunded, balance: await this.balance(scope) };
    const outcome = await this.store.apply({
      officeId: scope.officeId,
      kind: "refund",
      amount: refunded,
      note: `unused part of reservation ${requestId} (${usedTokens} tokens used)`,
      agentName: reserved.agentName,
      createdBy: actorOf(scope.principal, reserved.agentName),
      requestId: derivedUuid(`settle:${requestId}`),
    });
    if ("officeGone" in outcome) throw officeGone(scope.officeId);
    if ("insufficient" in outcome) throw insufficient(scope.officeId, outcome.insufficient, refunded);
    return { charged, refunded, balance: outcome.balance };
  }

  /** Credits `tokens` cost, rounded up (a call is never free unless the price is 0). */
  private priceOf(tokens: number): bigint {
    return (BigInt(tokens) * BigInt(this.pricing.creditsPerThousandTokens) + 999n) / 1000n;
  }

  /** The ledger, newest first. */
  ledger(scope: OfficeScope, filter: CreditLedgerFilter, page: PageRequest): Promise<Page<CreditLedgerRecord>> {
    return keysetPage(page, BY_ID, (limit, before) => this.store.ledger(scope.officeId, filter, limit, before));
  }
}

// The proto's rules check requests; these hold for callers inside the server (agents' usage) too.
function checkAmount(amount: bigint): void {
  if (amount <= 0n || amount > MAX_CREDIT_AMOUNT) throw fail.invalid(`amount: must be 1 to ${MAX_CREDIT_AMOUNT}, got ${amount}`);
}

function checkNote(note: string): void {
  if ([...note].length > MAX_NOTE_LENGTH)
    throw fail.invalid(`note: must be at most ${MAX_NOTE_LENGTH} characters, got ${[...note].length}`);
}

/** An office deleted while the request ran: the same answer as for one that never existed. */
function officeGone(officeId: string): DomainError {
  return fail.notFound(`office ${officeId} not found; list your offices with mi offices list`);
}

/** The docs' 402: what is missing and how to add credits. */
function insufficient(officeId: string, balance: bigint, needed: bigint): DomainError {
  const what = balance === 0n ? "The office has no credits" : `The office has ${balance} credits, not enough for ${needed}`;
  return fail.precondition(`${what}. Add credits via mi credits add --colony ${officeId} --amount 100.`, INSUFFICIENT_CREDITS);
}
