/**
 * `mi integrations ...`: third-party services connected to an office, as the docs show them
 * (`mi integrations list --colony <colonyId>`, `mi integrations models --colony <colonyId>
 * --provider google`), plus the catalog, credentials, per-agent toggles and agents' requests.
 * Credentials are read from a prompt without echo or from stdin, never from argv, and no output
 * shows them.
 */
import type { CommandContext } from "../context.js";
import { CancelledError, UsageError } from "../exit.js";
import type { Terminal } from "../io.js";
import { renderDetails, when } from "../output.js";
import { ask, askSecret, readAll } from "../prompt.js";
import type { AgentIntegration, Integration, IntegrationRequest, Model, OfficeIntegration, SetSecretResult } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { renderTable } from "../table.js";
import { INTEGRATION_REQUEST_STATUSES } from "../words.js";
import { AGENT_NAME } from "./agents.js";
import {
  AGENT_INTEGRATION_FIELDS,
  INTEGRATION_FIELDS,
  INTEGRATION_REQUEST_FIELDS,
  MODEL_FIELDS,
  OFFICE_INTEGRATION_FIELDS,
  SET_SECRET_FIELDS,
} from "./fields.js";
import { baseUrlField, howToSet, missingFields, parseSecretInput, providerId } from "./integration-input.js";

const INTEGRATION_ID = arg.string({ summary: "Integration id, e.g. github (mi integrations catalog lists them)" });

export const integrationCatalog = command({
  name: "integrations catalog",
  summary: "List every integration the server supports, with the credentials each needs",
  examples: ["mi integrations catalog", "mi integrations catalog --json id,name,secretFields"],
  args: {},
  flags: {},
  json: INTEGRATION_FIELDS,
  async run(ctx): Promise<Integration[]> {
    return (await ctx.client()).integrations.catalog();
  },
  render: (all, _input, term) => ({
    data: renderTable(
      ["id", "name", "category", "credentials", "capabilities"],
      all.map((i) => [i.id, i.name, i.category, fieldList(i), i.capabilities.join(", ")]),
      term,
    ),
  }),
});

export const listIntegrations = command({
  name: "integrations list",
  aliases: ["integrations ls"],
  summary: "List an office's integrations: configured or not, enabled for which agents, pending requests",
  examples: ["mi integrations list --colony <colonyId>", "mi integrations list <colonyId> --json integration,configured,enabledAgents"],
  args: { officeId: arg.office() },
  flags: {
    configured: flag.switch({ summary: "Only integrations with credentials set" }),
  },
  json: OFFICE_INTEGRATION_FIELDS,
  async run(ctx, { args, flags }): Promise<OfficeIntegration[]> {
    const all = await (await ctx.client()).integrations.listOffice(args.officeId);
    return flags.configured ? all.filter((i) => i.configured) : all;
  },
  render: (all, { args }, term) =>
    all.length === 0
      ? { status: `No integrations configured. Set one with mi integrations set --colony ${args.officeId} github.\n` }
      : { data: officeTable(all, term) },
});

export const listModels = command({
  name: "integrations models",
  summary: "List the LLM models the office's agents can use, optionally of one provider",
  examples: [
    "mi integrations models --colony <colonyId> --provider google",
    "mi integrations models <colonyId> --json id,provider,available",
  ],
  args: { officeId: arg.office() },
  flags: {
    provider: flag.string({ summary: "Provider integration id, e.g. google-gemini (or google, openai, venice)" }),
  },
  json: MODEL_FIELDS,
  async run(ctx, { args, flags }): Promise<Model[]> {
    const client = await ctx.client();
    const provider = flags.provider === undefined ? undefined : providerId(flags.provider, await client.integrations.catalog());
    return client.integrations.listModels(args.officeId, provider);
  },
  render: (models, _input, term) =>
    models.length === 0
      ? { status: "No models.\n" }
      : {
          data: renderTable(
            ["id", "provider", "name", "tier", "available", "context"],
            models.map((m) => [
              m.id,
              m.provider,
              m.displayName,
              m.modelTier || "-",
              m.available ? "yes" : "no",
              m.contextWindowTokens ? String(m.contextWindowTokens) : "-",
            ]),
            term,
          ),
        },
});

