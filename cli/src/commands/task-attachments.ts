/**
 * `mi tasks add-artifact|artifacts|comment|comments`: what is attached to a task, the
 * proof of work (files, branches, reports) and the agents' discussion.
 */
import type { CAC } from "cac";
import { ARTIFACT_KINDS } from "../sdk.js";
import { stringFlag, type CommandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../exit.js";
import { renderDetails, status, writeJson } from "../output.js";
import { officeAndArgs, taskCommand, taskIdArg, textFlag, wordFlag } from "./task-flags.js";
import { artifactTable, commentTable } from "./task-views.js";

type Options = GlobalOptions & Record<string, unknown>;

/** Registers the artifact and comment commands under `tasks`. */
export function registerTaskAttachmentCommands(cli: CAC, ctx: CommandContext): void {
  taskCommand(cli, "add-artifact", "[officeId] <taskId>", "Link a file, branch or report to a task as proof of work")
    .option("--kind <kind>", `What it is: ${ARTIFACT_KINDS.join(" | ")} (required)`)
    .option("--path <path>", "File path (e.g. /shared/files/report.md), branch name or URL (required)")
    .option("--label <text>", "Description for people")
    .option("--agent <agent>", "Agent linking it")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, options: Options) => {
      const usage = "tasks add-artifact";
      const { officeId, args } = officeAndArgs(ctx, [office, task], 1, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const kind = wordFlag(options.kind, ARTIFACT_KINDS, "--kind", usage);
      const path = stringFlag(options.path, "--path", usage);
      if (kind === undefined || path === undefined) {
        throw new UsageError(
          "Missing --kind or --path: mi tasks add-artifact --colony <id> <taskId> --kind file --path /shared/files/report.md.",
          usage,
        );
      }
      const input = {
        kind,
        path,
        label: textFlag(options.label, "--label", usage),
        agent: stringFlag(options.agent, "--agent", usage),
      };
      const artifact = await (await ctx.client()).tasks.addArtifact(officeId, taskId, input);
      if (options.json) return writeJson(ctx.io, artifact);
      status(ctx.io, `Linked ${artifact.kind} ${artifact.path} to task ${taskId}`);
      ctx.io.stdout.write(
        renderDetails([
          ["id", String(artifact.id)],
          ["kind", artifact.kind],
          ["path", artifact.path],
          ["label", artifact.label || "-"],
          ["by", artifact.createdBy],
          ["linked", artifact.createdAt],
        ]),
      );
    });

  taskCommand(cli, "artifacts", "[officeId] <taskId>", "List a task's artifacts")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, options: Options) => {
      const usage = "tasks artifacts";
      const { officeId, args } = officeAndArgs(ctx, [office, task], 1, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const artifacts = await (await ctx.client()).tasks.artifacts(officeId, taskId);
      if (options.json) return writeJson(ctx.io, artifacts);
      if (artifacts.length === 0) return status(ctx.io, `Task ${args[0]} has no artifacts.`);
      ctx.io.stdout.write(artifactTable(artifacts));
    });

  taskCommand(cli, "comment", "[officeId] <taskId> <message>", "Comment on a task")
    .option("--agent <agent>", "Agent commenting")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, message: string | undefined, options: Options) => {
      const usage = "tasks comment";
      const { officeId, args } = officeAndArgs(ctx, [office, task, message], 2, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const input = {
        agent: stringFlag(options.agent, "--agent", usage),
        message: String(args[1]),
      };
      const comment = await (await ctx.client()).tasks.comment(officeId, taskId, input);
      if (options.json) return writeJson(ctx.io, comment);
      status(ctx.io, `Commented on task ${taskId} as ${comment.author}`);
    });

  taskCommand(cli, "comments", "[officeId] <taskId>", "List a task's comments, oldest first")
    .option("--json", "Print JSON")
    .action(async (office: string | undefined, task: string | undefined, options: Options) => {
      const usage = "tasks comments";
      const { officeId, args } = officeAndArgs(ctx, [office, task], 1, options, usage);
      const taskId = taskIdArg(args[0], usage);
      const comments = await (await ctx.client()).tasks.comments(officeId, taskId);
      if (options.json) return writeJson(ctx.io, comments);
      if (comments.length === 0) return status(ctx.io, `Task ${args[0]} has no comments.`);
      ctx.io.stdout.write(commentTable(comments));
    });
}
