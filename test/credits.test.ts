/**
 * Credits against a real server and its Postgres: deposits and balances over Connect and REST
 * (the docs' words), office status, idempotent retries, concurrent deposits, the ledger, and
 * (through the domain with the real store, since no RPC spends credits yet) debits that would
 * go below zero.
 */
import { randomUUID } from "node:crypto";
import { Code, ConnectError } from "@connectrpc/connect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreditEntryKind, CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { ErrorInfoSchema } from "../gen/ts/google/rpc/error_details_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { Credits } from "../src/credits/credits.js";
import { PgCreditStore } from "../src/credits/store.js";
import type { OfficeScope } from "../src/domain/office-scope.js";
import { DomainError } from "../src/errors.js";
import { createLogger } from "../src/log.js";
import { httpStatusFromConnectError } from "../src/rest/http-status.js";
import { toConnectError } from "../src/rpc/errors.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let pool: pg.Pool;
let key: string;
let accountId: string;
beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.databaseUrl, max: 20 });
  ({ apiKey: key, accountId } = await server.newAccount("credits"));
});
afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

const credits = () => clientFor(CreditService, server.url, key);
const newOffice = async (name = "credits") => (await clientFor(OfficeService, server.url, key).createOffice({ name })).office!.id;

async function errorOf(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (err) {
    return ConnectError.from(err);
  }
  throw new Error("expected the call to fail");
}