export const setIntegrationSecret = command({
  name: "integrations set",
  aliases: ["integrations set-secret"],
  summary: "Configure an integration's credentials for an office",
  description: [
    "On a terminal, mi asks for each credential without showing it. In scripts, pipe them to stdin:",
    "the value alone for an integration with one credential (< token-file), else KEY=value lines.",
    "Credentials never go on the command line, where shell history and process lists keep them;",
    "--base-url (not a secret) may. Agents that asked for the integration get it enabled.",
  ].join("\n"),
  examples: [
    "mi integrations set --colony <colonyId> github",
    "mi integrations set --colony <id> github < github-token",
    "mi integrations set --colony <id> openai --base-url http://127.0.0.1:11434/v1 < openai.env   # OPENAI_API_KEY=... lines",
  ],
  args: { officeId: arg.office(), integration: INTEGRATION_ID },
  flags: {
    baseUrl: flag.string({
      summary: "API base URL of an LLM provider (its *_BASE_URL field), e.g. an OpenAI-compatible server",
      value: "url",
    }),
  },
  json: SET_SECRET_FIELDS,
  async run(ctx, { args, flags }): Promise<SetSecretResult> {
    const client = await ctx.client();
    const entry = (await client.integrations.catalog()).find((i) => i.id === args.integration);
    if (entry === undefined) {
      throw new UsageError(`Unknown integration ${args.integration}; mi integrations catalog lists them.`, "integrations set");
    }
    const data: Record<string, string> = {};
    if (flags.baseUrl !== undefined) data[baseUrlField(entry)] = flags.baseUrl;
    Object.assign(data, await credentialsFromUser(ctx, entry, Object.keys(data)));
    const missing = missingFields(entry, data);
    if (missing.length > 0) throw new UsageError(`${entry.id} needs ${missing.join(", ")}.\n${howToSet(entry)}`, "integrations set");
    return client.integrations.setSecret(args.officeId, entry.id, data);
  },
  render: ({ integration, autoEnabledAgents }, { args }) => ({
    status:
      `Configured ${integration.integration.id} in office ${args.officeId}; enable it for an agent with ` +
      `mi integrations toggle --colony ${args.officeId} ${integration.integration.id} --agent <name>\n` +
      (autoEnabledAgents.length > 0 ? `Enabled for the agents that asked for it: ${autoEnabledAgents.join(", ")}\n` : ""),
    data: officeDetails(integration),
  }),
});

export const deleteIntegrationSecret = command({
  name: "integrations unset",
  aliases: ["integrations delete-secret"],
  summary: "Remove an integration's credentials from an office; its agents lose access",
  description: [
    "The credentials cannot be read back, only set again. On a terminal, mi asks you to type the",
    "integration's id to confirm; any other answer cancels with exit code 1. In scripts and pipes,",
    "where mi cannot ask, pass --yes; without it mi exits with code 2 and removes nothing.",
  ].join("\n"),
  examples: ["mi integrations unset --colony <colonyId> github", "mi integrations unset --colony <id> github --yes"],
  args: { officeId: arg.office(), integration: INTEGRATION_ID },
  flags: {
    yes: flag.switch({ summary: "Remove without asking (required when stdin or stderr is not a terminal)", short: "y" }),
  },
  json: OFFICE_INTEGRATION_FIELDS,
  async run(ctx, { args, flags }): Promise<OfficeIntegration> {
    if (!flags.yes && !ctx.canPrompt) {
      throw new UsageError(
        `Not removing ${args.integration}'s credentials: mi cannot ask for confirmation here (no terminal). Pass --yes to remove them.`,
        "integrations unset",
      );
    }
    if (!flags.yes) {
      const answer = await ask(
        ctx.io,
        `This removes ${args.integration}'s credentials from office ${args.officeId}; its agents lose access at once.\n` +
          "Type the integration's id to confirm: ",
      );
      if (answer?.trim() !== args.integration) throw new CancelledError(`Cancelled: ${args.integration}'s credentials were not removed.`);
    }
    return (await ctx.client()).integrations.deleteSecret(args.officeId, args.integration);
  },
  render: (i, { args }) => ({ status: `Removed ${i.integration.id}'s credentials from office ${args.officeId}\n`, data: officeDetails(i) }),
});

