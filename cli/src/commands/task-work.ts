/**
 * `mi tasks claim|renew|verify|retry`: how agents take work, keep it, and how reviewers send
 * it back.
 */
import type { ClaimedTask, RenewedLease, Task } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { TASK_KINDS } from "../words.js";
import { CLAIMED_TASK_FIELDS, RENEWED_LEASE_FIELDS, TASK_FIELDS } from "./fields.js";
import { TASK_ID } from "./task-ids.js";
import { claimDetails, taskDetails } from "./task-views.js";

export const claimTask = command({
  name: "tasks claim",
  summary: "Claim the next available task for an agent (prints nothing if there is none)",
  description: "Nothing to claim is a normal answer: exit code 0, so worker scripts can loop on it (--json prints null).",
  examples: [
    "mi tasks claim --colony <colonyId> --agent analyst",
    "mi tasks claim --colony <id> --agent reviewer --kind review --json task,leaseToken",
  ],
  args: { officeId: arg.office() },
  flags: {
    agent: flag.string({ summary: "Agent claiming", required: true }),
    kind: flag.enum(TASK_KINDS, { summary: "Only claim tasks of this kind" }),
    leaseSeconds: flag.integer({ summary: "Lease length, 10 to 3600 (default 300)", value: "seconds" }),
  },
  json: CLAIMED_TASK_FIELDS,
  async run(ctx, { args, flags }): Promise<ClaimedTask | null> {
    return (await ctx.client()).tasks.claim(args.officeId, flags);
  },
  render: (claimed, { flags }) =>
    claimed === null
      ? { status: `No task to claim for ${flags.agent}.\n` }
      : {
          status: `Claimed task ${claimed.task.id} for ${flags.agent}. Pass the lease token on every update.\n`,
          data: claimDetails(claimed),
        },
});

export const renewLease = command({
  name: "tasks renew",
  summary: "Extend the lease of a claimed task",
  examples: [
    "mi tasks renew --colony <id> 1 --lease-token <token>",
    "mi tasks renew --colony <id> 1 --lease-token <token> --lease-seconds 600",
  ],
  args: { officeId: arg.office(), taskId: TASK_ID },
  flags: {
    leaseToken: flag.string({ summary: "Lease token from mi tasks claim", value: "token", required: true }),
    leaseSeconds: flag.integer({ summary: "New lease length from now, 10 to 3600", value: "seconds" }),
  },
  json: RENEWED_LEASE_FIELDS,
  async run(ctx, { args, flags }): Promise<RenewedLease> {
    return (await ctx.client()).tasks.renewLease(args.officeId, args.taskId, flags);
  },
  render: (lease, { args }) => ({
    status: `Renewed the lease of task ${args.taskId} until ${lease.leaseExpiresAt} (status ${lease.status})\n`,
  }),
});

export const verifyTask = command({
  name: "tasks verify",
  summary: "Accept or reject a completed task",
  examples: [
    'mi tasks verify --colony <id> 2 --accepted true --reviewer lead --comments "Thorough"',
    'mi tasks verify --colony <id> 2 --accepted false --reviewer lead --comments "Missing the overflow case"',
  ],
  args: { officeId: arg.office(), taskId: TASK_ID },
  flags: {
    accepted: flag.boolean({ summary: "true accepts, false rejects (then say why in --comments)", value: "bool", required: true }),
    reviewer: flag.string({ summary: "Reviewing agent", value: "agent" }),
    comments: flag.string({ summary: "What is good or what needs to change", value: "text", empty: true }),
  },
  json: TASK_FIELDS,
  async run(ctx, { args, flags }): Promise<Task> {
    return (await ctx.client()).tasks.verify(args.officeId, args.taskId, flags);
  },
  render: (task, { flags }) => ({ status: `${flags.accepted ? "Accepted" : "Rejected"} task ${task.id}\n`, data: taskDetails(task) }),
});

export const retryTask = command({
  name: "tasks retry",
  summary: "Put a failed, cancelled or rejected task back in the queue",
  examples: [
    'mi tasks retry --colony <id> 2 --reason "Cover the overflow case"',
    'mi tasks retry --colony <id> 2 --updated-description "Focus on error paths" --assigned-agent analyst-2',
  ],
  args: { officeId: arg.office(), taskId: TASK_ID },
  flags: {
    reason: flag.string({ summary: "Why, for the audit trail", value: "text", empty: true }),
    updatedDescription: flag.string({ summary: "Replace the description, e.g. with adjusted instructions", value: "text", empty: true }),
    assignedAgent: flag.string({ summary: 'Reassign to this agent ("" unassigns)', value: "agent", empty: true }),
  },
  json: TASK_FIELDS,
  async run(ctx, { args, flags }): Promise<Task> {
    return (await ctx.client()).tasks.retry(args.officeId, args.taskId, flags);
  },
  render: (task) => ({
    status: `Retried task ${task.id} (retry ${task.retryCount}); it is ${task.status} again\n`,
    data: taskDetails(task),
  }),
});