/** A REST or Connect JSON call as curl makes it: JSON in, status and JSON out. */
async function http(method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** The office's rows in both credit tables, read directly. */
async function rowsOf(officeId: string) {
  const res = await pool.query(
    `select (select count(*) from credit_balance where office_id = $1)::int as balances,
            (select count(*) from credit_ledger_entry where office_id = $1)::int as entries`,
    [officeId],
  );
  return res.rows[0] as { balances: number; entries: number };
}

/** What the office scope interceptor hands the domain for this account (the domain tests' hook). */
const scopeFor = (officeId: string) =>
  ({ officeId, principal: { kind: "operator", accountId, admin: false, keyId: "test" } }) as unknown as OfficeScope;

describe("credits over Connect", () => {
  it("a new office has 0; a deposit adds, is one ledger entry, and shows in office status", async () => {
    const officeId = await newOffice();
    const empty = await credits().getCreditBalance({ officeId });
    expect(empty.balance).toMatchObject({ officeId, balance: 0n });
    expect(empty.balance?.updatedAt).toBeUndefined();

    const added = await credits().addCredits({ officeId, amount: 100n, note: "first top-up" });
    expect(added.balance).toMatchObject({ officeId, balance: 100n });
    expect(added.balance?.updatedAt).toBeDefined();
    expect(added.entry).toMatchObject({
      kind: CreditEntryKind.DEPOSIT,
      amount: 100n,
      balanceAfter: 100n,
      note: "first top-up",
      agentName: "",
      createdBy: `operator:${accountId}`,
    });
    expect(added.entry!.id).toBeGreaterThan(0n);
    await credits().addCredits({ officeId, amount: 23n });

    expect((await credits().getCreditBalance({ officeId })).balance?.balance).toBe(123n);
    const status = await clientFor(OfficeService, server.url, key).getOfficeStatus({ officeId });
    expect(status.status?.creditBalance).toBe(123n);
    const ledger = await credits().listCreditLedgerEntries({ officeId });
    expect(ledger.entries.map((e) => [e.amount, e.balanceAfter])).toEqual([
      [23n, 123n],
      [100n, 100n],
    ]);
    expect(ledger.nextPageToken).toBe("");
    expect(await rowsOf(officeId)).toEqual({ balances: 1, entries: 2 });
  });

  it("over REST in the docs' words, the same as Connect JSON", async () => {
    const officeId = await newOffice();
    const added = await http("POST", `/api/offices/${officeId}/credits:add`, { amount: 100, note: "via curl" });
    expect(added.status).toBe(200);
    expect(added.json.balance).toMatchObject({ officeId, balance: "100" });
    expect(added.json.entry).toMatchObject({ kind: "deposit", amount: "100", balanceAfter: "100", note: "via curl" });
    expect(added.json.entry.createdBy).toBe(`operator:${accountId}`);

    const balance = await http("GET", `/api/offices/${officeId}/credits`);
    expect(balance).toMatchObject({ status: 200, json: { balance: { officeId, balance: "100" } } });
    const status = await http("GET", `/api/offices/${officeId}/status`);
    expect(status.json.status.creditBalance).toBe("100");

    await http("POST", `/api/offices/${officeId}/credits:add`, { amount: "5" });
    const page = await http("GET", `/api/offices/${officeId}/credits/ledger?kind=deposit&limit=1`);
    expect(page.status).toBe(200);
    expect(page.json.entries).toEqual([expect.objectContaining({ kind: "deposit", amount: "5", balanceAfter: "105" })]);
    const rest = await http("GET", `/api/offices/${officeId}/credits/ledger?limit=1&pageToken=${page.json.nextPageToken}`);
    expect(rest.json.entries).toEqual([expect.objectContaining({ amount: "100" })]);

    // Connect JSON stays canonical proto JSON: the enum's proto name.
    const connect = await http("POST", "/mitosis.v1.CreditService/ListCreditLedgerEntries", { officeId, pageSize: 1 });
    expect(connect.json.entries[0]).toMatchObject({ kind: "CREDIT_ENTRY_KIND_DEPOSIT", amount: "5" });
  });

  it("a retry with the same request id adds nothing and returns the first entry, also when sent at once", async () => {
    const officeId = await newOffice();
    const requestId = randomUUID();
    const first = await credits().addCredits({ officeId, amount: 40n, note: "invoice 7", requestId });
    const again = await credits().addCredits({ officeId, amount: 40n, note: "invoice 7", requestId });
    expect(again.entry).toEqual(first.entry);
    expect(again.balance?.balance).toBe(40n);

    // Eight copies of one request at the same moment: one deposit.
    const burst = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => clientFor(CreditService, server.url, key).addCredits({ officeId, amount: 2n, requestId: burst })),
    );
    expect(new Set(answers.map((a) => a.entry!.id)).size).toBe(1);
    expect((await credits().getCreditBalance({ officeId })).balance?.balance).toBe(42n);
    expect(await rowsOf(officeId)).toEqual({ balances: 1, entries: 2 });

    // The key is per office: another office's deposit with it is its own.
    const other = await newOffice("other");
    expect((await credits().addCredits({ officeId: other, amount: 40n, note: "invoice 7", requestId })).entry!.id).not.toBe(
      first.entry!.id,
    );
  });

  it("reserves an LLM call's most before it and refunds the unused part after; never below zero; settles once", async () => {
    const officeId = await newOffice();
    await credits().addCredits({ officeId, amount: 10n });
    // The test server's price is 1 credit per 1,000 tokens, rounded up.
    const requestId = randomUUID();
    const reserve = { officeId, agentName: "analyst", maxTokens: 4000n, purpose: "openai gpt-test", requestId };
    const held = await credits().reserveCredits(reserve);
    expect([held.credits, held.balance!.balance]).toEqual([4n, 6n]);
    expect((await credits().reserveCredits(reserve)).balance!.balance).toBe(6n); // a retry reserves nothing more
    const settled = await credits().settleCredits({ officeId, requestId, usedTokens: 1200n });
    expect([settled.charged, settled.refunded, settled.balance!.balance]).toEqual([2n, 2n, 8n]);
    expect((await credits().settleCredits({ officeId, requestId, usedTokens: 1200n })).balance!.balance).toBe(8n);
    // More than the balance can cover: refused, nothing charged.
    const refused = await errorOf(credits().reserveCredits({ ...reserve, maxTokens: 9000n, requestId: randomUUID() }));
    expect(refused.code).toBe(Code.FailedPrecondition);
    expect(refused.findDetails(ErrorInfoSchema)[0]?.reason).toBe("INSUFFICIENT_CREDITS");
    expect((await credits().getCreditBalance({ officeId })).balance!.balance).toBe(8n);
    expect((await errorOf(credits().settleCredits({ officeId, requestId: randomUUID(), usedTokens: 1n }))).code).toBe(Code.NotFound);
    const ledger = await credits().listCreditLedgerEntries({ officeId });
    expect(ledger.entries.map((e) => [e.kind, e.amount, e.agentName])).toEqual([
      [CreditEntryKind.REFUND, 2n, "analyst"],
      [CreditEntryKind.USAGE, -4n, "analyst"],
      [CreditEntryKind.DEPOSIT, 10n, ""],
    ]);
  });

  it("refuses a request id reused for a different deposit, and adds nothing", async () => {
    const officeId = await newOffice();
    const requestId = randomUUID();
    await credits().addCredits({ officeId, amount: 10n, requestId });
    const err = await errorOf(credits().addCredits({ officeId, amount: 11n, requestId }));
    expect(err.code).toBe(Code.AlreadyExists);
    expect(err.rawMessage).toMatch(new RegExp(`request_id ${requestId} was already used .* deposit of 10 credits.*send a new request_id`));
    const noted = await errorOf(credits().addCredits({ officeId, amount: 10n, note: "other", requestId }));
    expect(noted.code).toBe(Code.AlreadyExists);
    const rest = await http("POST", `/api/offices/${officeId}/credits:add`, { amount: 11, requestId });
    expect(rest.status).toBe(409);
    expect((await credits().getCreditBalance({ officeId })).balance?.balance).toBe(10n);
    expect(await rowsOf(officeId)).toEqual({ balances: 1, entries: 1 });
  });

  it("16 concurrent deposits from 16 clients: exact balance, 16 entries, each balance_after its predecessor's plus its amount", async () => {
    const officeId = await newOffice();
    const amounts = Array.from({ length: 16 }, (_, i) => BigInt(i + 1));
    await Promise.all(amounts.map((amount) => clientFor(CreditService, server.url, key).addCredits({ officeId, amount })));
    const total = amounts.reduce((a, b) => a + b, 0n);
    expect((await credits().getCreditBalance({ officeId })).balance?.balance).toBe(total);
    const { entries } = await credits().listCreditLedgerEntries({ officeId });
    expect(entries).toHaveLength(16);
    const oldestFirst = [...entries].reverse();
    let running = 0n;
    for (const e of oldestFirst) {
      running += e.amount;
      expect(e.balanceAfter).toBe(running);
    }
    expect(oldestFirst.map((e) => e.amount).sort((a, b) => Number(a - b))).toEqual(amounts);
  });

  it.each([
    ["amount 0", { amount: 0n }, /amount/],
    ["a negative amount", { amount: -5n }, /amount/],
    ["an amount over 1000000000", { amount: 1_000_000_001n }, /amount/],
    ["a note over 500 characters", { amount: 1n, note: "x".repeat(501) }, /note/],
    ["a request id that is not a UUID", { amount: 1n, requestId: "retry-1" }, /request_id/],
  ])("refuses %s naming the field, and writes nothing", async (_, fields, field) => {
    const officeId = await newOffice();
    const err = await errorOf(credits().addCredits({ officeId, ...fields }));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toMatch(field);
    expect(await rowsOf(officeId)).toEqual({ balances: 0, entries: 0 });
  });

  it("refuses bad input over REST with 400 naming the field", async () => {
    const officeId = await newOffice();
    const res = await http("POST", `/api/offices/${officeId}/credits:add`, { amount: 0 });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/amount/);
    const agent = await http("GET", `/api/offices/${officeId}/credits/ledger?agentName=Not_An_Agent`);
    expect(agent.status).toBe(400);
    expect(agent.json.message).toMatch(/agent_name/);
  });

  it("another account's office is not found on every credit call", async () => {
    const officeId = await newOffice();
    await credits().addCredits({ officeId, amount: 5n });
    const stranger = clientFor(CreditService, server.url, (await server.newAccount("stranger")).apiKey);
    for (const call of [
      () => stranger.getCreditBalance({ officeId }),
      () => stranger.addCredits({ officeId, amount: 1n }),
      () => stranger.listCreditLedgerEntries({ officeId }),
    ]) {
      const err = await errorOf(call());
      expect(err.code).toBe(Code.NotFound);
      expect(err.rawMessage).toContain(`office ${officeId} not found`);
    }
    expect((await credits().getCreditBalance({ officeId })).balance?.balance).toBe(5n);
  });

  it("deleting an office removes its balance and ledger rows", async () => {
    const officeId = await newOffice();
    await credits().addCredits({ officeId, amount: 7n });
    expect(await rowsOf(officeId)).toEqual({ balances: 1, entries: 1 });
    await clientFor(OfficeService, server.url, key).deleteOffice({ officeId });
    expect(await rowsOf(officeId)).toEqual({ balances: 0, entries: 0 });
    expect((await errorOf(credits().getCreditBalance({ officeId }))).code).toBe(Code.NotFound);
  });
});

