/**
 * Executes the model's tool calls against the office, as the agent, with the task's lease token
 * wherever the SDK takes one. A failure is returned as text for the model to adapt to; only the
 * task's abort propagates.
 */
import type { ProofFile, RunOutcome, TaskRun } from "../engine.js";
import type { TaskKind } from "../../task-types.js";
import type { ModelTier } from "../../agent-types.js";
import type { ProxyMethod } from "../../integrations.js";
import type { ToolCall } from "./chat.js";
import { runShell } from "./shell.js";
import { parseArguments, toolSchema, type ToolArguments } from "./tool-schemas.js";

/** Limits of the tools. */
export interface ToolLimits {
  /** Default deadline of a shell command, in milliseconds; default 60 000. */
  shellTimeoutMs?: number;
  /** Output of a shell command, HTTP response or file kept for the model, in bytes; default 16 KiB. */
  maxOutputBytes?: number;
}

/** What one tool call gave: text for the model, and the run's outcome if the call ended it. */
export interface ToolResult {
  content: string;
  outcome?: RunOutcome;
}

/** The tools of one run: they collect its proof files. */
export class RunTools {
  /** Files recorded with add_artifact, linked by the worker when the run is done. */
  readonly artifacts: ProofFile[] = [];
  private readonly shellTimeoutMs: number;
  private readonly maxOutputBytes: number;

  constructor(
    private readonly run: TaskRun,
    limits: ToolLimits = {},
  ) {
    this.shellTimeoutMs = limits.shellTimeoutMs ?? 60_000;
    this.maxOutputBytes = limits.maxOutputBytes ?? 16 * 1024;
  }

  /** Runs one call; rejects only when the run's signal aborted. */
  async execute(call: ToolCall): Promise<ToolResult> {
    const schema = toolSchema(call.name);
    if (!schema) return { content: `error: there is no tool ${JSON.stringify(call.name)}` };
    try {
      return await this.dispatch(call.name, parseArguments(schema, call.arguments));
    } catch (err) {
      if (this.run.signal.aborted) throw this.run.signal.reason;
      return { content: `error: ${(err as Error).message ?? String(err)}` };
    }
  }

  private async dispatch(name: string, a: ToolArguments): Promise<ToolResult> {
    // No tool writes the task itself (the worker does, with the lease token); create, comment and
    // file writes take no lease token in the SDK.
    const { client, officeId, task, agentName } = this.run;
    switch (name) {
      case "create_subtask": {
        const sub = await client.tasks.create(officeId, {
          title: a.title as string,
          description: a.description as string | undefined,
          kind: a.kind as TaskKind | undefined,
          assignedAgent: a.assigned_agent as string | undefined,
          priority: a.priority as number | undefined,
          parentId: task.id,
        });
        return { content: `created subtask ${sub.id} (${sub.status})` };
      }
      case "comment":
        await client.tasks.comment(officeId, task.id, { agent: agentName, message: a.message as string });
        return { content: "comment posted" };
      case "send_message": {
        const to = a.to as string | undefined;
        const sent = to
          ? await client.chat.send(officeId, to, a.text as string, { taskId: task.id })
          : await client.chat.sendGroup(officeId, a.text as string, { taskId: task.id });
        return { content: `sent (message ${sent.id}) to ${to ? `agent ${to}` : "the group chat"}` };
      }
      case "list_files": {
        const files = await client.files.list(officeId, { prefix: a.prefix as string | undefined, limit: 200 });
        if (files.length === 0) return { content: "no files" };
        return { content: this.cap(files.map((f) => `${f.path}\t${f.size} bytes`).join("\n")) };
      }
      case "read_file": {
        const { content } = await client.files.read(officeId, a.path as string);
        return { content: this.cap(content.toString("utf8")) };
      }
      case "write_file": {
        const file = await client.files.write(officeId, a.path as string, a.content as string);
        return { content: `wrote ${file.path} (${file.size} bytes)` };
      }
      case "add_artifact": {
        // Proof must exist: a path the model merely claims is no proof.
        const file = await client.files.get(officeId, a.path as string);
        this.artifacts.push({ drivePath: file.path, label: (a.label as string | undefined) || file.path });
        return { content: `recorded ${file.path} as proof` };
      }
      case "shell":
        return { content: await this.shell(a.command as string, a.timeout_seconds as number | undefined) };
      case "hire_agent": {
        const agent = await client.agents.hire(officeId, {
          name: a.name as string,
          role: a.role as string | undefined,
          modelTier: a.model_tier as ModelTier | undefined,
          systemPrompt: a.system_prompt as string | undefined,
          budget: a.budget as number | undefined,
        });
        return { content: `hired ${agent.name} (${agent.status.phase})` };
      }
      case "http_request": {
        const res = await client.integrations.proxy(officeId, a.integration as string, {
          method: (a.method as ProxyMethod | undefined) ?? "GET",
          path: a.path as string,
          headers: a.headers as Record<string, string> | undefined,
          body: a.body as string | undefined,
          agentName,
        });
        return { content: this.cap(`HTTP ${res.status}\n${new TextDecoder().decode(res.body)}`) };
      }
      case "complete_task": {
        const result = (a.result as string).trim();
        if (!result) throw new Error("complete_task needs a non-empty result: say what was accomplished and how it is proven");
        return { content: "task completed", outcome: { kind: "done", result, artifacts: [...this.artifacts] } };
      }
      case "fail_task": {
        const error = (a.error as string).trim();
        if (!error) throw new Error("fail_task needs a non-empty error");
        return { content: "task failed", outcome: { kind: "failed", error } };
      }
      default:
        throw new Error(`tool ${name} is not implemented`);
    }
  }

  private async shell(command: string, timeoutSeconds?: number): Promise<string> {
    const timeoutMs = timeoutSeconds && timeoutSeconds > 0 ? timeoutSeconds * 1000 : this.shellTimeoutMs;
    const r = await runShell(command, { cwd: this.run.workspace, timeoutMs, maxOutputBytes: this.maxOutputBytes, signal: this.run.signal });
    const status = r.killed === "timeout" ? `killed after ${timeoutMs / 1000} s` : `exit code ${r.exitCode}`;
    return `${status}\n${r.output}${r.truncated ? `\n[output truncated at ${this.maxOutputBytes} bytes]` : ""}`;
  }

  private cap(text: string): string {
    const bytes = Buffer.from(text, "utf8");
    if (bytes.length <= this.maxOutputBytes) return text;
    return `${bytes.subarray(0, this.maxOutputBytes).toString("utf8")}\n[truncated at ${this.maxOutputBytes} bytes of ${bytes.length}]`;
  }
}
