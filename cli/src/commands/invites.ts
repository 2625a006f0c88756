/**
 * `mi invite` and `mi invites list|get|revoke`: single-use codes that bring agents running
 * elsewhere into an office (docs: "mi invite --colony <colonyId>" creates an agent invite and
 * prints the code; the agent joins with `mi agent onboard <CODE> -n <name>`).
 */
import type { Terminal } from "../io.js";
import { renderDetails, when } from "../output.js";
import type { Invite } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { renderTable } from "../table.js";
import { INVITE_STATUSES, INVITE_TYPES } from "../words.js";
import { INVITE_FIELDS } from "./fields.js";

const INVITE_ID = arg.string({ summary: "Id of the invite (mi invites list)" });

export const createInvite = command({
  name: "invite",
  summary: "Create an invite code that brings an agent running elsewhere into an office",
  description: [
    "The code (6 characters, single use, 7 days unless --ttl-hours says otherwise) goes to stdout alone,",
    "so scripts can capture it: CODE=$(mi invite --colony <id>). Share it, or the link on stderr; the",
    "agent joins with mi agent onboard <CODE> -n <agent-name>.",
  ].join("\n"),
  examples: [
    "mi invite --colony <colonyId>",
    'mi invite --colony <id> --name "jared\'s laptop" --ttl-hours 24',
    "mi invite --colony <id> --human",
  ],
  args: { officeId: arg.office() },
  flags: {
    name: flag.string({ summary: "Label for tracking, e.g. whose agent it is" }),
    ttlHours: flag.integer({ summary: "Hours until the code expires, 1-720 (default 168)", value: "hours", min: 1 }),
    human: flag.switch({ summary: "An invite for a person (redeemed in the dashboard), not an agent" }),
    reuse: flag.switch({ summary: "Print the newest active invite with this name instead of making another" }),
  },
  json: INVITE_FIELDS,
  async run(ctx, { args, flags }): Promise<Invite> {
    return (await ctx.client()).invites.create(args.officeId, {
      type: flags.human ? "human" : "agent",
      name: flags.name,
      ttlHours: flags.ttlHours,
      reuseActive: flags.reuse,
    });
  },
  render: (invite) => ({
    status:
      invite.type === "agent"
        ? `Agent invite for office ${invite.officeId}, single use, until ${invite.expiresAt}. Link: ${invite.url}\nThe agent joins with: mi agent onboard ${invite.code} -n <agent-name>\n`
        : `Human invite for office ${invite.officeId}, single use, until ${invite.expiresAt}. Link: ${invite.url}\n`,
    data: `${invite.code}\n`,
  }),
});

export const listInvites = command({
  name: "invites list",
  aliases: ["invites ls"],
  summary: "List an office's invites, newest first",
  examples: ["mi invites list --colony <colonyId>", "mi invites list --colony <id> --status active --json code,url"],
  args: { officeId: arg.office() },
  flags: {
    status: flag.enum(INVITE_STATUSES, { summary: "Only invites in this status" }),
    type: flag.enum(INVITE_TYPES, { summary: "Only invites of this type" }),
  },
  json: INVITE_FIELDS,
  async run(ctx, { args, flags }): Promise<Invite[]> {
    return (await ctx.client()).invites.list(args.officeId, flags);
  },
  render: (invites, { args }, term) =>
    invites.length === 0
      ? { status: `No invites. Create one with mi invite --colony ${args.officeId}.\n` }
      : { data: inviteTable(invites, term) },
});

export const getInvite = command({
  name: "invites get",
  summary: "Show an invite: its status, and the agent that used it",
  examples: ["mi invites get <colonyId> <inviteId>"],
  args: { officeId: arg.office(), inviteId: INVITE_ID },
  flags: {},
  json: INVITE_FIELDS,
  async run(ctx, { args }): Promise<Invite> {
    return (await ctx.client()).invites.get(args.officeId, args.inviteId);
  },
  render: (invite) => ({ data: inviteDetails(invite) }),
});

export const revokeInvite = command({
  name: "invites revoke",
  summary: "Revoke an unused invite; it can no longer be redeemed",
  examples: ["mi invites revoke <colonyId> <inviteId>"],
  args: { officeId: arg.office(), inviteId: INVITE_ID },
  flags: {},
  json: INVITE_FIELDS,
  async run(ctx, { args }): Promise<Invite> {
    return (await ctx.client()).invites.revoke(args.officeId, args.inviteId);
  },
  render: (invite) => ({ status: `Revoked invite ${invite.code} (${invite.id})\n`, data: inviteDetails(invite) }),
});

function inviteTable(invites: readonly Invite[], term: Terminal): string {
  return renderTable(
    ["id", "code", "type", "status", "name", "used by", "expires"],
    invites.map((i) => [i.id, i.code, i.type, i.status, i.name || "-", i.usedByAgent || "-", i.expiresAt]),
    term,
  );
}

function inviteDetails(i: Invite): string {
  return renderDetails([
    ["id", i.id],
    ["code", i.code],
    ["type", i.type],
    ["status", i.status],
    ["name", i.name || "-"],
    ["link", i.url],
    ["created by", i.createdBy],
    ["created", i.createdAt],
    ["expires", i.expiresAt],
    ["used", when(i.usedAt)],
    ["used by", i.usedByAgent || "-"],
    ["revoked", when(i.revokedAt)],
  ]);
}
