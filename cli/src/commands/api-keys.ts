/**
 * `mi api-keys create|list|revoke`: manage the API keys of the logged-in account.
 */
import type { CAC } from "cac";
import type { ApiKey } from "../sdk.js";
import { integerFlag, stringFlag, type CommandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../exit.js";
import { renderDetails, renderTable, status, when, writeJson } from "../output.js";

/** Registers the API key commands. */
export function registerApiKeyCommands(cli: CAC, ctx: CommandContext): void {
  cli
    .command("api-keys create", "Create an API key (the secret is shown once)")
    .option("--name <name>", "Label for the key (required)")
    .option("--ttl-days <days>", "Days until it expires, 1-3650 (default: never)")
    .option("--json", "Print JSON")
    .action(async (options: GlobalOptions & { name?: unknown; ttlDays?: unknown }) => {
      const usage = "api-keys create";
      const name = stringFlag(options.name, "--name", usage);
      if (name === undefined) throw new UsageError("Missing --name: mi api-keys create --name <name>.", usage);
      const ttlDays = integerFlag(options.ttlDays, "--ttl-days", usage);
      const created = await (await ctx.client()).apiKeys.create({ name, ttlDays });
      if (options.json) return writeJson(ctx.io, created);
      status(ctx.io, `Created API key ${created.apiKey.name} (${created.apiKey.id}). Save it now: it is not shown again.`);
      ctx.io.stdout.write(created.secret + "\n");
    });

  cli
    .command("api-keys list", "List your API keys, revoked ones included")
    .option("--json", "Print JSON")
    .action(async (options: GlobalOptions) => {
      const keys = await (await ctx.client()).apiKeys.list();
      if (options.json) return writeJson(ctx.io, keys);
      ctx.io.stdout.write(
        renderTable(
          ["id", "name", "prefix", "created", "expires", "last used", "revoked"],
          keys.map((k) => [k.id, k.name, k.prefix, k.createdAt, when(k.expiresAt), when(k.lastUsedAt), when(k.revokedAt)]),
        ),
      );
    });

  cli
    .command("api-keys revoke <apiKeyId>", "Revoke an API key; requests with it fail from then on")
    .option("--json", "Print JSON")
    .action(async (apiKeyId: string, options: GlobalOptions) => {
      const key = await (await ctx.client()).apiKeys.revoke(apiKeyId);
      if (options.json) return writeJson(ctx.io, key);
      status(ctx.io, `Revoked API key ${key.name} (${key.id})`);
      ctx.io.stdout.write(keyDetails(key));
    });
}

function keyDetails(k: ApiKey): string {
  return renderDetails([
    ["id", k.id],
    ["name", k.name],
    ["prefix", k.prefix],
    ["created", k.createdAt],
    ["expires", when(k.expiresAt)],
    ["revoked", when(k.revokedAt)],
  ]);
}
