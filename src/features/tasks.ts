import { TaskService } from "../../gen/ts/mitosis/v1/task_pb.js";
import { Tasks } from "../domain/tasks.js";
import { startLeaseReaper } from "../jobs/lease-reaper.js";
import { taskHandlers } from "../rpc/tasks.js";
import { TaskEventListener } from "../store/task-listener.js";
import { TaskStore } from "../store/tasks.js";
import type { Feature } from "./feature.js";

/** The task queue: tasks, claims with leases, fan-in, review, events and the lease reaper. */
export const tasksFeature: Feature = {
  name: "tasks",
  services: [TaskService],
  async install({ pool, databaseUrl, config, log, draining }) {
    const store = new TaskStore(pool);
    const tasks = new Tasks(store, config.queue);
    const listener = new TaskEventListener(databaseUrl, log);
    await listener.start();
    const reaper = startLeaseReaper(store, { intervalMs: config.queue.sweepIntervalMs, maxAttempts: config.queue.maxAttempts, backoffMs: config.queue.retryBackoffMs }, log);
    return {
      register: (router) => router.service(TaskService, taskHandlers(tasks, listener, draining)),
      officeCounters: async (scope) => ({ openTaskCount: await tasks.openCount(scope) }),
      async stop() {
        await reaper.stop();
        await listener.close();
      },
    };
  },
};
