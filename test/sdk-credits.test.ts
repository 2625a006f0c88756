import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlreadyExistsError, CREDIT_ENTRY_KINDS, CreditsClient, InvalidArgumentError, NotFoundError, OS1Client } from "../sdk/src/index.js";
import { withCallPolicy } from "../sdk/src/retry.js";
import { failure } from "./support/sdk.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let apiKey: string;
let accountId: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ apiKey, accountId } = await server.newAccount("sdk-credits"));
});
afterAll(async () => server?.stop());

const client = (transport: "connect" | "grpc" = "connect", token = apiKey) =>
  new OS1Client({ endpoint: server.url, auth: { type: "token", token }, transport });
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(["connect", "grpc"] as const)("client.credits over %s", (transport) => {
  it("balance, add, ledger and office status with the docs' shapes", async () => {
    const c = client(transport);
    const office = await c.offices.create({ name: "credits" });
    expect(await c.credits.balance(office.id)).toEqual({ officeId: office.id, balance: 0, updatedAt: null });

    const added = await c.credits.add(office.id, { amount: 100, note: "first top-up" });
    expect(added).toEqual({
      balance: { officeId: office.id, balance: 100, updatedAt: expect.stringMatching(ISO) },
      entry: {
        id: expect.any(Number),
        kind: "deposit",
        amount: 100,
        balanceAfter: 100,
        note: "first top-up",
        agentName: "",
        createdBy: `operator:${accountId}`,
        createdAt: expect.stringMatching(ISO),
      },
    });
    await c.credits.add(office.id, { amount: 5 });
    expect((await c.credits.balance(office.id)).balance).toBe(105);
    expect((await c.offices.status(office.id)).creditBalance).toBe(105);

    const ledger = await c.credits.ledger(office.id);
    expect(ledger.map((e) => [e.amount, e.balanceAfter])).toEqual([
      [5, 105],
      [100, 100],
    ]);
    expect(await c.credits.ledger(office.id, { limit: 1 })).toEqual([ledger[0]]);
    expect(await c.credits.ledger(office.id, { kind: "usage" })).toEqual([]);
    expect(await c.credits.ledger(office.id, { agentName: "analyst" })).toEqual([]);
    const walked = [];
    for await (const entry of c.credits.iterateLedger(office.id, { pageSize: 1 })) walked.push(entry);
    expect(walked).toEqual(ledger);
  });
});

describe("client.credits.add is safe to retry", () => {
  it("a caller's request id applies once; without one, each call is its own deposit", async () => {
    const c = client();
    const officeId = (await c.offices.create({ name: "retries" })).id;
    const requestId = crypto.randomUUID();
    const first = await c.credits.add(officeId, { amount: 10, requestId });
    const again = await c.credits.add(officeId, { amount: 10, requestId });
    expect(again.entry).toEqual(first.entry);
    await c.credits.add(officeId, { amount: 10 });
    expect((await c.credits.balance(officeId)).balance).toBe(20);

    const err = await failure(c.credits.add(officeId, { amount: 11, requestId }));
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(err.message).toMatch(/send a new request_id/);
  });

  it("when the answer to the first attempt is lost, the SDK's retry returns that deposit instead of adding again", async () => {
    const c = client();
    const officeId = (await c.offices.create({ name: "lost answer" })).id;
    const sent: string[] = [];
    // The request reaches the server and is applied; its answer never reaches the caller.
    const loseFirstAnswer: Interceptor = (next) => async (req) => {
      req.header.set("authorization", `Bearer ${apiKey}`);
      sent.push((req.message as unknown as { requestId: string }).requestId);
      const res = await next(req);
      if (sent.length === 1) throw new ConnectError("connection reset", Code.Unavailable);
      return res;
    };
    const transport = withCallPolicy(createConnectTransport({ baseUrl: server.url, httpVersion: "1.1", interceptors: [loseFirstAnswer] }), {
      timeoutMs: 10_000,
      maxAttempts: 3,
      initialDelayMs: 1,
      maxDelayMs: 10,
    });
    const result = await new CreditsClient(transport).add(officeId, { amount: 30 });
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(UUID);
    expect(sent[1]).toBe(sent[0]);
    expect(result.balance.balance).toBe(30);
    expect(await c.credits.ledger(officeId)).toHaveLength(1);
  });
});

describe("client.credits errors", () => {
  it("checks input before sending and names the field; the server's checks name theirs", async () => {
    const c = client();
    const officeId = (await c.offices.create({ name: "bad input" })).id;
    for (const amount of [0, -3, 1.5]) {
      const err = await failure(c.credits.add(officeId, { amount }));
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(err.message).toMatch(/^amount /);
    }
    const tooMuch = await failure(c.credits.add(officeId, { amount: 1_000_000_001 }));
    expect(tooMuch).toBeInstanceOf(InvalidArgumentError);
    expect(tooMuch.message).toMatch(/amount/);
    const note = await failure(c.credits.add(officeId, { amount: 1, note: "x".repeat(501) }));
    expect(note).toBeInstanceOf(InvalidArgumentError);
    expect(note.message).toMatch(/note/);
    const kind = await failure(c.credits.ledger(officeId, { kind: "bonus" as never }));
    expect(kind.message).toMatch(/kind must be one of deposit, usage, refund, adjustment/);
    expect(await c.credits.balance(officeId)).toMatchObject({ balance: 0 });
  });

  it("another account's office is not found", async () => {
    const officeId = (await client().offices.create({ name: "private" })).id;
    const stranger = client("connect", (await server.newAccount("stranger")).apiKey);
    expect(await failure(stranger.credits.balance(officeId))).toBeInstanceOf(NotFoundError);
    expect(await failure(stranger.credits.add(officeId, { amount: 1 }))).toBeInstanceOf(NotFoundError);
    expect(await failure(stranger.credits.ledger(officeId))).toBeInstanceOf(NotFoundError);
  });

  it("exports the kinds in the proto's order", () => {
    expect(CREDIT_ENTRY_KINDS).toEqual(["deposit", "usage", "refund", "adjustment"]);
  });
});
