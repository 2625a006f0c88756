import { describe, expect, it } from "vitest";
import { CATALOG, catalogEntry, envVarsOf } from "./catalog.js";

describe("integration catalog", () => {
  it("has the docs' integrations under unique lowercase-dash ids", () => {
    const ids = CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
    expect(CATALOG.map((e) => e.name)).toEqual([
      "GitHub",
      "Google Workspace",
      "Slack",
      "WhatsApp",
      "Telegram",
      "Discord",
      "Claude Code",
      "OpenAI Codex",
      "Google Gemini",
      "OpenAI",
      "Venice AI",
      "ElevenLabs",
      "Tailscale",
      "Chromium",
      "Browserbase",
      "Firecrawl",
      "Linear",
      "Cloudflare",
    ]);
    expect(catalogEntry("openai-codex")?.name).toBe("OpenAI Codex");
    expect(catalogEntry("anthropic")?.llmProvider).toBe(true);
    expect(catalogEntry("nope")).toBeUndefined();
  });

  it("names every credential and injected variable as a POSIX environment variable, none reserved", () => {
    for (const e of CATALOG) {
      expect(e.secretFields.length, e.id).toBeGreaterThan(0);
      const keys = e.secretFields.map((f) => f.key);
      expect(new Set(keys).size, e.id).toBe(keys.length);
      for (const v of envVarsOf(e)) {
        expect(v).toMatch(/^[A-Z_][A-Z0-9_]*$/);
        expect(v.startsWith("MI_")).toBe(false);
      }
      if (e.proxyAuth) expect(keys, e.id).toContain(e.proxyAuth.field);
    }
  });

  it("calls every API over https, and lets every LLM provider take an optional base URL", () => {
    for (const e of CATALOG) {
      const url = new URL(e.baseUrl);
      expect(url.protocol, e.id).toBe("https:");
      expect(url.search + url.hash, e.id).toBe("");
      expect(e.baseUrl.endsWith("/"), e.id).toBe(false);
      if (e.llmProvider) {
        const base = e.secretFields.find((f) => f.key.endsWith("_BASE_URL"));
        expect(base, e.id).toMatchObject({ required: false, secret: false });
      }
    }
  });
});
