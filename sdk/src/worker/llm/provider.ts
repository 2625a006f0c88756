/**
 * The LLM provider an agent uses (MI_PROVIDER, an integration id) and its credentials, from the
 * environment the integration injects into the agent.
 */
import type { ModelFamily } from "./models.js";

/** Which wire protocol a provider speaks. */
export type ChatApi = "openai-chat" | "anthropic-messages";

/** A provider resolved to what a chat adapter needs. */
export interface LlmProvider {
  /** The integration id, e.g. `openai-codex`. */
  integration: string;
  api: ChatApi;
  family: ModelFamily;
  apiKey: string;
  /** Base URL of the API; undefined for the SDK package's default. */
  baseURL?: string;
}

interface ProviderSpec {
  api: ChatApi;
  family: ModelFamily;
  keyVar: string;
  baseVar: string;
  defaultBase?: string;
}

const GEMINI_OPENAI_BASE = "https://generativelanguage.googleapis.com/v1beta/openai/";

const PROVIDERS: Record<string, ProviderSpec> = {
  anthropic: { api: "anthropic-messages", family: "anthropic", keyVar: "ANTHROPIC_API_KEY", baseVar: "ANTHROPIC_BASE_URL" },
  openai: { api: "openai-chat", family: "openai", keyVar: "OPENAI_API_KEY", baseVar: "OPENAI_BASE_URL" },
  "openai-codex": { api: "openai-chat", family: "openai", keyVar: "OPENAI_API_KEY", baseVar: "OPENAI_BASE_URL" },
  "google-gemini": {
    api: "openai-chat",
    family: "gemini",
    keyVar: "GEMINI_API_KEY",
    baseVar: "GEMINI_BASE_URL",
    defaultBase: GEMINI_OPENAI_BASE,
  },
  venice: {
    api: "openai-chat",
    family: "venice",
    keyVar: "VENICE_API_KEY",
    baseVar: "VENICE_BASE_URL",
    defaultBase: "https://api.venice.ai/api/v1",
  },
};

/** Integration ids the engine can use as its LLM provider. */
export const LLM_PROVIDERS: readonly string[] = Object.keys(PROVIDERS);

/**
 * The provider for `integration` (empty: the first one whose key is set, Anthropic first).
 * Throws an Error naming the integration to configure when its key is missing.
 */
export function resolveProvider(integration: string | undefined, env: Record<string, string | undefined>): LlmProvider {
  let id = integration?.trim() ?? "";
  if (!id) {
    id = LLM_PROVIDERS.find((p) => env[PROVIDERS[p]!.keyVar]) ?? "";
    if (!id) {
      throw new Error(`no LLM provider configured: enable one of the integrations ${LLM_PROVIDERS.join(", ")} for this agent`);
    }
  }
  const spec = PROVIDERS[id];
  if (!spec) throw new Error(`LLM provider ${JSON.stringify(id)} is not supported: use one of ${LLM_PROVIDERS.join(", ")}`);
  const apiKey = env[spec.keyVar];
  if (!apiKey) throw new Error(`the ${id} integration is not configured for this agent: ${spec.keyVar} is not set`);
  const baseURL = env[spec.baseVar]?.trim() || spec.defaultBase;
  return { integration: id, api: spec.api, family: spec.family, apiKey, baseURL };
}
