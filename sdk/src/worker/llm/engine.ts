/**
 * The `llm` engine: a tool loop. The model gets the task and the tools, calls them, sees their
 * results, and ends the run with complete_task or fail_task. A model that stops calling tools,
 * or runs out of turns, leaves the task incomplete (back to the queue).
 */
import type { CallPurpose, Engine, ReplyRun, RunOutcome, TaskRun } from "../engine.js";
import type { ChatAdapter, ChatMessage, ToolCall } from "./chat.js";
import { chatPrompt, systemPrompt, taskMessage, type AgentPersona } from "./prompt.js";
import { withRetries, type RetryPolicy } from "./retry.js";
import { TOOL_SCHEMAS } from "./tool-schemas.js";
import { RunTools, type ToolLimits } from "./tools.js";

/** Tokens one LLM call consumed, for credits. */
export interface LlmUsage {
  /** The provider's integration id. */
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
}

/** Options of {@link LlmEngine}. */
export interface LlmEngineOptions {
  /**
   * The model, or how to make it: a function is called at the start of each run, so missing
   * credentials throw from `run` (the worker counts that as incomplete) rather than at startup.
   */
  chat: ChatAdapter | (() => ChatAdapter);
  /** The agent's role template; may be empty. */
  role?: string;
  /** The operator's instructions for the agent; may be empty. */
  systemPrompt?: string;
  /** Model calls per run before it ends incomplete; default 30. */
  maxTurns?: number;
  /** Backoff of transient LLM failures. */
  retry?: RetryPolicy;
  tools?: ToolLimits;
  /** Hears the token usage of every successful call. */
  onUsage?(usage: LlmUsage): void;
  /**
   * Pays for each model call: `reserve` before it with the most tokens it can use (rejecting,
   * e.g. with INSUFFICIENT_CREDITS, stops the run before the call), `settle` after it with the
   * tokens it used (0 when it failed).
   */
  meter?: CallMeter;
}

/** What a model call may cost, reserved before and settled after it. */
export interface CallMeter {
  reserve(payer: CallPurpose, usage: { provider: string; model: string; maxTokens: number }): Promise<string>;
  settle(payer: CallPurpose, reservation: string, usedTokens: number): Promise<void>;
}

/** Tokens reserved for a model's answer beyond the request (the adapters' answer limit). */
export const ANSWER_TOKENS = 8192;

/**
 * Runs a task with an LLM. When `run.signal` aborts, the run stops at once (the LLM call and
 * any shell command are cancelled) and resolves `incomplete` with reason `aborted: …`.
 */
export class LlmEngine implements Engine {
  readonly name = "llm";
  private readonly maxTurns: number;

  constructor(private readonly options: LlmEngineOptions) {
    this.maxTurns = options.maxTurns ?? 30;
  }

  async run(run: TaskRun): Promise<RunOutcome> {
    try {
      return await this.loop(run);
    } catch (err) {
      if (run.signal.aborted) return { kind: "incomplete", reason: `aborted: ${reasonText(run.signal.reason)}` };
      throw err;
    }
  }

