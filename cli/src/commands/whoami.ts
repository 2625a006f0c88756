/**
 * `mi whoami`: the account behind the configured API key, and the server it is for.
 */
import { renderDetails } from "../output.js";
import type { Account } from "../sdk.js";
import { command } from "../spec.js";
import { ACCOUNT_FIELDS } from "./fields.js";

/** The account and the endpoint it was looked up at. */
export interface WhoAmI {
  account: Account;
  endpoint: string;
}

export const whoami = command({
  name: "whoami",
  summary: "Show the account you are logged in as",
  examples: ["mi whoami", "mi whoami --json name,admin"],
  args: {},
  flags: {},
  json: ACCOUNT_FIELDS,
  toJson: (r: WhoAmI): Account => r.account,
  async run(ctx): Promise<WhoAmI> {
    const client = await ctx.client();
    return { account: await client.account.get(), endpoint: client.endpoint };
  },
  render: ({ account, endpoint }) => ({
    data: renderDetails([
      ["name", account.name],
      ["account", account.id],
      ["admin", account.admin ? "yes" : "no"],
      ["endpoint", endpoint],
    ]),
  }),
});
