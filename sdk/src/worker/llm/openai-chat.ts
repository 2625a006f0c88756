/** OpenAI Chat Completions (and the compatible APIs of Gemini and Venice) through the official package. */
import { randomBytes } from "node:crypto";
import OpenAI from "openai";
import type { ChatCompletionCreateParamsBase, ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import type { ChatAdapter, ChatMessage, ChatReply, ChatRequest, ToolCall, ToolSchema } from "./chat.js";

/** Options of {@link OpenAIChat}. */
export interface OpenAIChatOptions {
  /** The provider's integration id, for usage reports. */
  provider: string;
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Stream the answer (SSE) and assemble its deltas; default true. */
  stream?: boolean;
  /** Deadline of one call, in milliseconds. */
  timeoutMs: number;
  /** Most tokens an answer may have; default 8192. */
  maxTokens?: number;
}

/**
 * OpenAI's own models take the answer limit as max_completion_tokens (its reasoning models
 * refuse max_tokens); the compatible APIs (Gemini, Venice, vLLM, Ollama…) know max_tokens.
 */
const COMPLETION_TOKENS_PROVIDERS = new Set(["openai", "openai-codex"]);

/** A {@link ChatAdapter} over Chat Completions. */
export class OpenAIChat implements ChatAdapter {
  readonly provider: string;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly stream: boolean;
  private readonly answerLimit: { max_completion_tokens: number } | { max_tokens: number };

  constructor(options: OpenAIChatOptions) {
    this.provider = options.provider;
    this.model = options.model;
    this.stream = options.stream ?? true;
    const maxTokens = options.maxTokens ?? 8192;
    this.answerLimit = COMPLETION_TOKENS_PROVIDERS.has(options.provider) ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens };
    // The engine retries (one policy, which respects the task's signal), so the package must not.
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs });
  }

  async complete(request: ChatRequest): Promise<ChatReply> {
    const params: ChatCompletionCreateParamsBase = {
      model: this.model,
      messages: [{ role: "system", content: request.system }, ...request.messages.map(toOpenAI)],
      ...(request.tools.length > 0 ? { tools: request.tools.map(toTool) } : {}),
      ...this.answerLimit,
    };
    return this.stream ? this.streamed(params, request.signal) : this.whole(params, request.signal);
  }

  private async whole(params: ChatCompletionCreateParamsBase, signal: AbortSignal): Promise<ChatReply> {
    const res = await this.client.chat.completions.create({ ...params, stream: false }, { signal });
    const message = res.choices[0]?.message;
    const toolCalls: ToolCall[] = [];
    for (const c of message?.tool_calls ?? []) {
      if (c.type === "function") toolCalls.push({ id: c.id, name: c.function.name, arguments: c.function.arguments });
    }
    return {
      text: message?.content ?? "",
      toolCalls,
      usage: { inputTokens: res.usage?.prompt_tokens ?? 0, outputTokens: res.usage?.completion_tokens ?? 0 },
    };
  }

  private async streamed(params: ChatCompletionCreateParamsBase, signal: AbortSignal): Promise<ChatReply> {
    const stream = await this.client.chat.completions.create(
      { ...params, stream: true, stream_options: { include_usage: true } },
      { signal },
    );
    let text = "";
    // A tool call arrives in pieces keyed by index: the id and name first, then the arguments in fragments.
    const calls = new Map<number, ToolCall>();
    const usage = { inputTokens: 0, outputTokens: 0 };
    for await (const chunk of stream) {
      if (chunk.usage) usage.inputTokens = chunk.usage.prompt_tokens;
      if (chunk.usage) usage.outputTokens = chunk.usage.completion_tokens;
      const delta = chunk.choices[0]?.delta;
      if (!delta) continue;
      if (delta.content) text += delta.content;
      for (const piece of delta.tool_calls ?? []) {
        const call = calls.get(piece.index) ?? { id: "", name: "", arguments: "" };
        if (piece.id) call.id = piece.id;
        if (piece.function?.name) call.name += piece.function.name;
        if (piece.function?.arguments) call.arguments += piece.function.arguments;
        calls.set(piece.index, call);
      }
    }
    // Some compatible servers stream no id; results must still name their call.
    const toolCalls = [...calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => ({ ...c, id: c.id || `call_${index}_${randomBytes(6).toString("hex")}` }));
    return { text, toolCalls, usage };
  }
}

function toTool(tool: ToolSchema): ChatCompletionTool {
  return { type: "function", function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

function toOpenAI(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case "user":
      return { role: "user", content: message.text };
    case "tool":
      return { role: "tool", tool_call_id: message.callId, content: message.content };
    case "assistant":
      return {
        role: "assistant",
        content: message.text || null,
        ...(message.toolCalls.length > 0
          ? {
              tool_calls: message.toolCalls.map((c) => ({
                id: c.id,
                type: "function" as const,
                function: { name: c.name, arguments: c.arguments },
              })),
            }
          : {}),
      };
  }
}
