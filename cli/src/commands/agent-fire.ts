/**
 * `mi agents fire`: stops an agent and removes it once its workspace is backed up, so it asks
 * first, as `mi offices delete` does: on a terminal the user types the agent's name back;
 * without a terminal there is no one to ask, so `--yes` is required, and without it nothing
 * is sent to the server (exit 2).
 */
import type { CommandContext } from "../context.js";
import { CancelledError, UsageError } from "../exit.js";
import { renderDetails } from "../output.js";
import { ask } from "../prompt.js";
import type { FiredAgent } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { AGENT_NAME } from "./agents.js";
import { FIRED_AGENT_FIELDS } from "./fields.js";

export const fireAgent = command({
  name: "agents fire",
  summary: "Fire an agent: back its workspace up, then stop and remove it",
  description: [
    "On a terminal, mi asks you to type the agent's name to confirm; any other answer cancels",
    "with exit code 1 and fires nothing. In scripts and pipes, where mi cannot ask, pass --yes;",
    "without it mi exits with code 2 and fires nothing. Prints where the workspace backup went.",
  ].join("\n"),
  examples: [
    "mi agents fire <colonyId> analyst",
    "mi agents fire --colony <id> reviewer --yes",
    "mi agents fire <colonyId> analyst -y --json",
  ],
  args: { officeId: arg.office(), name: AGENT_NAME },
  flags: {
    yes: flag.switch({ summary: "Fire without asking (required when stdin or stderr is not a terminal)", short: "y" }),
  },
  json: FIRED_AGENT_FIELDS,
  async run(ctx, { args, flags }): Promise<FiredAgent> {
    if (!flags.yes && !ctx.canPrompt) {
      throw new UsageError(
        `Not firing agent ${args.name}: mi cannot ask for confirmation here (no terminal). Pass --yes to fire it.`,
        "agents fire",
      );
    }
    const client = await ctx.client();
    // Looked up first, so a wrong name fails before the question.
    if (!flags.yes) await confirmFiring(ctx, args.officeId, (await client.agents.get(args.officeId, args.name)).name);
    return client.agents.fire(args.officeId, args.name);
  },
  render: ({ agent, workspaceBackup }) => ({
    status: `Fired agent ${agent.name}${workspaceBackup ? "; its workspace is backed up" : ""}\n`,
    data: renderDetails([
      ["agent", agent.name],
      ["workspace backup", workspaceBackup || "- (no workspace)"],
    ]),
  }),
});

/** Asks for the agent's name; anything else cancels. */
async function confirmFiring(ctx: CommandContext, officeId: string, name: string): Promise<void> {
  const answer = await ask(
    ctx.io,
    `This fires agent ${name} of office ${officeId}: its worker stops, and its workspace is backed up, then removed.\n` +
      "Type the agent's name to confirm: ",
  );
  if (answer?.trim() !== name) throw new CancelledError(`Cancelled: agent ${name} was not fired.`);
}
