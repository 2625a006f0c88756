import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  CreditBalanceSchema,
  type CreditEntryKind,
  CreditEntryKindSchema,
  CreditLedgerEntrySchema,
  type CreditService,
} from "../../gen/ts/mitosis/v1/credit_pb.js";
import { enumWords } from "../enum-words.js";
import { scopeOf, timestampOrUnset } from "../rpc/context.js";
import type { Credits } from "./credits.js";
import type { CreditBalanceRecord, CreditEntryKindName, CreditLedgerRecord } from "./model.js";

// The domain's words for the proto enum, read from the descriptor.
const kinds = enumWords<CreditEntryKind, CreditEntryKindName>(CreditEntryKindSchema);

function balanceToProto(b: CreditBalanceRecord) {
  return create(CreditBalanceSchema, { officeId: b.officeId, balance: b.balance, updatedAt: timestampOrUnset(b.updatedAt) });
}

function entryToProto(e: CreditLedgerRecord) {
  return create(CreditLedgerEntrySchema, {
    id: BigInt(e.id),
    kind: kinds.value(e.kind),
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    note: e.note,
    agentName: e.agentName,
    createdBy: e.createdBy,
    createdAt: timestampOrUnset(e.createdAt),
  });
}

/** Connect handlers of mitosis.v1.CreditService: translation only, rules live in the domain. */
export function creditHandlers(credits: Credits): ServiceImpl<typeof CreditService> {
  return {
    async getCreditBalance(_req, ctx) {
      return { balance: balanceToProto(await credits.balance(scopeOf(ctx))) };
    },
    async addCredits(req, ctx) {
      const { balance, entry } = await credits.add(scopeOf(ctx), {
        amount: req.amount,
        note: req.note,
        requestId: req.requestId || undefined,
      });
      return { balance: balanceToProto(balance), entry: entryToProto(entry) };
    },
    async reserveCredits(req, ctx) {
      const input = { agentName: req.agentName, maxTokens: Number(req.maxTokens), purpose: req.purpose, requestId: req.requestId };
      const { credits: reserved, balance } = await credits.reserve(scopeOf(ctx), input);
      return { credits: reserved, balance: balanceToProto(balance) };
    },
    async settleCredits(req, ctx) {
      const { charged, refunded, balance } = await credits.settle(scopeOf(ctx), req.requestId, Number(req.usedTokens));
      return { charged, refunded, balance: balanceToProto(balance) };
    },
    async listCreditLedgerEntries(req, ctx) {
      const page = await credits.ledger(scopeOf(ctx), { agentName: req.agentName || undefined, kind: kinds.word(req.kind) }, req);
      return { entries: page.items.map(entryToProto), nextPageToken: page.next };
    },
  };
}
