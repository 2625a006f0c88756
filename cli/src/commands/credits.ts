/**
 * `mi credits add|balance|ledger`: the office's one credit balance, which all its agents
 * consume, as the docs show it (`mi credits add --colony <id> --amount 100`).
 */
import type { Terminal } from "../io.js";
import { renderDetails, when } from "../output.js";
import type { AddCreditsResult, CreditBalance, CreditLedgerEntry } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { renderTable } from "../table.js";
import { CREDIT_ENTRY_KINDS } from "../words.js";
import { ADD_CREDITS_FIELDS, CREDIT_BALANCE_FIELDS, CREDIT_ENTRY_FIELDS } from "./fields.js";

export const addCredits = command({
  name: "credits add",
  summary: "Add credits to an office's balance",
  description:
    "Each run is one deposit. With --request-id (a UUID) a repeat of the same command adds nothing and shows the first deposit, so scripts may retry it.",
  examples: [
    "mi credits add --colony <id> --amount 100",
    'mi credits add --colony <id> --amount 500 --note "March budget"',
    "mi credits add --colony <id> --amount 100 --request-id 3f2c1a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b --json balance",
  ],
  args: { officeId: arg.office() },
  flags: {
    amount: flag.integer({ summary: "Credits to add, 1 to 1000000000", value: "n", min: 1, required: true }),
    note: flag.string({ summary: "Note for the ledger, at most 500 characters", value: "text" }),
    requestId: flag.string({ summary: "UUID that makes retrying this deposit safe (default: a new one)", value: "uuid" }),
  },
  json: ADD_CREDITS_FIELDS,
  async run(ctx, { args, flags }): Promise<AddCreditsResult> {
    return (await ctx.client()).credits.add(args.officeId, flags);
  },
  render: ({ balance, entry }) => ({
    status: `Added ${entry.amount} credits; the balance is now ${balance.balance}\n`,
    data: entryDetails(entry),
  }),
});

export const creditBalance = command({
  name: "credits balance",
  summary: "Show an office's credit balance",
  examples: ["mi credits balance --colony <id>", "mi credits balance <colonyId> --json balance"],
  args: { officeId: arg.office() },
  flags: {},
  json: CREDIT_BALANCE_FIELDS,
  async run(ctx, { args }): Promise<CreditBalance> {
    return (await ctx.client()).credits.balance(args.officeId);
  },
  render: (b) =>
    renderBalance(b, b.balance === 0 ? `No credits: add some with mi credits add --colony ${b.officeId} --amount 100.\n` : undefined),
});

export const creditLedger = command({
  name: "credits ledger",
  summary: "List an office's credit changes, newest first",
  examples: [
    "mi credits ledger --colony <id>",
    "mi credits ledger --colony <id> --agent analyst --limit 20",
    "mi credits ledger --colony <id> --kind deposit --json amount,note,createdAt",
  ],
  args: { officeId: arg.office() },
  flags: {
    agent: flag.string({ summary: "Only usage charged to this agent", value: "name", aliases: ["agentName"] }),
    kind: flag.enum(CREDIT_ENTRY_KINDS, { summary: "Only entries of this kind" }),
    limit: flag.integer({ summary: "At most this many entries", value: "n", min: 1 }),
  },
  json: CREDIT_ENTRY_FIELDS,
  async run(ctx, { args, flags }): Promise<CreditLedgerEntry[]> {
    return (await ctx.client()).credits.ledger(args.officeId, { agentName: flags.agent, kind: flags.kind, limit: flags.limit });
  },
  render: (entries, _input, term) => (entries.length === 0 ? { status: "No ledger entries.\n" } : { data: ledgerTable(entries, term) }),
});

function renderBalance(b: CreditBalance, status?: string) {
  return {
    status,
    data: renderDetails([
      ["office", b.officeId],
      ["balance", String(b.balance)],
      ["updated", when(b.updatedAt)],
    ]),
  };
}

function entryDetails(e: CreditLedgerEntry): string {
  const pairs: [string, string][] = [
    ["id", String(e.id)],
    ["kind", e.kind],
    ["amount", signed(e.amount)],
    ["balance after", String(e.balanceAfter)],
    ["created by", e.createdBy],
    ["created", e.createdAt],
  ];
  if (e.agentName) pairs.push(["agent", e.agentName]);
  if (e.note) pairs.push(["note", e.note]);
  return renderDetails(pairs);
}

function ledgerTable(entries: readonly CreditLedgerEntry[], term: Terminal): string {
  return renderTable(
    ["id", "created", "kind", "amount", "balance", "agent", "by", "note"],
    entries.map((e) => [
      String(e.id),
      e.createdAt,
      e.kind,
      signed(e.amount),
      String(e.balanceAfter),
      e.agentName || "-",
      e.createdBy,
      e.note,
    ]),
    term,
  );
}

/** Deposits as +100, usage as -4: the sign says which way the balance moved. */
function signed(amount: number): string {
  return amount > 0 ? `+${amount}` : String(amount);
}
