import { TaskService } from "../../gen/ts/mitosis/v1/task_pb.js";
import { Tasks } from "../tasks/tasks.js";
import { startLeaseReaper } from "../tasks/lease-reaper.js";
import { taskHandlers } from "../tasks/handlers.js";
import { OfficeListener } from "../store/office-listener.js";
import { TASK_EVENTS_CHANNEL } from "../tasks/rows.js";
import { PgTaskStore } from "../tasks/store.js";
import type { Feature } from "./feature.js";
import { taskMessages } from "./chat.js";
import { artifactFiles } from "./files.js";

/** The task queue: tasks, claims with leases, fan-in, review, events and the lease reaper. */
export const tasksFeature: Feature = {
  name: "tasks",
  services: [TaskService],
  async install(ctx) {
    const { pool, databaseUrl, config, log, draining, clock } = ctx;
    const listener = new OfficeListener(databaseUrl, TASK_EVENTS_CHANNEL, "task event listener", log);
    await listener.start();
    const tasks = new Tasks(new PgTaskStore(pool), listener, config.queue, clock, artifactFiles(ctx), taskMessages(ctx));
    const reaper = startLeaseReaper(tasks, config.queue.sweepIntervalMs, log);
    return {
      register: (router) => router.service(TaskService, taskHandlers(tasks, draining)),
      officeCounters: async (scope) => ({ openTaskCount: await tasks.openCount(scope) }),
      async stop() {
        await reaper.stop();
        await listener.close();
      },
    };
  },
};
