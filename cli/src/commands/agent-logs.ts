/**
 * `mi agents logs|activity`: what an agent wrote, once or followed until Ctrl-C
 * (`mi agents logs <colonyId> analyst --follow`), and its activity feed.
 */
import { UsageError } from "../exit.js";
import { untilInterrupted } from "../interrupt.js";
import { selectFields } from "../json-fields.js";
import type { AgentActivity, AgentLogLine } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { ACTIVITY_CATEGORIES } from "../words.js";
import { AGENT_NAME } from "./agents.js";
import { activityTable, logLine } from "./agent-views.js";
import { AGENT_ACTIVITY_FIELDS, AGENT_LOG_LINE_FIELDS } from "./fields.js";

/** History shown before following when neither --limit nor --since says otherwise (the server's own default). */
const DEFAULT_TAIL = 100;

export const agentLogs = command({
  name: "agents logs",
  summary: "Print an agent's log lines, oldest first; --follow keeps printing new ones",
  description: [
    "Without --since, the newest lines (--limit, default 100); with --since, the lines written after that time.",
    "--follow prints them, then each new line as it is written, until Ctrl-C (exit code 0).",
    "With --json, --follow prints one line of JSON per log line (JSON Lines).",
  ].join("\n"),
  examples: [
    "mi agents logs <colonyId> analyst",
    "mi agents logs --colony <id> analyst --limit 20 --follow",
    "mi agents logs <colonyId> analyst --since 2026-04-27T10:00:00Z --json text",
  ],
  args: { officeId: arg.office(), name: AGENT_NAME },
  flags: {
    limit: flag.integer({ summary: "At most this many lines, 1 to 5000 (default 100)", value: "n", min: 1 }),
    since: flag.string({ summary: "Only lines written after this time (ISO 8601, e.g. 2026-04-27T10:00:00Z)", value: "time" }),
    follow: flag.switch({ summary: "Keep printing new lines until interrupted", short: "f" }),
  },
  json: AGENT_LOG_LINE_FIELDS,
  check({ flags }) {
    if (flags.since !== undefined && Number.isNaN(Date.parse(flags.since))) {
      throw new UsageError(
        `--since must be an ISO 8601 time such as 2026-04-27T10:00:00Z; got ${JSON.stringify(flags.since)}.`,
        "agents logs",
      );
    }
    if (flags.follow && flags.since !== undefined && flags.limit !== undefined) {
      throw new UsageError("With --follow, give --limit (lines of history) or --since, not both.", "agents logs");
    }
  },
  async run(ctx, { args, flags, json }): Promise<AgentLogLine[] | undefined> {
    const client = await ctx.client();
    if (!flags.follow) return client.agents.logs(args.officeId, args.name, { limit: flags.limit, since: flags.since });
    await untilInterrupted(ctx.io.stdout, async (signal) => {
      const tail = flags.since === undefined ? (flags.limit ?? DEFAULT_TAIL) : undefined;
      const lines = client.agents.followLogs(args.officeId, args.name, { tail, since: flags.since, signal });
      ctx.status(`Following the logs of agent ${args.name}; press Ctrl-C to stop.`);
      for await (const line of lines) {
        ctx.io.stdout.write(`${json === undefined ? logLine(line) : JSON.stringify(selectFields(line, json.fields))}\n`);
      }
      if (!signal.aborted) ctx.status("The server closed the log stream (it may be restarting); run the command again to go on.");
    });
    return undefined;
  },
  render: (lines, { args }) => {
    // Followed lines were printed as they came.
    if (lines === undefined) return {};
    if (lines.length === 0) return { status: `Agent ${args.name} has no log lines yet.\n` };
    return { data: lines.map((l) => `${logLine(l)}\n`).join("") };
  },
});

export const agentActivity = command({
  name: "agents activity",
  summary: "Show an agent's activity feed, newest first: tasks, lifecycle, chat, files...",
  examples: [
    "mi agents activity <colonyId> analyst",
    "mi agents activity --colony <id> analyst --limit 50 --category task,lifecycle",
    "mi agents activity <colonyId> analyst --json type,summary,time",
  ],
  args: { officeId: arg.office(), name: AGENT_NAME },
  flags: {
    limit: flag.integer({ summary: "At most this many entries, 1 to 1000 (default 50)", value: "n", min: 1 }),
    category: flag.list(ACTIVITY_CATEGORIES, {
      summary: "Only these categories, comma-separated",
      value: "categories",
      aliases: ["categories"],
    }),
  },
  json: AGENT_ACTIVITY_FIELDS,
  async run(ctx, { args, flags }): Promise<AgentActivity[]> {
    return (await ctx.client()).agents.activity(args.officeId, args.name, { limit: flags.limit, category: flags.category });
  },
  render: (entries, { args }, term) =>
    entries.length === 0 ? { status: `No activity for agent ${args.name}.\n` } : { data: activityTable(entries, term) },
});
