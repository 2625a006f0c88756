/**
 * The LLM models each provider integration offers, built in (not read from the providers' APIs):
 * enough for ListModels to tell agents what they can be promoted to. `modelTier` is the tier
 * HireAgent and PromoteAgent take for it (src/agents/model.ts MODEL_TIERS), "" when it has none.
 */
export interface ModelEntry {
  id: string;
  provider: string;
  displayName: string;
  modelTier: string;
  contextWindowTokens: number;
}

export const MODELS: readonly ModelEntry[] = [
  { id: "claude-haiku-4-5", provider: "anthropic", displayName: "Claude Haiku 4.5", modelTier: "haiku", contextWindowTokens: 200_000 },
  { id: "claude-opus-4-1", provider: "anthropic", displayName: "Claude Opus 4.1", modelTier: "opus", contextWindowTokens: 200_000 },
  { id: "claude-sonnet-4-5", provider: "anthropic", displayName: "Claude Sonnet 4.5", modelTier: "sonnet", contextWindowTokens: 200_000 },
  {
    id: "gemini-2.5-flash",
    provider: "google-gemini",
    displayName: "Gemini 2.5 Flash",
    modelTier: "gemini-2.5-flash",
    contextWindowTokens: 1_048_576,
  },
  { id: "gemini-2.5-pro", provider: "google-gemini", displayName: "Gemini 2.5 Pro", modelTier: "", contextWindowTokens: 1_048_576 },
  { id: "gpt-4.1", provider: "openai", displayName: "GPT-4.1", modelTier: "", contextWindowTokens: 1_047_576 },
  { id: "gpt-5-mini", provider: "openai", displayName: "GPT-5 mini", modelTier: "", contextWindowTokens: 400_000 },
  { id: "gpt-5.5", provider: "openai", displayName: "GPT-5.5", modelTier: "gpt-5.5", contextWindowTokens: 400_000 },
  { id: "gpt-5-codex", provider: "openai-codex", displayName: "GPT-5 Codex", modelTier: "", contextWindowTokens: 400_000 },
  { id: "gpt-5.5", provider: "openai-codex", displayName: "GPT-5.5 (Codex)", modelTier: "gpt-5.5", contextWindowTokens: 400_000 },
  { id: "llama-3.3-70b", provider: "venice", displayName: "Llama 3.3 70B", modelTier: "", contextWindowTokens: 65_536 },
  { id: "venice-uncensored", provider: "venice", displayName: "Venice Uncensored", modelTier: "", contextWindowTokens: 32_768 },
];
