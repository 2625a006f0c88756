/**
 * `mi tasks create|list|get|update|subtasks|stats`: the office's task queue as the docs show
 * it. Flags are shown in kebab-case (`--assigned-agent`) and answer to the docs' camelCase
 * (`--assignedAgent`) too.
 */
import { UsageError } from "../exit.js";
import type { Task, TaskDetail, TaskStats } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { TASK_KINDS, TASK_STATUSES } from "../words.js";
import { TASK_DETAIL_FIELDS, TASK_FIELDS, TASK_STATS_FIELDS } from "./fields.js";
import { TASK_ID, TASK_NUMBER, TASK_NUMBERS } from "./task-ids.js";
import { detailView, statsDetails, taskDetails, taskTable } from "./task-views.js";

export const createTask = command({
  name: "tasks create",
  summary: "Create a task",
  examples: [
    'mi tasks create --colony <id> --title "Review pipeline"',
    'mi tasks create --colony <id> --title "Find bugs and edge cases" --kind review --parent-id 1 --assigned-agent reviewer',
    'mi tasks create --colony <id> --title "Synthesize" --depends-on 2,3 --required-tools github,chromium',
  ],
  args: { officeId: arg.office() },
  flags: {
    title: flag.string({ summary: "Task title", required: true }),
    description: flag.string({ summary: "Detailed description", value: "text", empty: true }),
    kind: flag.enum(TASK_KINDS, { summary: "Kind of work (default general)" }),
    priority: flag.integer({ summary: "0 = critical, 50 = normal (default), 100 = low", value: "n" }),
    assignedAgent: flag.string({ summary: "Agent to assign to; only it may claim the task", value: "agent" }),
    parentId: flag.integer({ summary: "Parent task: makes this a subtask", value: "taskId", ...TASK_NUMBER }),
    dependsOn: flag.list("integer", { summary: "Tasks that must be done first, comma-separated (1,2)", value: "ids", ...TASK_NUMBERS }),
    requiredTools: flag.list("string", { summary: "Integrations the agent needs, comma-separated (github,chromium)", value: "tools" }),
  },
  json: TASK_FIELDS,
  async run(ctx, { args, flags }): Promise<Task> {
    return (await ctx.client()).tasks.create(args.officeId, flags);
  },
  render: (task) => ({
    status: `Created task ${task.id}${task.status === "blocked" ? " (blocked until its dependencies are done)" : ""}\n`,
    data: taskDetails(task),
  }),
});

export const listTasks = command({
  name: "tasks list",
  aliases: ["tasks ls"],
  summary: "List tasks, newest first",
  examples: [
    "mi tasks list --colony <colonyId>",
    "mi tasks list --colony <colonyId> --status running",
    "mi tasks list --colony <id> --status queued,running --assigned-agent analyst --json id,title,status",
  ],
  args: { officeId: arg.office() },
  flags: {
    status: flag.list(TASK_STATUSES, { summary: "Only these statuses, comma-separated", value: "statuses" }),
    limit: flag.integer({ summary: "At most this many tasks", value: "n", min: 1 }),
    assignedAgent: flag.string({ summary: "Only tasks assigned to this agent", value: "agent" }),
    kind: flag.enum(TASK_KINDS, { summary: "Only tasks of this kind" }),
    parentId: flag.integer({ summary: "Only subtasks of this task", value: "taskId", ...TASK_NUMBER }),
  },
  json: TASK_FIELDS,
  async run(ctx, { args, flags }): Promise<Task[]> {
    return (await ctx.client()).tasks.list(args.officeId, flags);
  },
  render: (tasks, _input, term) =>
    tasks.length === 0
      ? { status: 'No tasks. Create one with mi tasks create --colony <id> --title "...".\n' }
      : { data: taskTable(tasks, term) },
});

