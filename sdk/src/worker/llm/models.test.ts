import { describe, expect, it } from "vitest";
import { MODEL_TIERS, modelFor } from "./models.js";
import { resolveProvider } from "./provider.js";

describe("modelFor", () => {
  it("maps each tier to a model of the family, sonnet by default", () => {
    expect(modelFor("anthropic", "haiku")).toBe("claude-haiku-4-5");
    expect(modelFor("anthropic", "opus")).toBe("claude-opus-4-7");
    expect(modelFor("anthropic", "")).toBe(modelFor("anthropic", "sonnet"));
    expect(modelFor("openai", undefined)).toBe("gpt-5.4");
    expect(modelFor("openai", "gpt-5.5")).toBe("gpt-5.5");
    expect(modelFor("gemini", "gemini-2.5-flash")).toBe("gemini-2.5-flash");
    for (const family of ["anthropic", "openai", "gemini", "venice"] as const) {
      for (const tier of MODEL_TIERS) expect(modelFor(family, tier)).toMatch(/^[a-z0-9.-]+$/);
    }
  });

  it("lets MI_LLM_MODEL name the model, and refuses an unknown tier", () => {
    expect(modelFor("openai", "haiku", " my-local-model ")).toBe("my-local-model");
    expect(() => modelFor("openai", "gpt-3")).toThrow(/unknown model tier "gpt-3"/);
  });
});

describe("resolveProvider", () => {
  it("reads the integration's key and base URL", () => {
    expect(resolveProvider("openai-codex", { OPENAI_API_KEY: "k", OPENAI_BASE_URL: "http://h/v1" })).toEqual({
      integration: "openai-codex",
      api: "openai-chat",
      family: "openai",
      apiKey: "k",
      baseURL: "http://h/v1",
    });
    expect(resolveProvider("anthropic", { ANTHROPIC_API_KEY: "a" })).toMatchObject({ api: "anthropic-messages", baseURL: undefined });
    expect(resolveProvider("google-gemini", { GEMINI_API_KEY: "g" }).baseURL).toBe(
      "https://generativelanguage.googleapis.com/v1beta/openai/",
    );
    expect(resolveProvider("venice", { VENICE_API_KEY: "v" })).toMatchObject({ family: "venice", baseURL: "https://api.venice.ai/api/v1" });
  });

  it("picks the first configured provider when none is named", () => {
    expect(resolveProvider("", { GEMINI_API_KEY: "g", VENICE_API_KEY: "v" }).integration).toBe("google-gemini");
    expect(() => resolveProvider(undefined, {})).toThrow(/no LLM provider configured: enable one of the integrations anthropic, openai/);
  });

  it("names the integration to configure when its key is missing", () => {
    expect(() => resolveProvider("anthropic", { OPENAI_API_KEY: "k" })).toThrow(
      "the anthropic integration is not configured for this agent: ANTHROPIC_API_KEY is not set",
    );
    expect(() => resolveProvider("github", {})).toThrow(/LLM provider "github" is not supported/);
  });
});
