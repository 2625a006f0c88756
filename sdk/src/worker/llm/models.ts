/**
 * Which model answers for an agent: its tier (the proto's model_tier) mapped to a model id of
 * the provider's family, unless MI_LLM_MODEL names one model explicitly.
 */

/** The model families the engine talks to; each provider integration belongs to one. */
export type ModelFamily = "anthropic" | "openai" | "gemini" | "venice";

/** The tiers an agent may be hired with (agent.proto model_tier); empty means the office default. */
export const MODEL_TIERS = ["haiku", "sonnet", "opus", "gpt-5.5", "gemini-2.5-flash"] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

/** The default tier, as the server's (sonnet unless the office changed it). */
export const DEFAULT_TIER: ModelTier = "sonnet";

// haiku = small and fast, sonnet = the workhorse, opus = the strongest; named models map to themselves in their
// family, or to the family's model of that class. Ids age: MI_LLM_MODEL overrides without a release.
const MODELS: Record<ModelFamily, Record<ModelTier, string>> = {
  anthropic: {
    haiku: "claude-haiku-4-5",
    sonnet: "claude-sonnet-4-6",
    opus: "claude-opus-4-7",
    "gpt-5.5": "claude-opus-4-7",
    "gemini-2.5-flash": "claude-haiku-4-5",
  },
  openai: { haiku: "gpt-5.4-mini", sonnet: "gpt-5.4", opus: "gpt-5.5", "gpt-5.5": "gpt-5.5", "gemini-2.5-flash": "gpt-5.4-mini" },
  gemini: {
    haiku: "gemini-2.5-flash-lite",
    sonnet: "gemini-2.5-flash",
    opus: "gemini-2.5-pro",
    "gpt-5.5": "gemini-2.5-pro",
    "gemini-2.5-flash": "gemini-2.5-flash",
  },
  venice: {
    haiku: "llama-3.2-3b",
    sonnet: "llama-3.3-70b",
    opus: "qwen3-235b",
    "gpt-5.5": "qwen3-235b",
    "gemini-2.5-flash": "llama-3.3-70b",
  },
};

/**
 * The model id for `tier` in `family`; `override` (MI_LLM_MODEL) wins when set. An unknown
 * tier is an error rather than a silent default: the server validates tiers, so it means a bug.
 */
export function modelFor(family: ModelFamily, tier: string | undefined, override?: string): string {
  if (override?.trim()) return override.trim();
  const t = tier?.trim() || DEFAULT_TIER;
  if (!(MODEL_TIERS as readonly string[]).includes(t)) {
    throw new Error(`unknown model tier ${JSON.stringify(t)}: expected one of ${MODEL_TIERS.join(", ")} (or set MI_LLM_MODEL)`);
  }
  return MODELS[family][t as ModelTier];
}
