/** Anthropic Messages through the official package. */
import Anthropic from "@anthropic-ai/sdk";
import type { ContentBlockParam, MessageParam, Tool, ToolResultBlockParam } from "@anthropic-ai/sdk/resources/messages";
import type { ChatAdapter, ChatMessage, ChatReply, ChatRequest, ToolCall } from "./chat.js";

/** Options of {@link AnthropicChat}. */
export interface AnthropicChatOptions {
  /** The provider's integration id, for usage reports. */
  provider: string;
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Deadline of one call, in milliseconds. */
  timeoutMs: number;
  /** The answer's token limit (Messages requires one); default 8192. */
  maxTokens?: number;
  /** Stream the answer (SSE), assembled by the package; default true. */
  stream?: boolean;
}

/** A {@link ChatAdapter} over Anthropic Messages. */
export class AnthropicChat implements ChatAdapter {
  readonly provider: string;
  readonly model: string;
  private readonly client: Anthropic;
  private readonly maxTokens: number;
  private readonly stream: boolean;

  constructor(options: AnthropicChatOptions) {
    this.provider = options.provider;
    this.model = options.model;
    this.maxTokens = options.maxTokens ?? 8192;
    this.stream = options.stream ?? true;
    // The engine retries (one policy, which respects the task's signal), so the package must not.
    this.client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs });
  }

  async complete(request: ChatRequest): Promise<ChatReply> {
    const tools: Tool[] = request.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: t.parameters as Tool["input_schema"],
    }));
    const params = {
      model: this.model,
      max_tokens: this.maxTokens,
      system: request.system,
      messages: toAnthropic(request.messages),
      tools,
    };
    const options = { signal: request.signal };
    // Streaming keeps a long answer's connection busy, so proxies do not cut it as idle.
    const res = this.stream
      ? await this.client.messages.stream(params, options).finalMessage()
      : await this.client.messages.create(params, options);
    let text = "";
    const toolCalls: ToolCall[] = [];
    for (const block of res.content) {
      if (block.type === "text") text += block.text;
      if (block.type === "tool_use") toolCalls.push({ id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) });
    }
    return { text, toolCalls, usage: { inputTokens: res.usage.input_tokens, outputTokens: res.usage.output_tokens } };
  }
}

/** Messages wants tool results as blocks of one user message, after the assistant's tool_use blocks. */
function toAnthropic(messages: readonly ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = [];
  let results: ToolResultBlockParam[] | undefined;
  for (const m of messages) {
    if (m.role === "tool") {
      if (!results) {
        results = [];
        out.push({ role: "user", content: results });
      }
      results.push({ type: "tool_result", tool_use_id: m.callId, content: m.content });
      continue;
    }
    results = undefined;
    if (m.role === "user") out.push({ role: "user", content: m.text });
    else {
      const content: ContentBlockParam[] = [];
      if (m.text) content.push({ type: "text", text: m.text });
      for (const c of m.toolCalls) content.push({ type: "tool_use", id: c.id, name: c.name, input: parseInput(c.arguments) });
      out.push({ role: "assistant", content });
    }
  }
  return out;
}

function parseInput(args: string): unknown {
  try {
    return JSON.parse(args || "{}");
  } catch {
    return {};
  }
}
