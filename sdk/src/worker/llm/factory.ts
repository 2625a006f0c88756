/**
 * Builds the `llm` engine from the agent's environment: MI_PROVIDER (integration id),
 * MI_MODEL_TIER, MI_LLM_MODEL (an explicit model id), MI_AGENT_ROLE, MI_SYSTEM_PROMPT, and the
 * provider's key and base URL as its integration injects them.
 */
import { AnthropicChat } from "./anthropic-chat.js";
import type { ChatAdapter } from "./chat.js";
import { ANSWER_TOKENS, LlmEngine, type LlmEngineOptions } from "./engine.js";
import { modelFor } from "./models.js";
import { OpenAIChat } from "./openai-chat.js";
import { resolveProvider, type LlmProvider } from "./provider.js";

/** Options of {@link llmEngineFromEnv} besides the environment. */
export interface LlmEngineConfig extends Partial<Omit<LlmEngineOptions, "chat" | "role" | "systemPrompt">> {
  /** Stream answers (default true); false asks for whole answers. */
  stream?: boolean;
  /** Deadline of one LLM call, in milliseconds; default 300 000. */
  callTimeoutMs?: number;
}

/** The chat adapter for `provider` and `model`. */
export function chatFor(provider: LlmProvider, model: string, config: LlmEngineConfig = {}): ChatAdapter {
  const timeoutMs = config.callTimeoutMs ?? 300_000;
  const { apiKey, baseURL, integration } = provider;
  // The answer's limit is what each call's credit reservation counts on.
  const options = { provider: integration, apiKey, baseURL, model, timeoutMs, maxTokens: ANSWER_TOKENS };
  if (provider.api === "anthropic-messages") return new AnthropicChat({ ...options, stream: config.stream });
  return new OpenAIChat({ ...options, stream: config.stream });
}

/**
 * The engine for this agent. The provider is resolved at each run's start, so a missing key
 * makes `run` throw an Error naming the integration to configure (the worker: incomplete).
 */
export function llmEngineFromEnv(env: Record<string, string | undefined>, config: LlmEngineConfig = {}): LlmEngine {
  const { stream: _stream, callTimeoutMs: _timeout, ...options } = config;
  return new LlmEngine({
    ...options,
    chat: () => {
      const provider = resolveProvider(env.MI_PROVIDER, env);
      return chatFor(provider, modelFor(provider.family, env.MI_MODEL_TIER, env.MI_LLM_MODEL), config);
    },
    role: env.MI_AGENT_ROLE,
    systemPrompt: env.MI_SYSTEM_PROMPT,
  });
}