export const getTask = command({
  name: "tasks get",
  summary: "Show a task with its subtasks, logs, comments and artifacts",
  examples: [
    "mi tasks get --colony <colonyId> <taskId>",
    "mi tasks get <colonyId> <taskId>",
    "mi tasks get --colony <id> 1 --json task,subtasks",
  ],
  args: { officeId: arg.office(), taskId: TASK_ID },
  flags: {},
  json: TASK_DETAIL_FIELDS,
  async run(ctx, { args }): Promise<TaskDetail> {
    return (await ctx.client()).tasks.get(args.officeId, args.taskId);
  },
  render: (detail, _input, term) => ({ data: detailView(detail, term) }),
});

export const updateTask = command({
  name: "tasks update",
  summary: "Change a task's status, result, assignment or text",
  examples: [
    "mi tasks update --colony <colonyId> <taskId> --status running",
    'mi tasks update --colony <id> 1 --status done --result "No issues found" --agent analyst --lease-token <token>',
    'mi tasks update --colony <id> 1 --assigned-agent ""',
  ],
  args: { officeId: arg.office(), taskId: TASK_ID },
  flags: {
    status: flag.enum(TASK_STATUSES, { summary: "New status (done requires --result)" }),
    result: flag.string({ summary: "What was accomplished (the proof of work)", value: "text", empty: true }),
    resultSummary: flag.string({ summary: "Short form of the result for lists", value: "text", empty: true }),
    error: flag.string({ summary: "Why the task failed", value: "text", empty: true }),
    progress: flag.string({ summary: "Append a progress line to the task's logs", value: "line" }),
    agent: flag.string({ summary: "Agent making the update" }),
    assignedAgent: flag.string({ summary: 'Reassign to this agent ("" unassigns)', value: "agent", empty: true }),
    leaseToken: flag.string({ summary: "Lease token from mi tasks claim (for the worker holding the lease)", value: "token" }),
    title: flag.string({ summary: "New title", empty: true }),
    description: flag.string({ summary: "New description", value: "text", empty: true }),
    priority: flag.integer({ summary: "New priority, 0 (critical) to 100 (low)", value: "n" }),
  },
  json: TASK_FIELDS,
  check({ flags }) {
    const { agent: _agent, leaseToken: _token, ...changes } = flags;
    if (Object.values(changes).every((v) => v === undefined)) {
      throw new UsageError(
        "Nothing to change: pass --status, --result, --error, --progress, --assigned-agent, --title, --description or --priority.",
        "tasks update",
      );
    }
  },
  async run(ctx, { args, flags }): Promise<Task> {
    return (await ctx.client()).tasks.update(args.officeId, args.taskId, flags);
  },
  render: (task) => ({ status: `Updated task ${task.id}\n`, data: taskDetails(task) }),
});

export const listSubtasks = command({
  name: "tasks subtasks",
  summary: "List a task's subtasks",
  examples: ["mi tasks subtasks --colony <colonyId> <taskId>", "mi tasks subtasks --colony <id> 1 --json id,status,result"],
  args: { officeId: arg.office(), taskId: TASK_ID },
  flags: {},
  json: TASK_FIELDS,
  async run(ctx, { args }): Promise<Task[]> {
    return (await ctx.client()).tasks.subtasks(args.officeId, args.taskId);
  },
  render: (subtasks, { args }, term) =>
    subtasks.length === 0 ? { status: `Task ${args.taskId} has no subtasks.\n` } : { data: taskTable(subtasks, term) },
});

export const taskStats = command({
  name: "tasks stats",
  summary: "Count the office's tasks by status",
  examples: ["mi tasks stats --colony <colonyId>", "mi tasks stats --colony <id> --json queued,running"],
  args: { officeId: arg.office() },
  flags: {},
  json: TASK_STATS_FIELDS,
  async run(ctx, { args }): Promise<TaskStats> {
    return (await ctx.client()).tasks.stats(args.officeId);
  },
  render: (stats) => ({ data: statsDetails(stats) }),
});
