/**
 * `mi whoami`: the account behind the configured API key.
 */
import type { CAC } from "cac";
import type { CommandContext, GlobalOptions } from "../context.js";
import { renderDetails, writeJson } from "../output.js";

/** Registers `mi whoami`. */
export function registerWhoamiCommand(cli: CAC, ctx: CommandContext): void {
  cli
    .command("whoami", "Show the account you are logged in as")
    .option("--json", "Print JSON")
    .action(async (options: GlobalOptions) => {
      const client = await ctx.client();
      const account = await client.account.get();
      if (options.json) return writeJson(ctx.io, account);
      ctx.io.stdout.write(
        renderDetails([
          ["name", account.name],
          ["account", account.id],
          ["admin", account.admin ? "yes" : "no"],
          ["endpoint", client.endpoint],
        ]),
      );
    });
}
