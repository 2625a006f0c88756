/**
 * `mi tasks ...`: the office's task queue (docs: "Tasks"). This file holds the queue
 * itself: create, list, get, update, claim, renew, subtasks, verify, retry, stats; the
 * attachments (artifacts, comments) and the event commands have files of their own.
 * Flags are spelled as in the docs (`--assignedAgent`); kebab-case works too.
 */
import type { CAC } from "cac";
import { parseTaskIds, TASK_KINDS, TASK_STATUSES } from "../sdk.js";
import { booleanFlag, integerFlag, stringFlag, type CommandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../exit.js";
import { status, writeJson } from "../output.js";
import { registerTaskAttachmentCommands } from "./task-attachments.js";
import { registerTaskEventCommands } from "./task-events.js";
import { officeAndArgs, parsedFlag, taskCommand, taskIdArg, taskIdFlag, textFlag, wordFlag, wordListFlag } from "./task-flags.js";
import { claimDetails, detailView, statsDetails, taskDetails, taskTable } from "./task-views.js";

type Options = GlobalOptions & Record<string, unknown>;

/** Registers every `mi tasks` command. */
export function registerTaskCommands(cli: CAC, ctx: CommandContext): void {
  registerQueueCommands(cli, ctx);
  registerTaskAttachmentCommands(cli, ctx);
  registerTaskEventCommands(cli, ctx);
}

function registerQueueCommands(cli: CAC, ctx: CommandContext): void {
  taskCommand(cli, "create", "[officeId]", "Create a task")
    .option("--title <title>", "Task title (required)")
    .option("--description <text>", "Detailed description")
    .option("--kind <kind>", `Kind of work: ${TASK_KINDS.join(" | ")} (default general)`)
    .option("--priority <n>", "0 = critical, 50 = normal (default), 100 = low")
    .option("--assignedAgent <agent>", "Agent to assign to; only it may claim the task")
    .option("--parentId <taskId>", "Parent task: makes this a subtask")
    .option("--dependsOn <ids>", "Tasks that must be done first, comma-separated (e.g. 1,2)")
    .option("--requiredTools <tools>", "Integrations the agent needs, comma-separated (e.g. github,chromium)")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, options: Options) => {
      const usage = "tasks create";
      const officeId = ctx.officeId(office, options, usage);
      const title = stringFlag(options.title, "--title", usage);
      if (title === undefined) throw new UsageError('Missing --title: mi tasks create --colony <id> --title "Review pipeline".', usage);
      const input = {
        title,
        description: textFlag(options.description, "--description", usage),
        kind: wordFlag(options.kind, TASK_KINDS, "--kind", usage),
        priority: integerFlag(options.priority, "--priority", usage),
        assignedAgent: stringFlag(options.assignedAgent, "--assignedAgent", usage),
        parentId: taskIdFlag(options.parentId, "--parentId", usage),
        dependsOn: parsedFlag(options.dependsOn, parseTaskIds, "--dependsOn", usage),
        requiredTools: stringFlag(options.requiredTools, "--requiredTools", usage),
      };
      const task = await (await ctx.client()).tasks.create(officeId, input);
      if (options.json) return writeJson(ctx.io, task);
      status(ctx.io, `Created task ${task.id}${task.status === "blocked" ? " (blocked until its dependencies are done)" : ""}`);
      ctx.io.stdout.write(taskDetails(task));
    });

  taskCommand(cli, "list", "[officeId]", "List tasks, newest first")
    .option("--status <statuses>", `Only these statuses, comma-separated: ${TASK_STATUSES.join(", ")}`)
    .option("--limit <n>", "At most this many tasks")
    .option("--assignedAgent <agent>", "Only tasks assigned to this agent")
    .option("--kind <kind>", "Only tasks of this kind")
    .option("--parentId <taskId>", "Only subtasks of this task")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, options: Options) => {
      const usage = "tasks list";
      const officeId = ctx.officeId(office, options, usage);
      const limit = integerFlag(options.limit, "--limit", usage);
      if (limit !== undefined && limit < 1) throw new UsageError("--limit must be at least 1.", usage);
      const input = {
        status: wordListFlag(options.status, TASK_STATUSES, "--status", usage),
        limit,
        assignedAgent: stringFlag(options.assignedAgent, "--assignedAgent", usage),
        kind: wordFlag(options.kind, TASK_KINDS, "--kind", usage),
        parentId: taskIdFlag(options.parentId, "--parentId", usage),
      };
      const tasks = await (await ctx.client()).tasks.list(officeId, input);
      if (options.json) return writeJson(ctx.io, tasks);
      if (tasks.length === 0) return status(ctx.io, 'No tasks. Create one with mi tasks create --colony <id> --title "...".');
      ctx.io.stdout.write(taskTable(tasks));
    });

  taskCommand(cli, "get", "[officeId] <taskId>", "Show a task with its subtasks, logs, comments and artifacts")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, options: Options) => {
      const usage = "tasks get";
      const { officeId, args } = officeAndArgs(ctx, [office, task], 1, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const detail = await (await ctx.client()).tasks.get(officeId, taskId);
      if (options.json) return writeJson(ctx.io, detail);
      ctx.io.stdout.write(detailView(detail));
    });

  taskCommand(cli, "update", "[officeId] <taskId>", "Change a task's status, result, assignment or text")
    .option("--status <status>", `New status: ${TASK_STATUSES.join(", ")} (done requires --result)`)
    .option("--result <text>", "What was accomplished (the proof of work)")
    .option("--resultSummary <text>", "Short form of the result for lists")
    .option("--error <text>", "Why the task failed")
    .option("--progress <line>", "Append a progress line to the task's logs")
    .option("--agent <agent>", "Agent making the update")
    .option("--assignedAgent <agent>", 'Reassign to this agent ("" unassigns)')
    .option("--leaseToken <token>", "Lease token from mi tasks claim (for the worker holding the lease)")
    .option("--title <title>", "New title")
    .option("--description <text>", "New description")
    .option("--priority <n>", "New priority, 0 (critical) to 100 (low)")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, options: Options) => {
      const usage = "tasks update";
      const { officeId, args } = officeAndArgs(ctx, [office, task], 1, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const update = {
        status: wordFlag(options.status, TASK_STATUSES, "--status", usage),
        result: textFlag(options.result, "--result", usage),
        resultSummary: textFlag(options.resultSummary, "--resultSummary", usage),
        error: textFlag(options.error, "--error", usage),
        progress: stringFlag(options.progress, "--progress", usage),
        agent: stringFlag(options.agent, "--agent", usage),
        assignedAgent: textFlag(options.assignedAgent, "--assignedAgent", usage),
        leaseToken: stringFlag(options.leaseToken, "--leaseToken", usage),
        title: textFlag(options.title, "--title", usage),
        description: textFlag(options.description, "--description", usage),
        priority: integerFlag(options.priority, "--priority", usage),
      };
      const { agent: _agent, leaseToken: _token, ...changes } = update;
      if (Object.values(changes).every((v) => v === undefined)) {
        throw new UsageError(
          "Nothing to change: pass --status, --result, --error, --progress, --assignedAgent, --title, --description or --priority.",
          usage,
        );
      }
      const updated = await (await ctx.client()).tasks.update(officeId, taskId, update);
      if (options.json) return writeJson(ctx.io, updated);
      status(ctx.io, `Updated task ${updated.id}`);
      ctx.io.stdout.write(taskDetails(updated));
    });

  taskCommand(cli, "claim", "[officeId]", "Claim the next available task for an agent (prints nothing if there is none)")
    .option("--agent <agent>", "Agent claiming (required)")
    .option("--kind <kind>", "Only claim tasks of this kind")
    .option("--leaseSeconds <seconds>", "Lease length, 10 to 3600 (default 300)")
    .option("--json", "Print JSON (null when nothing is claimable)")
    .action(async (office: string | undefined, options: Options) => {
      const usage = "tasks claim";
      const officeId = ctx.officeId(office, options, usage);
      const agent = stringFlag(options.agent, "--agent", usage);
      if (agent === undefined) throw new UsageError("Missing --agent: mi tasks claim --colony <id> --agent <agent>.", usage);
      const input = {
        agent,
        kind: wordFlag(options.kind, TASK_KINDS, "--kind", usage),
        leaseSeconds: integerFlag(options.leaseSeconds, "--leaseSeconds", usage),
      };
      const claimed = await (await ctx.client()).tasks.claim(officeId, input);
      // Nothing to claim is a normal answer (exit 0), so worker scripts can loop on it.
      if (claimed === null) {
        status(ctx.io, `No task to claim for ${agent}.`);
        if (options.json) writeJson(ctx.io, null);
        return;
      }
      if (options.json) return writeJson(ctx.io, claimed);
      status(ctx.io, `Claimed task ${claimed.task.id} for ${agent}. Pass the lease token on every update.`);
      ctx.io.stdout.write(claimDetails(claimed));
    });

  taskCommand(cli, "renew", "[officeId] <taskId>", "Extend the lease of a claimed task")
    .option("--leaseToken <token>", "Lease token from mi tasks claim (required)")
    .option("--leaseSeconds <seconds>", "New lease length from now, 10 to 3600")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, options: Options) => {
      const usage = "tasks renew";
      const { officeId, args } = officeAndArgs(ctx, [office, task], 1, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const leaseToken = stringFlag(options.leaseToken, "--leaseToken", usage);
      if (leaseToken === undefined) throw new UsageError("Missing --leaseToken: the token mi tasks claim printed.", usage);
      const input = {
        leaseToken,
        leaseSeconds: integerFlag(options.leaseSeconds, "--leaseSeconds", usage),
      };
      const lease = await (await ctx.client()).tasks.renewLease(officeId, taskId, input);
      if (options.json) return writeJson(ctx.io, lease);
      status(ctx.io, `Renewed the lease of task ${taskId} until ${lease.leaseExpiresAt} (status ${lease.status})`);
    });

  taskCommand(cli, "subtasks", "[officeId] <taskId>", "List a task's subtasks")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, options: Options) => {
      const usage = "tasks subtasks";
      const { officeId, args } = officeAndArgs(ctx, [office, task], 1, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const subtasks = await (await ctx.client()).tasks.subtasks(officeId, taskId);
      if (options.json) return writeJson(ctx.io, subtasks);
      if (subtasks.length === 0) return status(ctx.io, `Task ${args[0]} has no subtasks.`);
      ctx.io.stdout.write(taskTable(subtasks));
    });

  taskCommand(cli, "verify", "[officeId] <taskId>", "Accept or reject a completed task")
    .option("--accepted <bool>", "true accepts, false rejects (then --comments is required)")
    .option("--reviewer <agent>", "Reviewing agent")
    .option("--comments <text>", "What is good or what needs to change")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, options: Options) => {
      const usage = "tasks verify";
      const { officeId, args } = officeAndArgs(ctx, [office, task], 1, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const accepted = booleanFlag(options.accepted, "--accepted", usage);
      if (accepted === undefined) throw new UsageError("Missing --accepted true|false.", usage);
      const input = {
        accepted,
        reviewer: stringFlag(options.reviewer, "--reviewer", usage),
        comments: textFlag(options.comments, "--comments", usage),
      };
      const verified = await (await ctx.client()).tasks.verify(officeId, taskId, input);
      if (options.json) return writeJson(ctx.io, verified);
      status(ctx.io, `${accepted ? "Accepted" : "Rejected"} task ${verified.id}`);
      ctx.io.stdout.write(taskDetails(verified));
    });

  taskCommand(cli, "retry", "[officeId] <taskId>", "Put a failed, cancelled or rejected task back in the queue")
    .option("--reason <text>", "Why, for the audit trail")
    .option("--updatedDescription <text>", "Replace the description, e.g. with adjusted instructions")
    .option("--assignedAgent <agent>", 'Reassign to this agent ("" unassigns)')
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, options: Options) => {
      const usage = "tasks retry";
      const { officeId, args } = officeAndArgs(ctx, [office, task], 1, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const input = {
        reason: textFlag(options.reason, "--reason", usage),
        updatedDescription: textFlag(options.updatedDescription, "--updatedDescription", usage),
        assignedAgent: textFlag(options.assignedAgent, "--assignedAgent", usage),
      };
      const retried = await (await ctx.client()).tasks.retry(officeId, taskId, input);
      if (options.json) return writeJson(ctx.io, retried);
      status(ctx.io, `Retried task ${retried.id} (retry ${retried.retryCount}); it is ${retried.status} again`);
      ctx.io.stdout.write(taskDetails(retried));
    });

  taskCommand(cli, "stats", "[officeId]", "Count the office's tasks by status")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, options: Options) => {
      const officeId = ctx.officeId(office, options, "tasks stats");
      const stats = await (await ctx.client()).tasks.stats(officeId);
      if (options.json) return writeJson(ctx.io, stats);
      ctx.io.stdout.write(statsDetails(stats));
    });
}
