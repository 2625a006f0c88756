import pg from "pg";
import { AccountService } from "../gen/ts/mitosis/v1/auth_pb.js";
import { CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { Credits } from "../src/credits/credits.js";
import { PgCreditStore } from "../src/credits/store.js";
import type { Principal } from "../src/domain/principal.js";
import { OfficeAccess } from "../src/offices/access.js";
import type { Office } from "../src/offices/model.js";
import { DEFAULT_POOL_SIZE } from "../src/store/orm.js";
import { clientFor } from "../test/support/clients.js";
import { startTestServer } from "../test/support/server.js";
import { type Measurement, measure, report } from "./measure.js";

/** More than any run can spend, so no debit is refused for want of credits. */
const START_BALANCE = 100_000_000n;

/**
 * Credit debits from `writers` concurrent writers in one office: `Credits.debit` (lock the
 * office's balance row, conditional update, ledger row, one transaction) against the bare
 * conditional update alone on a pool of the same size, in the same run. Afterwards the balance
 * must equal the deposits minus every debit that succeeded, and the ledger must hold one row per
 * debit; the run fails otherwise.
 */
export async function benchCredits(opts: { seconds: number; writers: number }): Promise<Measurement[]> {
  const server = await startTestServer();
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: DEFAULT_POOL_SIZE });
  try {
    const account = (await clientFor(AccountService, server.url, server.adminKey).getCurrentAccount({})).account!;
    const principal: Principal = { kind: "operator", accountId: account.id, admin: true, keyId: "bench" };
    const offices = clientFor(OfficeService, server.url, server.adminKey);
    const fundedOffice = async (name: string) => {
      const id = (await offices.createOffice({ name })).office!.id;
      await clientFor(CreditService, server.url, server.adminKey).addCredits({ officeId: id, amount: START_BALANCE });
      return id;
    };
    const access = new OfficeAccess({
      get: async (_accountId, officeId) => {
        const res = await pool.query("select account_id from office where id = $1", [officeId]);
        return res.rows[0] ? ({ id: officeId, accountId: res.rows[0].account_id } as Office) : null;
      },
    });
    const credits = new Credits(new PgCreditStore(pool));

    const bareOffice = await fundedOffice("bench bare update");
    const baseline = await measure(
      `bare conditional update, ${opts.writers} writers`,
      () =>
        pool.query("update credit_balance set balance = balance - 1 where office_id = $1 and balance - 1 >= 0 returning balance", [
          bareOffice,
        ]),
      { seconds: opts.seconds, concurrency: opts.writers },
    );

    const officeId = await fundedOffice("bench debits");
    const scope = await access.resolve(principal, officeId);
    let debited = 0;
    const m = await measure(
      `Credits.debit, ${opts.writers} writers`,
      async () => {
        await credits.debit(scope, 1n, { agentName: "bench", note: "", kind: "usage" });
        debited++;
      },
      { seconds: opts.seconds, concurrency: opts.writers },
    );

    const balance = (await credits.balance(scope)).balance;
    const entries = Number(
      (await pool.query("select count(*) from credit_ledger_entry where office_id = $1 and kind = 'usage'", [officeId])).rows[0].count,
    );
    const consistent = balance === START_BALANCE - BigInt(debited) && entries === debited;
    report(
      `Credit debits in one office (warm-up included in the checks); baseline = the bare conditional update on a pool of ${DEFAULT_POOL_SIZE}`,
      [{ m, baseline }],
    );
    console.log(
      `final balance ${balance} = ${START_BALANCE} - ${debited} debits, ${entries} ledger rows: ${consistent ? "consistent" : "INCONSISTENT"}`,
    );
    if (!consistent) throw new Error("credit debits left an inconsistent balance or ledger");
    return [baseline, m];
  } finally {
    await pool.end();
    await server.stop();
  }
}
