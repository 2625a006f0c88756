import { describe, expect, it } from "vitest";
import { UsageError } from "../exit.js";
import type { Integration } from "../sdk.js";
import { baseUrlField, missingFields, parseSecretInput, providerId } from "./integration-input.js";

const entry = (id: string, fields: [key: string, required: boolean][], llmProvider = false, name = id): Integration => ({
  id,
  name,
  description: "",
  category: llmProvider ? "llm" : "source_control",
  capabilities: [],
  llmProvider,
  secretFields: fields.map(([key, required]) => ({ key, description: "", required })),
  envVars: fields.map(([key]) => key),
});
const github = entry("github", [["GITHUB_TOKEN", true]]);
const openai = entry(
  "openai",
  [
    ["OPENAI_API_KEY", true],
    ["OPENAI_BASE_URL", false],
  ],
  true,
  "OpenAI",
);
const browserbase = entry("browserbase", [
  ["BROWSERBASE_API_KEY", true],
  ["BROWSERBASE_PROJECT_ID", true],
]);

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error("expected a UsageError");
}

describe("parseSecretInput", () => {
  it("takes the whole text as the one required credential, surrounding whitespace dropped", () => {
    expect(parseSecretInput("ghp_abc=def\n", github, ["GITHUB_TOKEN"])).toEqual({ GITHUB_TOKEN: "ghp_abc=def" });
    expect(parseSecretInput('  {\n  "json": 1\n}\r\n', github, ["GITHUB_TOKEN"])).toEqual({ GITHUB_TOKEN: '{\n  "json": 1\n}' });
  });

  it("takes KEY=value lines, values kept whole after the first '=', blank lines and empty values skipped", () => {
    expect(parseSecretInput("OPENAI_API_KEY=sk-a=b\r\n\nOPENAI_BASE_URL=\n", openai, ["OPENAI_API_KEY", "OPENAI_BASE_URL"])).toEqual({
      OPENAI_API_KEY: "sk-a=b",
    });
    expect(parseSecretInput("BROWSERBASE_API_KEY=k\nBROWSERBASE_PROJECT_ID=p", browserbase, ["BROWSERBASE_API_KEY"])).toEqual({
      BROWSERBASE_API_KEY: "k",
      BROWSERBASE_PROJECT_ID: "p",
    });
  });

  it("refuses empty input, unknown or repeated keys, and a bare value when several are needed, never echoing a value", () => {
    expect(usageError(() => parseSecretInput(" \n", github, ["GITHUB_TOKEN"])).message).toMatch(/^No credentials were read from stdin/);
    const unknown = usageError(() => parseSecretInput("GITHUB_TOKN=ghp_secret", github, ["GITHUB_TOKEN"]));
    expect(unknown.message).toMatch(/^GITHUB_TOKN is not a credential of github/);
    expect(unknown.message).not.toContain("ghp_secret");
    const twice = usageError(() => parseSecretInput("GITHUB_TOKEN=a_secret\nGITHUB_TOKEN=b_secret", github, ["GITHUB_TOKEN"]));
    expect(twice.message).not.toMatch(/_secret/);
    const bare = usageError(() => parseSecretInput("bb_secret", browserbase, ["BROWSERBASE_API_KEY", "BROWSERBASE_PROJECT_ID"]));
    expect(bare.message).toMatch(/several credentials: pipe them as KEY=value lines/);
    expect(bare.message).not.toContain("bb_secret");
  });
});

describe("baseUrlField and missingFields", () => {
  it("find the *_BASE_URL field, and the required fields left empty", () => {
    expect(baseUrlField(openai)).toBe("OPENAI_BASE_URL");
    expect(usageError(() => baseUrlField(github)).message).toMatch(/github takes no base URL/);
    expect(missingFields(openai, { OPENAI_BASE_URL: "http://x" })).toEqual(["OPENAI_API_KEY"]);
    expect(missingFields(openai, { OPENAI_API_KEY: "k" })).toEqual([]);
  });
});

describe("providerId", () => {
  const catalog = [
    github,
    openai,
    entry("openai-codex", [], true, "OpenAI Codex"),
    entry("google-gemini", [], true, "Google Gemini"),
    entry("google-workspace", []),
    entry("venice", [], true, "Venice AI"),
  ];
  it("maps the docs' short words to the one provider they name; ids, unknown and ambiguous words pass through", () => {
    expect(providerId("google", catalog)).toBe("google-gemini");
    expect(providerId("Google-Gemini", catalog)).toBe("google-gemini");
    expect(providerId("openai", catalog)).toBe("openai");
    expect(providerId("venice", catalog)).toBe("venice");
    expect(providerId("github", catalog)).toBe("github");
    expect(providerId("nope", catalog)).toBe("nope");
  });
});
