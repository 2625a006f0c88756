/**
 * `mi tasks add-artifact|artifacts|comment|comments`: what is attached to a task, the
 * proof of work (files, branches, reports) and the agents' discussion.
 */
import type { TaskArtifact, TaskComment } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { ARTIFACT_KINDS } from "../words.js";
import { ARTIFACT_FIELDS, COMMENT_FIELDS } from "./fields.js";
import { TASK_ID } from "./task-ids.js";
import { artifactDetails, artifactTable, commentTable } from "./task-views.js";

export const addArtifact = command({
  name: "tasks add-artifact",
  summary: "Link a file, branch or report to a task as proof of work",
  examples: [
    "mi tasks add-artifact --colony <colonyId> <taskId> --kind file --path /shared/files/report.md",
    'mi tasks add-artifact --colony <id> 1 --kind branch --path fix/rate-limiter --label "The fix" --agent analyst',
  ],
  args: { officeId: arg.office(), taskId: TASK_ID },
  flags: {
    kind: flag.enum(ARTIFACT_KINDS, { summary: "What it is", required: true }),
    path: flag.string({ summary: "File path (e.g. /shared/files/report.md), branch name or URL", required: true }),
    label: flag.string({ summary: "Description for people", value: "text", empty: true }),
    agent: flag.string({ summary: "Agent linking it" }),
  },
  json: ARTIFACT_FIELDS,
  async run(ctx, { args, flags }): Promise<TaskArtifact> {
    return (await ctx.client()).tasks.addArtifact(args.officeId, args.taskId, flags);
  },
  render: (artifact, { args }) => ({
    status: `Linked ${artifact.kind} ${artifact.path} to task ${args.taskId}\n`,
    data: artifactDetails(artifact),
  }),
});

export const listArtifacts = command({
  name: "tasks artifacts",
  summary: "List a task's artifacts",
  examples: ["mi tasks artifacts --colony <colonyId> <taskId>", "mi tasks artifacts --colony <id> 1 --json kind,path"],
  args: { officeId: arg.office(), taskId: TASK_ID },
  flags: {},
  json: ARTIFACT_FIELDS,
  async run(ctx, { args }): Promise<TaskArtifact[]> {
    return (await ctx.client()).tasks.artifacts(args.officeId, args.taskId);
  },
  render: (artifacts, { args }, term) =>
    artifacts.length === 0 ? { status: `Task ${args.taskId} has no artifacts.\n` } : { data: artifactTable(artifacts, term) },
});

export const commentOnTask = command({
  name: "tasks comment",
  summary: "Comment on a task",
  examples: [
    'mi tasks comment --colony <colonyId> <taskId> "Found 3 issues in the rate limiter"',
    'mi tasks comment --colony <id> 1 "See section 2 of the report" --agent analyst',
  ],
  args: { officeId: arg.office(), taskId: TASK_ID, message: arg.string({ summary: "The comment (quote it)" }) },
  flags: {
    agent: flag.string({ summary: "Agent commenting" }),
  },
  json: COMMENT_FIELDS,
  async run(ctx, { args, flags }): Promise<TaskComment> {
    return (await ctx.client()).tasks.comment(args.officeId, args.taskId, { agent: flags.agent, message: args.message });
  },
  render: (comment, { args }) => ({ status: `Commented on task ${args.taskId} as ${comment.author}\n` }),
});

export const listComments = command({
  name: "tasks comments",
  summary: "List a task's comments, oldest first",
  examples: ["mi tasks comments --colony <id> 1", "mi tasks comments --colony <id> 1 --json author,message"],
  args: { officeId: arg.office(), taskId: TASK_ID },
  flags: {},
  json: COMMENT_FIELDS,
  async run(ctx, { args }): Promise<TaskComment[]> {
    return (await ctx.client()).tasks.comments(args.officeId, args.taskId);
  },
  render: (comments, { args }, term) =>
    comments.length === 0 ? { status: `Task ${args.taskId} has no comments.\n` } : { data: commentTable(comments, term) },
});
