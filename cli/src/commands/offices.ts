/**
 * `mi offices ...` (alias `mi colonies ...`): list, create, get, status, settings,
 * settings set, delete.
 */
import type { CAC } from "cac";
import type { Office, OfficeSettings, OfficeStatus } from "../sdk.js";
import { booleanFlag, integerFlag, stringFlag, type CommandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../exit.js";
import { renderDetails, renderTable, status, writeJson } from "../output.js";

/** The command group's name and the docs' older name for it. */
export const OFFICE_GROUP = { name: "offices", alias: "colonies" } as const;

/** Registers the office commands under `offices` and `colonies`. */
export function registerOfficeCommands(cli: CAC, ctx: CommandContext): void {
  const command = (sub: string, args: string, description: string) =>
    cli.command(`${OFFICE_GROUP.name} ${sub}${args ? ` ${args}` : ""}`, description).alias(`${OFFICE_GROUP.alias} ${sub}`);

  command("list", "", "List your offices")
    .option("--json", "Print JSON")
    .action(async (options: GlobalOptions) => {
      const offices = await (await ctx.client()).offices.list();
      if (options.json) return writeJson(ctx.io, offices);
      if (offices.length === 0) return status(ctx.io, "No offices yet. Create one with mi offices create --name <name>.");
      ctx.io.stdout.write(
        renderTable(
          ["id", "name", "status", "created"],
          offices.map((o) => [o.id, o.name, o.status, o.createdAt]),
        ),
      );
    });

  command("create", "", "Create an office")
    .option("--name <name>", "Display name (required)")
    .option("--json", "Print JSON")
    .action(async (options: GlobalOptions & { name?: unknown }) => {
      const name = stringFlag(options.name, "--name", "offices create");
      if (name === undefined) throw new UsageError("Missing --name: mi offices create --name <name>.", "offices create");
      const office = await (await ctx.client()).offices.create({ name });
      if (options.json) return writeJson(ctx.io, office);
      status(ctx.io, `Created office ${office.name}`);
      ctx.io.stdout.write(officeDetails(office));
    });

  command("get", "[officeId]", "Show an office")
    .option("--json", "Print JSON")
    .action(async (officeId: string | undefined, options: GlobalOptions) => {
      const office = await (await ctx.client()).offices.get(ctx.officeId(officeId, options, "offices get"));
      if (options.json) return writeJson(ctx.io, office);
      ctx.io.stdout.write(officeDetails(office));
    });

  command("status", "[officeId]", "Show an office's state, agents, open tasks and credits")
    .option("--json", "Print JSON")
    .action(async (officeId: string | undefined, options: GlobalOptions) => {
      const live = await (await ctx.client()).offices.status(ctx.officeId(officeId, options, "offices status"));
      if (options.json) return writeJson(ctx.io, live);
      ctx.io.stdout.write(statusDetails(live));
    });

  command("settings", "[officeId]", "Show an office's settings")
    .option("--json", "Print JSON")
    .action(async (officeId: string | undefined, options: GlobalOptions) => {
      const settings = await (await ctx.client()).offices.getSettings(ctx.officeId(officeId, options, "offices settings"));
      if (options.json) return writeJson(ctx.io, settings);
      ctx.io.stdout.write(settingsDetails(settings));
    });

  const setUsage = "offices settings set";
  command("settings set", "[officeId]", "Change an office's settings")
    .option("--allow-agent-hiring <bool>", "Let agents hire other agents (true|false)")
    .option("--agent-idle-timeout-minutes <minutes>", "Idle minutes before an agent-hired agent stops (1-1440)")
    .option("--default-model-tier <tier>", "Model tier for hires that name none (sonnet, opus, haiku, gpt-5.5, gemini-2.5-flash)")
    .option("--json", "Print JSON")
    .action(async (officeId: string | undefined, options: GlobalOptions & Record<string, unknown>) => {
      const update = {
        allowAgentHiring: booleanFlag(options.allowAgentHiring, "--allow-agent-hiring", setUsage),
        agentIdleTimeoutMinutes: integerFlag(options.agentIdleTimeoutMinutes, "--agent-idle-timeout-minutes", setUsage),
        defaultModelTier: stringFlag(options.defaultModelTier, "--default-model-tier", setUsage),
      };
      if (Object.values(update).every((v) => v === undefined)) {
        throw new UsageError(
          "Nothing to change: pass --allow-agent-hiring, --agent-idle-timeout-minutes or --default-model-tier.",
          setUsage,
        );
      }
      const id = ctx.officeId(officeId, options, setUsage);
      const settings = await (await ctx.client()).offices.updateSettings(id, update);
      if (options.json) return writeJson(ctx.io, settings);
      status(ctx.io, `Updated settings of office ${id}`);
      ctx.io.stdout.write(settingsDetails(settings));
    });

  command("delete", "[officeId]", "Delete an office and everything in it").action(
    async (officeId: string | undefined, options: GlobalOptions) => {
      const id = ctx.officeId(officeId, options, "offices delete");
      await (await ctx.client()).offices.delete(id);
      status(ctx.io, `Deleted office ${id}`);
    },
  );
}

function officeDetails(o: Office): string {
  return renderDetails([
    ["id", o.id],
    ["name", o.name],
    ["status", o.status],
    ["created", o.createdAt],
  ]);
}

function statusDetails(s: OfficeStatus): string {
  return renderDetails([
    ["office", s.officeId],
    ["status", s.status],
    ["agents", `${s.agentCount} (${s.runningAgentCount} running)`],
    ["open tasks", String(s.openTaskCount)],
    ["credits", String(s.creditBalance)],
  ]);
}

function settingsDetails(s: OfficeSettings): string {
  return renderDetails([
    ["allow agent hiring", String(s.allowAgentHiring)],
    ["agent idle timeout", `${s.agentIdleTimeoutMinutes} minutes`],
    ["default model tier", s.defaultModelTier],
  ]);
}
