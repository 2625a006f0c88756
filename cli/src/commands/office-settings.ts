/**
 * `mi offices settings` and `mi offices settings set`: what agents in an office may do.
 */
import { UsageError } from "../exit.js";
import type { OfficeSettings } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { OFFICE_SETTINGS_FIELDS } from "./fields.js";
import { settingsDetails } from "./office-views.js";

export const officeSettings = command({
  name: "offices settings",
  summary: "Show an office's settings",
  examples: ["mi offices settings <officeId>", "mi colonies settings --colony <id> --json"],
  args: { officeId: arg.office() },
  flags: {},
  json: OFFICE_SETTINGS_FIELDS,
  async run(ctx, { args }): Promise<OfficeSettings> {
    return (await ctx.client()).offices.getSettings(args.officeId);
  },
  render: (settings) => ({ data: settingsDetails(settings) }),
});

export const updateOfficeSettings = command({
  name: "offices settings set",
  summary: "Change an office's settings",
  examples: [
    "mi offices settings set <officeId> --allow-agent-hiring true",
    "mi colonies settings set --colony <id> --agent-idle-timeout-minutes 30 --default-model-tier opus",
  ],
  args: { officeId: arg.office() },
  flags: {
    allowAgentHiring: flag.boolean({ summary: "Let agents hire other agents (true or false)", value: "bool" }),
    agentIdleTimeoutMinutes: flag.integer({ summary: "Idle minutes before an agent-hired agent stops (1-1440)", value: "minutes" }),
    defaultModelTier: flag.string({
      summary: "Model tier for hires that name none (sonnet, opus, haiku, gpt-5.5, gemini-2.5-flash)",
      value: "tier",
    }),
  },
  json: OFFICE_SETTINGS_FIELDS,
  check({ flags }) {
    if (Object.values(flags).every((v) => v === undefined)) {
      throw new UsageError(
        "Nothing to change: pass --allow-agent-hiring, --agent-idle-timeout-minutes or --default-model-tier.",
        "offices settings set",
      );
    }
  },
  async run(ctx, { args, flags }): Promise<OfficeSettings> {
    return (await ctx.client()).offices.updateSettings(args.officeId, flags);
  },
  render: (settings, { args }) => ({ status: `Updated settings of office ${args.officeId}\n`, data: settingsDetails(settings) }),
});
