/**
 * `mi offices delete`: deletes an office and everything in it, so it asks first. On a
 * terminal the user types the office's name (or id) back, as GitHub asks for a repository's
 * name: a reflexive "y" cannot delete the wrong office. Without a terminal there is no one to
 * ask, so `--yes` is required, and without it nothing is sent to the server (exit 2).
 */
import type { CommandContext } from "../context.js";
import { CancelledError, UsageError } from "../exit.js";
import { ask } from "../prompt.js";
import type { Office } from "../sdk.js";
import { arg, command, flag } from "../spec.js";

/** The office that was deleted; the name is known when it was asked for. */
export interface DeletedOffice {
  id: string;
  name?: string;
}

export const deleteOffice = command({
  name: "offices delete",
  summary: "Delete an office and everything in it",
  description: [
    "On a terminal, mi asks you to type the office's name (or its id) to confirm; any other",
    "answer cancels with exit code 1 and deletes nothing. In scripts and pipes, where mi cannot",
    "ask, pass --yes; without it mi exits with code 2 and deletes nothing.",
  ].join("\n"),
  examples: ["mi colonies delete <colonyId>", "mi offices delete --office <id> --yes"],
  args: { officeId: arg.office() },
  flags: {
    yes: flag.switch({ summary: "Delete without asking (required when stdin or stderr is not a terminal)", short: "y" }),
  },
  async run(ctx, { args, flags }): Promise<DeletedOffice> {
    const id = args.officeId;
    if (!flags.yes && !ctx.canPrompt) {
      throw new UsageError(
        `Not deleting office ${id}: mi cannot ask for confirmation here (no terminal). Pass --yes to delete it.`,
        "offices delete",
      );
    }
    const client = await ctx.client();
    const office = flags.yes ? undefined : await confirmDeletion(ctx, await client.offices.get(id));
    await client.offices.delete(id);
    return { id, name: office?.name };
  },
  render: (deleted) => ({ status: `Deleted office ${deleted.id}${deleted.name === undefined ? "" : ` (${deleted.name})`}\n` }),
});

/** Asks for the office's name or id; anything else cancels. */
async function confirmDeletion(ctx: CommandContext, office: Office): Promise<Office> {
  const answer = await ask(
    ctx.io,
    `This deletes office ${office.name} (${office.id}) with all its agents, tasks and files. It cannot be undone.\n` +
      "Type the office's name or id to confirm: ",
  );
  if (!confirms(answer, office)) throw new CancelledError(`Cancelled: office ${office.id} was not deleted.`);
  return office;
}

/** Whether `answer` names `office` exactly (surrounding spaces aside). */
export function confirms(answer: string | undefined, office: Office): boolean {
  const typed = answer?.trim();
  return typed !== undefined && typed !== "" && (typed === office.name.trim() || typed === office.id);
}
