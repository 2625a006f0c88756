/**
 * `mi api-keys create|list|revoke`: manage the API keys of the logged-in account.
 */
import type { Terminal } from "../io.js";
import { renderDetails, when } from "../output.js";
import type { ApiKey, CreatedApiKey } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { renderTable } from "../table.js";
import { API_KEY_FIELDS, CREATED_API_KEY_FIELDS } from "./fields.js";

export const createApiKey = command({
  name: "api-keys create",
  summary: "Create an API key (the secret is shown once)",
  description: "The secret goes to stdout alone, so it can be captured: KEY=$(mi api-keys create --name ci).",
  examples: ["mi api-keys create --name ci", "mi api-keys create --name laptop --ttl-days 90"],
  args: {},
  flags: {
    name: flag.string({ summary: "Label for the key", required: true }),
    ttlDays: flag.integer({ summary: "Days until it expires, 1-3650 (default: never)", value: "days" }),
  },
  json: CREATED_API_KEY_FIELDS,
  async run(ctx, { flags }): Promise<CreatedApiKey> {
    return (await ctx.client()).apiKeys.create(flags);
  },
  render: (created) => ({
    status: `Created API key ${created.apiKey.name} (${created.apiKey.id}). Save it now: it is not shown again.\n`,
    data: created.secret + "\n",
  }),
});

export const listApiKeys = command({
  name: "api-keys list",
  aliases: ["api-keys ls"],
  summary: "List your API keys, revoked ones included",
  examples: ["mi api-keys list", "mi api-keys list --json id,name,revokedAt"],
  args: {},
  flags: {},
  json: API_KEY_FIELDS,
  async run(ctx): Promise<ApiKey[]> {
    return (await ctx.client()).apiKeys.list();
  },
  render: (keys, _input, term) => ({ data: apiKeyTable(keys, term) }),
});

export const revokeApiKey = command({
  name: "api-keys revoke",
  summary: "Revoke an API key; requests with it fail from then on",
  examples: ["mi api-keys revoke <apiKeyId>"],
  args: { apiKeyId: arg.string({ summary: "Id of the key (mi api-keys list)" }) },
  flags: {},
  json: API_KEY_FIELDS,
  async run(ctx, { args }): Promise<ApiKey> {
    return (await ctx.client()).apiKeys.revoke(args.apiKeyId);
  },
  render: (key) => ({ status: `Revoked API key ${key.name} (${key.id})\n`, data: keyDetails(key) }),
});

function apiKeyTable(keys: readonly ApiKey[], term: Terminal): string {
  return renderTable(
    ["id", "name", "prefix", "created", "expires", "last used", "revoked"],
    keys.map((k) => [k.id, k.name, k.prefix, k.createdAt, when(k.expiresAt), when(k.lastUsedAt), when(k.revokedAt)]),
    term,
  );
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