  private async loop(run: TaskRun): Promise<RunOutcome> {
    const { retry, onUsage } = this.options;
    const chat = typeof this.options.chat === "function" ? this.options.chat() : this.options.chat;
    const persona: AgentPersona = { agentName: run.agentName, role: this.options.role, systemPrompt: this.options.systemPrompt };
    const system = systemPrompt(persona);
    const tools = new RunTools(run, this.options.tools);
    const messages: ChatMessage[] = [{ role: "user", text: taskMessage(run.task) }];
    for (let turn = 1; turn <= this.maxTurns; turn++) {
      run.signal.throwIfAborted();
      // A request's tokens, estimated high (3 characters each), plus the longest answer.
      const maxTokens = Math.ceil(JSON.stringify([system, messages, TOOL_SCHEMAS]).length / 3) + ANSWER_TOKENS;
      const payer = { officeId: run.officeId, agentName: run.agentName, purpose: `task ${run.task.id}` };
      let reservation: string | undefined;
      try {
        reservation = await this.options.meter?.reserve(payer, { provider: chat.provider, model: chat.model, maxTokens });
      } catch (err) {
        if ((err as { reason?: string }).reason === "INSUFFICIENT_CREDITS") {
          return { kind: "failed", error: `INSUFFICIENT_CREDITS: stopped before turn ${turn}'s model call: ${reasonText(err)}` };
        }
        throw err;
      }
      let used = 0;
      let reply: Awaited<ReturnType<typeof chat.complete>>;
      try {
        reply = await withRetries(
          () => chat.complete({ system, messages, tools: TOOL_SCHEMAS, signal: run.signal }),
          run.signal,
          retry,
          // Operators watching the task see an outage rather than silence.
          (err, attempt) => report(run, `turn ${turn}: model call failed (${clip(reasonText(err), 80)}), retry ${attempt}`),
        );
        used = reply.usage.inputTokens + reply.usage.outputTokens;
      } finally {
        if (reservation !== undefined) await this.options.meter!.settle(payer, reservation, used);
      }
      onUsage?.({ provider: chat.provider, model: chat.model, ...reply.usage });
      messages.push({ role: "assistant", text: reply.text, toolCalls: reply.toolCalls });
      if (reply.toolCalls.length === 0) {
        await report(run, `turn ${turn}: model answered without a tool call`);
        return { kind: "incomplete", reason: `the model ended its session without completing the task: ${clip(reply.text, 200)}` };
      }
      await report(run, `turn ${turn}: model called ${reply.toolCalls.map(describe).join(", ")}`);
      for (const call of reply.toolCalls) {
        run.signal.throwIfAborted();
        const result = await tools.execute(call);
        messages.push({ role: "tool", callId: call.id, name: call.name, content: result.content });
        if (result.outcome) return result.outcome;
      }
    }
    return { kind: "incomplete", reason: `no result after ${this.maxTurns} turns` };
  }

  /**
   * One answer to the agent's conversation with the operators: a single model call without
   * tools, paid for like any other (an office without credits gets no answer: the call is refused
   * before it is made).
   */
  async reply(run: ReplyRun): Promise<string> {
    const chat = typeof this.options.chat === "function" ? this.options.chat() : this.options.chat;
    const system = chatPrompt({ agentName: run.agentName, role: this.options.role, systemPrompt: this.options.systemPrompt });
    const messages = conversationMessages(run.history);
    if (messages.length === 0) return "";
    const maxTokens = Math.ceil(JSON.stringify([system, messages]).length / 3) + ANSWER_TOKENS;
    const payer = { officeId: run.officeId, agentName: run.agentName, purpose: "a chat reply" };
    const reservation = await this.options.meter?.reserve(payer, { provider: chat.provider, model: chat.model, maxTokens });
    let used = 0;
    try {
      const answer = await withRetries(
        () => chat.complete({ system, messages, tools: [], signal: run.signal }),
        run.signal,
        this.options.retry,
      );
      used = answer.usage.inputTokens + answer.usage.outputTokens;
      this.options.onUsage?.({ provider: chat.provider, model: chat.model, ...answer.usage });
      return answer.text.trim();
    } finally {
      if (reservation !== undefined) await this.options.meter!.settle(payer, reservation, used);
    }
  }
}

/**
 * A conversation as the model's turns: the operators' messages are the user's, the agent's its
 * own; consecutive messages of one side are joined (the Messages API wants turns to alternate),
 * and it starts with the operators.
 */
function conversationMessages(history: ReplyRun["history"]): ChatMessage[] {
  const turns: ChatMessage[] = [];
  for (const m of history) {
    const role = m.fromSelf ? "assistant" : "user";
    const last = turns.at(-1);
    if (!last && role === "assistant") continue;
    if (last && last.role === role) last.text = `${last.text}\n\n${m.text}`;
    else turns.push(role === "user" ? { role, text: m.text } : { role, text: m.text, toolCalls: [] });
  }
  return turns;
}

/** A progress line must not end the run: the worker's lease handling owns the task's fate. */
async function report(run: TaskRun, line: string): Promise<void> {
  try {
    await run.progress(line);
  } catch {
    // A lost lease aborts the signal, which the loop sees next.
  }
}

/** `write_file report.md`: the tool and its most telling argument, never file contents. */
function describe(call: ToolCall): string {
  let hint = "";
  try {
    const a = JSON.parse(call.arguments || "{}") as Record<string, unknown>;
    const h = a.path ?? a.command ?? a.title ?? a.name ?? a.integration;
    if (typeof h === "string") hint = ` ${clip(h, 60)}`;
  } catch {
    // unparseable arguments: the tool reports that to the model
  }
  return `${call.name}${hint}`;
}

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function reasonText(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