export const toggleIntegration = command({
  name: "integrations toggle",
  summary: "Enable or disable an integration for one agent",
  description: "Enabling needs the integration's credentials set (mi integrations set). The agent gets them at its next start.",
  examples: [
    "mi integrations toggle --colony <colonyId> github --agent analyst",
    "mi integrations toggle --colony <id> github --agent analyst --enabled false",
  ],
  args: { officeId: arg.office(), integration: INTEGRATION_ID },
  flags: {
    agent: flag.string({ summary: "Agent to switch it for", value: "name", required: true, aliases: ["agentName"] }),
    enabled: flag.boolean({ summary: "true enables (the default), false disables" }),
  },
  json: OFFICE_INTEGRATION_FIELDS,
  async run(ctx, { args, flags }): Promise<OfficeIntegration> {
    return (await ctx.client()).integrations.toggleAgent(args.officeId, args.integration, flags.agent, flags.enabled ?? true);
  },
  render: (i, { flags }) => ({
    status: `${flags.enabled === false ? "Disabled" : "Enabled"} ${i.integration.id} for agent ${flags.agent}\n`,
    data: officeDetails(i),
  }),
});

export const agentIntegrations = command({
  name: "integrations agent",
  summary: "List the integrations enabled for one agent",
  examples: ["mi integrations agent <colonyId> analyst", "mi integrations agent --colony <id> analyst --json integration,configured"],
  args: { officeId: arg.office(), name: AGENT_NAME },
  flags: {},
  json: AGENT_INTEGRATION_FIELDS,
  async run(ctx, { args }): Promise<AgentIntegration[]> {
    return (await ctx.client()).integrations.myIntegrations(args.officeId, args.name);
  },
  render: (all, { args }, term) =>
    all.length === 0
      ? { status: `No integrations enabled for ${args.name}.\n` }
      : {
          data: renderTable(
            ["id", "name", "configured", "enabled"],
            all.map((i) => [i.integration.id, i.integration.name, i.configured ? "yes" : "no", when(i.enabledAt)]),
            term,
          ),
        },
});

export const requestIntegration = command({
  name: "integrations request",
  summary: "Ask the office owner for an integration an agent needs",
  examples: ['mi integrations request --colony <colonyId> github --agent analyst --reason "Need PRs"'],
  args: { officeId: arg.office(), integration: INTEGRATION_ID },
  flags: {
    agent: flag.string({ summary: "Agent that needs it", value: "name", required: true, aliases: ["agentName"] }),
    reason: flag.string({ summary: "Why it is needed, at most 2000 characters", value: "text" }),
  },
  json: INTEGRATION_REQUEST_FIELDS,
  async run(ctx, { args, flags }): Promise<IntegrationRequest> {
    return (await ctx.client()).integrations.request(args.officeId, {
      integrationId: args.integration,
      agentName: flags.agent,
      reason: flags.reason,
    });
  },
  render: (r) => ({ status: `Request ${r.id} is ${r.status}\n`, data: requestDetails(r) }),
});

