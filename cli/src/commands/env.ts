/**
 * `mi env list|set|delete`: environment variables given to an office's agents, as the docs show
 * them (`mi env set --colony <colonyId> KEY=value`), office-wide or, with --agent, for one agent.
 * Secret values are write-only: mi never prints them, only the server's mask, and with --secret
 * it reads them from stdin or a hidden prompt so they stay out of argv and shell history.
 */
import type { CommandContext } from "../context.js";
import { UsageError } from "../exit.js";
import type { Terminal } from "../io.js";
import { askSecret, readAll } from "../prompt.js";
import type { EnvVar } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { renderTable } from "../table.js";
import { checkEnvKey, type EnvAssignment, parseAssignments, pipedValue } from "./env-pairs.js";
import { ENV_VAR_FIELDS } from "./fields.js";

const agentFlag = (summary: string) => flag.string({ summary, value: "name", aliases: ["agentName"] });

export const listEnv = command({
  name: "env list",
  aliases: ["env ls"],
  summary: "List an office's environment variables, or with --agent the environment one agent gets",
  description: [
    "Without --agent: the office-wide variables. With --agent: what that agent gets, the office's",
    "variables with its own on top; SCOPE says which is which. Secret values show as a mask.",
  ].join("\n"),
  examples: ["mi env list --colony <colonyId>", "mi env list --colony <id> --agent coder", "mi env list <colonyId> --json key,scope"],
  args: { officeId: arg.office() },
  flags: { agent: agentFlag("Show the merged environment of this agent") },
  json: ENV_VAR_FIELDS,
  async run(ctx, { args, flags }): Promise<EnvVar[]> {
    const client = await ctx.client();
    return flags.agent === undefined ? client.env.list(args.officeId) : client.env.getAgentEnv(args.officeId, flags.agent);
  },
  render: (vars, { args }, term) =>
    vars.length === 0
      ? { status: `No variables. Set one with mi env set --colony ${args.officeId} KEY=value\n` }
      : { data: envTable(vars, term) },
});

export const setEnv = command({
  name: "env set",
  summary: "Set environment variables for an office's agents, or with --agent for one agent",
  description: [
    "Each KEY=value creates or replaces one variable; several may be given. Keys are letters,",
    "digits and '_', not starting with a digit; MI_* is reserved. Hosted agents pick changes up",
    "on their next restart. An agent's own variable overrides the office's of the same key.",
    "",
    "--secret stores the values write-only: agents get them, but no answer ever shows them again.",
    "Give a secret as KEY alone (or KEY=-) and mi reads its value from stdin, or on a terminal",
    "asks for it without echo, so it stays out of your shell history and the process list.",
    "A piped value loses one trailing line break; only one value can be piped per run.",
    "--secret applies to every pair of the run: set plain variables in a separate mi env set.",
    "With --json, mi prints the variables set as a list, in the order given.",
  ].join("\n"),
  examples: [
    "mi env set --colony <colonyId> KEY=value",
    "mi env set --colony <id> API_BASE_URL=https://api.example.com LOG_LEVEL=info",
    "mi env set --colony <id> --secret GITHUB_TOKEN",
    "mi env set --colony <id> --secret GITHUB_TOKEN=- < token.txt",
    "mi env set --colony <id> --agent coder LOG_LEVEL=debug",
  ],
  args: { officeId: arg.office(), pairs: arg.rest({ summary: "KEY=value pairs; with --secret, KEY alone reads the value" }) },
  flags: {
    secret: flag.switch({ summary: "Store the values as secrets; KEY or KEY=- reads a value from stdin or a hidden prompt" }),
    agent: agentFlag("Set them for this agent only"),
  },
  json: ENV_VAR_FIELDS,
  check({ args, flags }) {
    parseAssignments(args.pairs, flags.secret);
  },
  async run(ctx, { args, flags }): Promise<EnvVar[]> {
    const parsed = parseAssignments(args.pairs, flags.secret);
    const exposed = flags.secret ? parsed.filter((a) => a.value !== undefined).map((a) => a.key) : [];
    if (exposed.length > 0) {
      ctx.status(
        `Note: the value of ${exposed.join(", ")} was on the command line, where shell history and process lists keep it; ` +
          "give the key alone to be asked for it instead.",
      );
    }
    const assignments = await withValues(ctx, parsed);
    const client = await ctx.client();
    const set: EnvVar[] = [];
    // One at a time, in the order given: a failure leaves the earlier ones set, and says which.
    for (const { key, value } of assignments) {
      const options = { secret: flags.secret };
      set.push(
        flags.agent === undefined
          ? await client.env.set(args.officeId, key, value, options)
          : await client.env.setForAgent(args.officeId, flags.agent, key, value, options),
      );
    }
    return set;
  },
  render: (vars, { flags }, term) => ({
    status:
      `Set ${vars.map((v) => v.key).join(", ")}${flags.agent === undefined ? "" : ` for agent ${flags.agent}`}; ` +
      "hosted agents pick changes up on their next restart.\n",
    data: envTable(vars, term),
  }),
});

