/**
 * `mi tasks events|watch`: the office's task events, as a batch after a cursor (for
 * polling scripts) or live, one line per event, until interrupted.
 */
import { untilInterrupted } from "../interrupt.js";
import { selectFields } from "../json-fields.js";
import type { TaskEvent, TaskEventPage } from "../sdk.js";
import { arg, command, flag, type JsonSelection } from "../spec.js";
import { TASK_STATUSES } from "../words.js";
import { EVENT_FIELDS, EVENT_PAGE_FIELDS } from "./fields.js";
import { eventLine } from "./task-views.js";

const SINCE_ID = { value: "id", min: 0, what: "an event id, 0 or more" } as const;

export const listEvents = command({
  name: "tasks events",
  summary: "List task events after a cursor, oldest first",
  examples: ["mi tasks events --colony <id>", "mi tasks events --colony <id> --since-id 41 --status running --json"],
  args: { officeId: arg.office() },
  flags: {
    sinceId: flag.integer({ summary: "Only events after this id (the last one you saw)", ...SINCE_ID }),
    status: flag.list(TASK_STATUSES, { summary: "Only events of tasks now in these statuses, comma-separated", value: "statuses" }),
    assignedAgent: flag.string({ summary: "Only events of tasks assigned to this agent", value: "agent" }),
    limit: flag.integer({ summary: "At most this many events, 1 to 1000 (default 100)", value: "n", min: 1 }),
  },
  json: EVENT_PAGE_FIELDS,
  async run(ctx, { args, flags }): Promise<TaskEventPage> {
    return (await ctx.client()).tasks.events(args.officeId, flags);
  },
  render: (page, { args }) => ({
    data: page.events.map((e) => eventLine(e) + "\n").join(""),
    status: `${page.hasMore ? "More events are waiting; next" : "Next"}: mi tasks events --colony ${args.officeId} --since-id ${page.nextSinceId}\n`,
  }),
});

export const watchTasks = command({
  name: "tasks watch",
  summary: "Print task events as they happen, one per line, until interrupted",
  description: "With --json, each event is one line of JSON (JSON Lines). Ctrl-C stops watching with exit code 0.",
  examples: ["mi tasks watch --colony <id>", "mi tasks watch --colony <id> --status running --since-id 0 --json id,type,taskId"],
  args: { officeId: arg.office() },
  flags: {
    status: flag.list(TASK_STATUSES, { summary: "Only events of tasks now in these statuses, comma-separated", value: "statuses" }),
    assignedAgent: flag.string({ summary: "Only events of tasks assigned to this agent", value: "agent" }),
    sinceId: flag.integer({ summary: "First print the stored events after this id", ...SINCE_ID }),
  },
  json: EVENT_FIELDS,
  async run(ctx, { args, flags, json }): Promise<void> {
    const client = await ctx.client();
    await untilInterrupted(ctx.io.stdout, async (signal) => {
      let announced = false;
      const events = client.tasks.watch(args.officeId, {
        ...flags,
        signal,
        onReconnect: ({ error, delayMs }) =>
          ctx.status(`Connection lost (${error?.message ?? "closed by the server"}); reconnecting in ${(delayMs / 1000).toFixed(1)} s`),
        // Said once the server confirmed the watch, so whatever happens next is shown.
        onOpen: () => {
          if (!announced) ctx.status(`Watching the tasks of office ${args.officeId}; press Ctrl-C to stop.`);
          announced = true;
        },
      });
      for await (const event of events) ctx.io.stdout.write(watchLine(event, json) + "\n");
    });
  },
});

/** One watched event: a readable line, or a line of JSON with the selected fields. */
export function watchLine(event: TaskEvent, json: JsonSelection | undefined): string {
  return json === undefined ? eventLine(event) : JSON.stringify(selectFields(event, json.fields));
}
