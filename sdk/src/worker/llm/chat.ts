/**
 * The engine's one view of a chat model, whatever the provider: a neutral transcript in, the
 * assistant's text, tool calls and token usage out. Adapters translate to each wire protocol.
 */

/** A function tool the model may call: JSON-schema parameters. */
export interface ToolSchema {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** One tool call the model made; `arguments` is the raw JSON text it sent. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A message of the transcript. */
export type ChatMessage =
  | { role: "user"; text: string }
  | { role: "assistant"; text: string; toolCalls: ToolCall[] }
  | { role: "tool"; callId: string; name: string; content: string };

/** Tokens one call consumed. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** The model's answer to one call. */
export interface ChatReply {
  text: string;
  toolCalls: ToolCall[];
  usage: TokenUsage;
}

/** One call's input. */
export interface ChatRequest {
  system: string;
  messages: readonly ChatMessage[];
  tools: readonly ToolSchema[];
  signal: AbortSignal;
}

/** A provider's chat API. Errors are the SDK package's own (see retry.ts for which are transient). */
export interface ChatAdapter {
  /** The provider's integration id, e.g. `openai-codex`. */
  readonly provider: string;
  readonly model: string;
  complete(request: ChatRequest): Promise<ChatReply>;
}