export const listIntegrationRequests = command({
  name: "integrations requests list",
  aliases: ["integrations requests"],
  summary: "List agents' integration requests, newest first",
  examples: [
    "mi integrations requests list --colony <colonyId>",
    "mi integrations requests list <colonyId> --status pending --json id,agentName",
  ],
  args: { officeId: arg.office() },
  flags: {
    status: flag.enum(INTEGRATION_REQUEST_STATUSES, { summary: "Only requests in this status" }),
    limit: flag.integer({ summary: "At most this many requests", value: "n", min: 1 }),
  },
  json: INTEGRATION_REQUEST_FIELDS,
  async run(ctx, { args, flags }): Promise<IntegrationRequest[]> {
    return (await ctx.client()).integrations.listRequests(args.officeId, { status: flags.status, limit: flags.limit });
  },
  render: (all, _input, term) =>
    all.length === 0
      ? { status: "No integration requests.\n" }
      : {
          data: renderTable(
            ["id", "created", "integration", "agent", "status", "reason"],
            all.map((r) => [r.id, r.createdAt, r.integrationId, r.agentName, r.status, r.reason]),
            term,
          ),
        },
});

export const rejectIntegrationRequest = command({
  name: "integrations requests reject",
  summary: "Turn an agent's pending integration request down",
  examples: ['mi integrations requests reject --colony <colonyId> <requestId> --note "Not this quarter"'],
  args: { officeId: arg.office(), requestId: arg.string({ summary: "Request id (UUID), from mi integrations requests list" }) },
  flags: {
    note: flag.string({ summary: "Note for the agent, at most 2000 characters", value: "text" }),
  },
  json: INTEGRATION_REQUEST_FIELDS,
  async run(ctx, { args, flags }): Promise<IntegrationRequest> {
    return (await ctx.client()).integrations.rejectRequest(args.officeId, args.requestId, flags.note);
  },
  render: (r) => ({ status: `Rejected request ${r.id}\n`, data: requestDetails(r) }),
});

/**
 * The credentials not given as flags: each asked for without echo on a terminal (optional ones
 * may be left empty), else read from stdin. A terminal on stdin without one on stderr cannot be
 * asked, and reading it would echo the secret, so that is refused.
 */
async function credentialsFromUser(ctx: CommandContext, entry: Integration, given: readonly string[]): Promise<Record<string, string>> {
  const wanted = entry.secretFields.filter((f) => !given.includes(f.key));
  if (wanted.length === 0) return {};
  if (ctx.canPrompt) {
    const data: Record<string, string> = {};
    for (const f of wanted) {
      const value = (
        await askSecret(ctx.io, `${f.key}: ${f.description}${f.required ? "" : " (optional, Enter to skip)"} (input hidden): `)
      ).trim();
      if (value !== "") data[f.key] = value;
    }
    return data;
  }
  if (ctx.io.stdin.isTTY === true) throw new UsageError(howToSet(entry), "integrations set");
  return parseSecretInput(
    await readAll(ctx.io),
    entry,
    wanted.map((f) => f.key),
  );
}

function fieldList(i: Integration): string {
  return i.secretFields.map((f) => (f.required ? f.key : `[${f.key}]`)).join(", ") || "-";
}

function officeTable(all: readonly OfficeIntegration[], term: Terminal): string {
  return renderTable(
    ["id", "name", "configured", "agents", "pending"],
    all.map((i) => [
      i.integration.id,
      i.integration.name,
      i.configured ? when(i.configuredAt) : "no",
      i.enabledAgents.join(",") || "-",
      String(i.pendingRequestCount),
    ]),
    term,
  );
}

function officeDetails(i: OfficeIntegration): string {
  return renderDetails([
    ["id", i.integration.id],
    ["name", i.integration.name],
    ["configured", i.configured ? when(i.configuredAt) : "no"],
    ["agents", i.enabledAgents.join(", ") || "-"],
    ["pending requests", String(i.pendingRequestCount)],
  ]);
}

function requestDetails(r: IntegrationRequest): string {
  const pairs: [string, string][] = [
    ["id", r.id],
    ["integration", r.integrationId],
    ["agent", r.agentName],
    ["status", r.status],
    ["created", r.createdAt],
    ["resolved", when(r.resolvedAt)],
  ];
  if (r.reason) pairs.push(["reason", r.reason]);
  if (r.resolutionNote) pairs.push(["note", r.resolutionNote]);
  return renderDetails(pairs);
}