/** What `mi env delete` removed. */
export interface DeletedEnvVar {
  key: string;
  agentName: string | undefined;
}

export const deleteEnv = command({
  name: "env delete",
  aliases: ["env rm", "env unset"],
  summary: "Delete an office's environment variable, or with --agent one agent's own",
  description: "Deleting an agent's own variable lets the office's variable of the same key apply to it again.",
  examples: ["mi env delete --colony <colonyId> KEY", "mi env delete --colony <id> --agent coder LOG_LEVEL"],
  args: { officeId: arg.office(), key: arg.string({ summary: "Name of the variable" }) },
  flags: { agent: agentFlag("Delete this agent's own variable") },
  check({ args }) {
    checkEnvKey(args.key, "env delete");
  },
  async run(ctx, { args, flags }): Promise<DeletedEnvVar> {
    const client = await ctx.client();
    if (flags.agent === undefined) await client.env.delete(args.officeId, args.key);
    else await client.env.deleteForAgent(args.officeId, flags.agent, args.key);
    return { key: args.key, agentName: flags.agent };
  },
  render: (d) => ({
    status:
      d.agentName === undefined
        ? `Deleted ${d.key} from the office.\n`
        : `Deleted agent ${d.agentName}'s own ${d.key}; the office's ${d.key}, if any, applies to it again.\n`,
  }),
});

/**
 * The pairs with every value filled in: on a terminal each missing one is asked for without
 * echo; otherwise the one missing value is all of stdin.
 */
export async function withValues(ctx: CommandContext, assignments: EnvAssignment[]): Promise<{ key: string; value: string }[]> {
  const missing = assignments.filter((a) => a.value === undefined);
  if (missing.length > 1 && !ctx.canPrompt) {
    throw new UsageError(
      `Only one value can be read from stdin; ${missing.map((a) => a.key).join(", ")} all need one. Run mi env set once per secret.`,
      "env set",
    );
  }
  const filled: { key: string; value: string }[] = [];
  for (const { key, value } of assignments) {
    if (value !== undefined) {
      filled.push({ key, value });
      continue;
    }
    const read = ctx.canPrompt ? await askSecret(ctx.io, `Value of ${key} (input hidden): `) : pipedValue(await readAll(ctx.io));
    if (read === "") throw new UsageError(`No value was read for ${key}: type it at the prompt or pipe it to stdin.`, "env set");
    filled.push({ key, value: read });
  }
  return filled;
}

/** KEY VALUE SCOPE UPDATED; a secret shows the server's mask, never a value. */
function envTable(vars: readonly EnvVar[], term: Terminal): string {
  return renderTable(
    ["key", "value", "scope", "updated"],
    vars.map((v) => [v.key, v.secret ? v.maskedValue : v.value, v.scope, v.updatedAt]),
    term,
  );
}
