import type { MessageInitShape } from "@bufbuild/protobuf";
import type { TaskEvent, WatchTasksRequestSchema } from "../../gen/ts/mitosis/v1/task_pb.js";
import type { TaskClient } from "./task-helpers.js";

/** A WatchTasks stream read in the background into `events`. */
export interface Watcher {
  /** Events received so far, in arrival order (keep-alives are left out). */
  readonly events: TaskEvent[];
  /** Set when the stream failed (not when it was stopped). */
  readonly error: unknown;
  /** Closes the stream and waits until reading stopped. */
  stop(): Promise<void>;
}

/** Opens WatchTasks with `request` and collects what it delivers until stopped. */
export function startWatcher(client: TaskClient, request: MessageInitShape<typeof WatchTasksRequestSchema>): Watcher {
  const abort = new AbortController();
  const events: TaskEvent[] = [];
  let error: unknown;
  const reading = (async () => {
    try {
      for await (const res of client.watchTasks(request, { signal: abort.signal })) {
        if (res.event) events.push(res.event);
      }
    } catch (err) {
      if (!abort.signal.aborted) error = err;
    }
  })();
  return {
    events,
    get error() {
      return error;
    },
    async stop() {
      abort.abort();
      await reading;
    },
  };
}
