/**
 * `mi tasks events|watch`: the office's task events, as a batch after a cursor (for
 * polling scripts) or live, one line per event, until interrupted.
 */
import type { CAC } from "cac";
import { TASK_STATUSES, type TaskEvent } from "../sdk.js";
import { integerFlag, stringFlag, type CommandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../exit.js";
import { status, writeJson } from "../output.js";
import { taskCommand, wordListFlag } from "./task-flags.js";
import { eventLine } from "./task-views.js";

type Options = GlobalOptions & Record<string, unknown>;

/** Registers `tasks events` and `tasks watch`. */
export function registerTaskEventCommands(cli: CAC, ctx: CommandContext): void {
  taskCommand(cli, "events", "[officeId]", "List task events after a cursor, oldest first")
    .option("--sinceId <id>", "Only events after this id (the last one you saw)")
    .option("--status <statuses>", "Only events of tasks now in these statuses, comma-separated")
    .option("--assignedAgent <agent>", "Only events of tasks assigned to this agent")
    .option("--limit <n>", "At most this many events, 1 to 1000 (default 100)")
    .option("--json", "Print JSON: { events, nextSinceId, hasMore }")
    .action(async (office: string | undefined, options: Options) => {
      const usage = "tasks events";
      const officeId = ctx.officeId(office, options, usage);
      const input = {
        sinceId: cursorFlag(options.sinceId, usage),
        status: wordListFlag(options.status, TASK_STATUSES, "--status", usage),
        assignedAgent: stringFlag(options.assignedAgent, "--assignedAgent", usage),
        limit: integerFlag(options.limit, "--limit", usage),
      };
      const page = await (await ctx.client()).tasks.events(officeId, input);
      if (options.json) return writeJson(ctx.io, page);
      for (const event of page.events) ctx.io.stdout.write(eventLine(event) + "\n");
      status(
        ctx.io,
        `${page.hasMore ? "More events are waiting; next" : "Next"}: mi tasks events --colony ${officeId} --sinceId ${page.nextSinceId}`,
      );
    });

  taskCommand(cli, "watch", "[officeId]", "Print task events as they happen, one per line, until interrupted")
    .option("--status <statuses>", "Only events of tasks now in these statuses, comma-separated")
    .option("--assignedAgent <agent>", "Only events of tasks assigned to this agent")
    .option("--sinceId <id>", "First print the stored events after this id")
    .option("--json", "Print one JSON object per line")
    .action(async (office: string | undefined, options: Options) => {
      const usage = "tasks watch";
      const officeId = ctx.officeId(office, options, usage);
      const filters = {
        status: wordListFlag(options.status, TASK_STATUSES, "--status", usage),
        assignedAgent: stringFlag(options.assignedAgent, "--assignedAgent", usage),
        sinceId: cursorFlag(options.sinceId, usage),
      };
      const client = await ctx.client();
      const print = options.json ? (e: TaskEvent) => JSON.stringify(e) : eventLine;
      await untilInterrupted(ctx.io.stdout, async (signal) => {
        let announced = false;
        const events = client.tasks.watch(officeId, {
          ...filters,
          signal,
          onReconnect: ({ error, delayMs }) =>
            status(
              ctx.io,
              `Connection lost (${error?.message ?? "closed by the server"}); reconnecting in ${(delayMs / 1000).toFixed(1)} s`,
            ),
          // Said once the server confirmed the watch, so whatever happens next is shown.
          onOpen: () => {
            if (!announced) status(ctx.io, `Watching the tasks of office ${officeId}; press Ctrl-C to stop.`);
            announced = true;
          },
        });
        for await (const event of events) ctx.io.stdout.write(print(event) + "\n");
      });
    });
}

/**
 * Runs `work` until it ends, the process gets SIGINT/SIGTERM, or `stdout` fails (the reader
 * went away, as in `mi tasks watch | head -1`); each aborts its signal. Stopping a watch is
 * the normal way out, so it ends with exit code 0.
 */
async function untilInterrupted(stdout: object, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  const stream = stdout as Partial<Pick<NodeJS.EventEmitter, "on" | "off">>;
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  stream.on?.("error", stop);
  try {
    await work(controller.signal);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    stream.off?.("error", stop);
  }
}

/** An event id cursor (`--sinceId 41`). */
function cursorFlag(value: unknown, usage: string): number | undefined {
  const id = integerFlag(value, "--sinceId", usage);
  if (id !== undefined && id < 0) throw new UsageError("--sinceId must be 0 or more.", usage);
  return id;
}
