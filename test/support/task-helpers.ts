import type { Client } from "@connectrpc/connect";
import { ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { OfficeService } from "../../gen/ts/mitosis/v1/office_pb.js";
import type { TaskService, TaskEvent } from "../../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "./clients.js";
import type { TestServer } from "./server.js";

/** A TaskService client. */
export type TaskClient = Client<typeof TaskService>;

/** Creates an office as the server's administrator and returns its id. */
export async function newOffice(server: TestServer, name: string): Promise<string> {
  return (await clientFor(OfficeService, server.url, server.adminKey).createOffice({ name })).office!.id;
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Creates `count` unassigned tasks titled `${prefix} <i>` (16 in flight) and returns their numbers in order. */
export async function createTasks(tasks: TaskClient, officeId: string, count: number, prefix = "task"): Promise<bigint[]> {
  const created = await mapLimit(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) => {
      const { task } = await tasks.createTask({ officeId, title: `${prefix} ${i}` });
      return task!.id;
    },
  );
  return created;
}

/** Every event of the office after `sinceId`, read page by page with ListTaskEvents. */
export async function allEvents(tasks: TaskClient, officeId: string, sinceId = 0n): Promise<TaskEvent[]> {
  const events: TaskEvent[] = [];
  let cursor = sinceId;
  for (;;) {
    const page = await tasks.listTaskEvents({ officeId, sinceId: cursor, pageSize: 1000 });
    events.push(...page.events);
    cursor = page.nextSinceId;
    if (!page.hasMore) return events;
  }
}

/** The Connect code and ErrorInfo reason of a failed call, or "ok" when it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<{ code: number; reason: string | undefined } | "ok"> {
  try {
    await call;
    return "ok";
  } catch (err) {
    const e = ConnectError.from(err);
    return { code: e.code, reason: e.findDetails(ErrorInfoSchema)[0]?.reason };
  }
}
