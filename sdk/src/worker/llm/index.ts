/** The `llm` engine of the agent worker: build it with {@link llmEngineFromEnv}. */
export type { ChatAdapter, ChatMessage, ChatReply, ChatRequest, TokenUsage, ToolCall, ToolSchema } from "./chat.js";
export { LlmEngine, type LlmEngineOptions, type LlmUsage } from "./engine.js";
export { chatFor, llmEngineFromEnv, type LlmEngineConfig } from "./factory.js";
export { MODEL_TIERS, modelFor, type ModelFamily } from "./models.js";
export { LLM_PROVIDERS, resolveProvider, type LlmProvider } from "./provider.js";
export type { RetryPolicy } from "./retry.js";
export type { ToolLimits } from "./tools.js";