describe("Credits.debit with the real store", () => {
  const domain = () => new Credits(new PgCreditStore(pool));

  async function refusal(call: Promise<unknown>): Promise<DomainError> {
    const err = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }

  it("spends, charging the agent; below zero it refuses with INSUFFICIENT_CREDITS and writes nothing", async () => {
    const officeId = await newOffice();
    const scope = scopeFor(officeId);
    await domain().add(scope, { amount: 10n, note: "" });

    const spent = await domain().debit(scope, 4n, { agentName: "analyst", note: "compute", kind: "usage" });
    expect(spent.balance.balance).toBe(6n);
    expect(spent.entry).toMatchObject({ kind: "usage", amount: -4n, balanceAfter: 6n, agentName: "analyst", createdBy: "analyst" });

    const err = await refusal(domain().debit(scope, 7n, { agentName: "analyst", note: "", kind: "usage" }));
    expect(err).toMatchObject({ kind: "failed_precondition", reason: "INSUFFICIENT_CREDITS" });
    expect(err.message).toBe(
      `The office has 6 credits, not enough for 7. Add credits via mi credits add --colony ${officeId} --amount 100.`,
    );
    expect((await domain().balance(scope)).balance).toBe(6n);
    expect(await rowsOf(officeId)).toEqual({ balances: 1, entries: 2 });

    await domain().debit(scope, 6n, { agentName: "analyst", note: "", kind: "usage" });
    const empty = await refusal(domain().debit(scope, 1n, { agentName: "analyst", note: "", kind: "usage" }));
    expect(empty.message).toMatch(/^The office has no credits\. Add credits via mi credits add --colony .* --amount 100\.$/);
  });

  it("refuses a spend from an office that never had credits, creating no rows", async () => {
    const officeId = await newOffice();
    const err = await refusal(domain().debit(scopeFor(officeId), 1n, { agentName: "analyst", note: "", kind: "usage" }));
    expect(err.reason).toBe("INSUFFICIENT_CREDITS");
    expect(await rowsOf(officeId)).toEqual({ balances: 0, entries: 0 });
  });

  it("16 concurrent spends of 1 from a balance of 10: exactly 10 pass and the balance ends at 0, never below", async () => {
    const officeId = await newOffice();
    const scope = scopeFor(officeId);
    await domain().add(scope, { amount: 10n, note: "" });
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => domain().debit(scope, 1n, { agentName: `agent-${i}`, note: "", kind: "usage" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ reason: "INSUFFICIENT_CREDITS" });
    expect((await domain().balance(scope)).balance).toBe(0n);
    const balances = await pool.query(`select balance_after from credit_ledger_entry where office_id = $1 order by id`, [officeId]);
    expect(balances.rows.map((r) => Number(r.balance_after))).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it("a deposit into an office deleted after its scope was resolved is not_found and writes nothing", async () => {
    const officeId = await newOffice();
    const scope = scopeFor(officeId);
    await clientFor(OfficeService, server.url, key).deleteOffice({ officeId });
    expect(await refusal(domain().add(scope, { amount: 5n, note: "" }))).toMatchObject({
      kind: "not_found",
      message: `office ${officeId} not found; list your offices with mi offices list`,
    });
    expect(await rowsOf(officeId)).toEqual({ balances: 0, entries: 0 });
  });

  it("checks amount and note for callers inside the server too", async () => {
    const scope = scopeFor(await newOffice());
    expect(await refusal(domain().debit(scope, 0n, { agentName: "a", note: "", kind: "usage" }))).toMatchObject({
      kind: "invalid_argument",
      message: expect.stringMatching(/^amount:/),
    });
    expect(await refusal(domain().add(scope, { amount: 1n, note: "x".repeat(501) }))).toMatchObject({
      kind: "invalid_argument",
      message: expect.stringMatching(/^note:/),
    });
  });

  it("lists the ledger newest first, one agent's entries, page by page", async () => {
    const officeId = await newOffice();
    const scope = scopeFor(officeId);
    await domain().add(scope, { amount: 100n, note: "" });
    for (let i = 0; i < 7; i++)
      await domain().debit(scope, 1n, { agentName: i % 2 ? "reviewer" : "analyst", note: `step ${i}`, kind: "usage" });

    const analyst = await domain().ledger(scope, { agentName: "analyst" }, { pageSize: 0, pageToken: "" });
    expect(analyst.items.map((e) => e.note)).toEqual(["step 6", "step 4", "step 2", "step 0"]);
    const connect = await credits().listCreditLedgerEntries({ officeId, agentName: "reviewer", kind: CreditEntryKind.USAGE });
    expect(connect.entries.map((e) => e.note)).toEqual(["step 5", "step 3", "step 1"]);

    const seen: string[] = [];
    let pageToken = "";
    do {
      const page = await credits().listCreditLedgerEntries({ officeId, pageSize: 3, pageToken });
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((e) => e.note || "deposit"));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(["step 6", "step 5", "step 4", "step 3", "step 2", "step 1", "step 0", "deposit"]);
  });
});

it("a refused spend becomes failed_precondition with ErrorInfo INSUFFICIENT_CREDITS, which REST answers with 402", async () => {
  // No RPC spends credits yet (agents will); this checks the domain's error through the same
  // mapping every handler's errors go through.
  const officeId = await newOffice();
  const err = await new Credits(new PgCreditStore(pool))
    .debit(scopeFor(officeId), 1n, { agentName: "a", note: "", kind: "usage" })
    .catch((e: unknown) => e);
  const wire = toConnectError(err, createLogger("error"), "test");
  expect(wire.code).toBe(Code.FailedPrecondition);
  expect(wire.findDetails(ErrorInfoSchema).map((d) => d.reason)).toEqual(["INSUFFICIENT_CREDITS"]);
  expect(httpStatusFromConnectError(wire)).toBe(402);
});
