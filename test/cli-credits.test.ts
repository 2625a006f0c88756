import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OS1Client, type AddCreditsResult, type CreditBalance, type CreditLedgerEntry } from "../sdk/src/index.js";
import { runMi, fieldOf, jsonOf } from "./support/mi.js";
import type { Run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let apiKey: string;
let accountId: string;
let sdk: OS1Client;
beforeAll(async () => {
  server = await startTestServer();
  ({ apiKey, accountId } = await server.newAccount("cli-credits"));
  sdk = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
});
afterAll(async () => server?.stop());

const env = () => ({ MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: "/nonexistent" });
const mi = (...args: string[]): Promise<Run> => runMi(args, env());

describe("mi credits, following the docs", () => {
  it("add (the docs' line), balance, ledger, and the balance in mi offices status", async () => {
    const id = (await sdk.offices.create({ name: "billing" })).id;

    const empty = await mi("credits", "balance", "--colony", id);
    expect(empty.code).toBe(0);
    expect(fieldOf(empty.stdout, "balance")).toBe("0");
    expect(empty.stderr).toContain(`No credits: add some with mi credits add --colony ${id} --amount 100.`);

    // mi credits add --colony <id> --amount 100
    const added = await mi("credits", "add", "--colony", id, "--amount", "100");
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toBe("Added 100 credits; the balance is now 100\n");
    expect(fieldOf(added.stdout, "kind")).toBe("deposit");
    expect(fieldOf(added.stdout, "amount")).toBe("+100");
    expect(fieldOf(added.stdout, "created by")).toBe(`operator:${accountId}`);

    const noted = jsonOf<AddCreditsResult>(await mi("credits", "add", id, "--amount", "25", "--note", "March budget", "--json"));
    expect(noted).toMatchObject({ balance: { balance: 125 }, entry: { kind: "deposit", amount: 25, note: "March budget" } });

    expect(jsonOf<CreditBalance>(await mi("credits", "balance", "--office", id, "--json", "balance"))).toEqual({ balance: 125 });
    expect(jsonOf<{ creditBalance: number }>(await mi("offices", "status", id, "--json", "creditBalance"))).toEqual({
      creditBalance: 125,
    });

    const ledger = jsonOf<CreditLedgerEntry[]>(await mi("credits", "ledger", "--colony", id, "--json", "amount,balanceAfter,note"));
    expect(ledger).toEqual([
      { amount: 25, balanceAfter: 125, note: "March budget" },
      { amount: 100, balanceAfter: 100, note: "" },
    ]);
    expect(jsonOf<CreditLedgerEntry[]>(await mi("credits", "ledger", "--colony", id, "--limit", "1", "--json", "amount"))).toEqual([
      { amount: 25 },
    ]);
    const table = await mi("credits", "ledger", "--colony", id);
    expect(table.stdout.split("\n")[0]).toMatch(/^id\tcreated\tkind\tamount\tbalance\tagent\tby\tnote$/i);
    expect(table.stdout).toContain("March budget");

    const none = await mi("credits", "ledger", "--colony", id, "--agent", "analyst");
    expect(none).toMatchObject({ code: 0, stdout: "", stderr: "No ledger entries.\n" });
  });

  it("a repeated --request-id adds once; a different amount with it is refused", async () => {
    const id = (await sdk.offices.create({ name: "retries" })).id;
    const requestId = randomUUID();
    const first = jsonOf<AddCreditsResult>(
      await mi("credits", "add", "--colony", id, "--amount", "10", "--request-id", requestId, "--json"),
    );
    const again = jsonOf<AddCreditsResult>(
      await mi("credits", "add", "--colony", id, "--amount", "10", "--requestId", requestId, "--json"),
    );
    expect(again.entry).toEqual(first.entry);
    const conflict = await mi("credits", "add", "--colony", id, "--amount", "11", "--request-id", requestId);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/send a new request_id/);
    expect((await sdk.credits.balance(id)).balance).toBe(10);
  });

  it("bad input is a usage error or names the field, and adds nothing", async () => {
    const id = (await sdk.offices.create({ name: "bad input" })).id;
    const missing = await mi("credits", "add", "--colony", id);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--amount/);
    const zero = await mi("credits", "add", "--colony", id, "--amount", "0");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--amount/);
    const note = await mi("credits", "add", "--colony", id, "--amount", "1", "--note", "x".repeat(501));
    expect(note.code).toBe(1);
    expect(note.stderr).toMatch(/note/);
    const stranger = await runMi(["credits", "balance", "--colony", id], {
      ...env(),
      MITOSIS_API_KEY: (await server.newAccount("stranger")).apiKey,
    });
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain(`office ${id} not found`);
    expect((await sdk.credits.balance(id)).balance).toBe(0);
  });
});
