/**
 * `mi offices list|create|get|status` (also `mi colonies ...`, the docs' word).
 */
import type { Office, OfficeStatus } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { OFFICE_FIELDS, OFFICE_STATUS_FIELDS } from "./fields.js";
import { officeDetails, officeTable, statusDetails } from "./office-views.js";

export const listOffices = command({
  name: "offices list",
  aliases: ["offices ls"],
  summary: "List your offices",
  examples: ["mi colonies list", "mi offices list --json id,name"],
  args: {},
  flags: {},
  json: OFFICE_FIELDS,
  async run(ctx): Promise<Office[]> {
    return (await ctx.client()).offices.list();
  },
  render: (offices, _input, term) =>
    offices.length === 0
      ? { status: "No offices yet. Create one with mi offices create --name <name>.\n" }
      : { data: officeTable(offices, term) },
});

export const createOffice = command({
  name: "offices create",
  summary: "Create an office",
  examples: ['mi colonies create --name "My Colony"', "mi offices create --name code-review --json id"],
  args: {},
  flags: {
    name: flag.string({ summary: "Display name", required: true }),
  },
  json: OFFICE_FIELDS,
  async run(ctx, { flags }): Promise<Office> {
    return (await ctx.client()).offices.create({ name: flags.name });
  },
  render: (office) => ({ status: `Created office ${office.name}\n`, data: officeDetails(office) }),
});

export const getOffice = command({
  name: "offices get",
  summary: "Show an office",
  examples: ["mi offices get <officeId>", "mi colonies get --colony <id> --json name"],
  args: { officeId: arg.office() },
  flags: {},
  json: OFFICE_FIELDS,
  async run(ctx, { args }): Promise<Office> {
    return (await ctx.client()).offices.get(args.officeId);
  },
  render: (office) => ({ data: officeDetails(office) }),
});

export const officeStatus = command({
  name: "offices status",
  summary: "Show an office's state, agents, open tasks and credits",
  examples: ["mi colonies status <colonyId>", "mi offices status --office <id> --json openTaskCount"],
  args: { officeId: arg.office() },
  flags: {},
  json: OFFICE_STATUS_FIELDS,
  async run(ctx, { args }): Promise<OfficeStatus> {
    return (await ctx.client()).offices.status(args.officeId);
  },
  render: (status) => ({ data: statusDetails(status) }),
});
