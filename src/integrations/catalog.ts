/**
 * The integration catalog: every third-party service the server can connect to an office (the SDK
 * guide's "Available integrations"), as static data. Ids are the docs' where they show one
 * (`--provider openai-codex`, provider "anthropic" for Claude); the others follow the same
 * lowercase-dash form.
 */

/** Catalog groups, as the API says them; held to the proto enum by a unit test. */
export const INTEGRATION_CATEGORIES = [
  "source_control",
  "productivity",
  "messaging",
  "coding_agent",
  "llm",
  "voice",
  "networking",
  "browser",
  "web_data",
  "project_management",
  "infrastructure",
] as const;
export type IntegrationCategoryName = (typeof INTEGRATION_CATEGORIES)[number];

/** One credential an integration takes; its key is also the environment variable enabled agents get. */
export interface SecretField {
  key: string;
  description: string;
  required: boolean;
  /** Whether the value is a secret (masked, never shown again); base URLs are not. */
  secret: boolean;
}

/** How the proxy authenticates a call with the office's credentials. */
export interface ProxyAuth {
  /** Header the credential goes in. */
  header: string;
  /** Written before the credential, e.g. "Bearer " ("" for a bare key). */
  prefix: string;
  /** The secret field whose value is sent. */
  field: string;
}

/** One catalog entry. */
export interface CatalogEntry {
  id: string;
  name: string;
  description: string;
  category: IntegrationCategoryName;
  capabilities: readonly string[];
  /** Whether agents can be promoted to it as their LLM provider. */
  llmProvider: boolean;
  secretFields: readonly SecretField[];
  /** The service's API, which the proxy calls (https only). */
  baseUrl: string;
  /** How the proxy authenticates; absent when the service has no HTTP API to proxy (Chromium). */
  proxyAuth?: ProxyAuth;
  /** For OpenAI-compatible LLM providers: the path under baseUrl that lists their models (`{ data: [{ id }] }`). */
  modelsPath?: string;
}

const token = (key: string, description: string): SecretField => ({ key, description, required: true, secret: true });
const optional = (key: string, description: string): SecretField => ({ key, description, required: false, secret: false });
const bearer = (field: string): ProxyAuth => ({ header: "Authorization", prefix: "Bearer ", field });

/**
 * LLM providers take an optional base URL, so an OpenAI-compatible server (a local model, a
 * gateway) can stand in for the provider's own API; agents get it as an environment variable.
 */
const baseUrlField = (key: string, provider: string) =>
  optional(key, `Base URL of an API compatible with ${provider}'s, to use instead of ${provider}'s own`);

export const CATALOG: readonly CatalogEntry[] = [
  {
    id: "github",
    name: "GitHub",
    description: "Source control: issues, pull requests, repositories and Actions",
    category: "source_control",
    capabilities: ["Issues", "PRs", "Repositories", "Actions"],
    llmProvider: false,
    secretFields: [token("GITHUB_TOKEN", "A fine-grained personal access token or a GitHub App installation token")],
    baseUrl: "https://api.github.com",
    proxyAuth: bearer("GITHUB_TOKEN"),
  },
  {
    id: "google-workspace",
    name: "Google Workspace",
    description: "Gmail, Calendar, Drive, Docs and Sheets",
    category: "productivity",
    capabilities: ["Gmail", "Calendar", "Drive", "Docs", "Sheets"],
    llmProvider: false,
    secretFields: [
      token("GOOGLE_WORKSPACE_CLIENT_ID", "OAuth client id"),
      token("GOOGLE_WORKSPACE_CLIENT_SECRET", "OAuth client secret"),
      token("GOOGLE_WORKSPACE_REFRESH_TOKEN", "OAuth refresh token of the account agents act as"),
    ],
    baseUrl: "https://www.googleapis.com",
  },
  {
    id: "slack",
    name: "Slack",
    description: "Channel messaging",
    category: "messaging",
    capabilities: ["Channel messaging"],
    llmProvider: false,
    secretFields: [token("SLACK_BOT_TOKEN", "Bot user OAuth token (xoxb-...)")],
    baseUrl: "https://slack.com/api",
    proxyAuth: bearer("SLACK_BOT_TOKEN"),
  },
  {
    id: "whatsapp",
    name: "WhatsApp",
    description: "Direct and group messaging",
    category: "messaging",
    capabilities: ["Direct messaging", "Group messaging"],
    llmProvider: false,
    secretFields: [
      token("WHATSAPP_ACCESS_TOKEN", "WhatsApp Cloud API access token"),
      { ...token("WHATSAPP_PHONE_NUMBER_ID", "Id of the sending phone number"), secret: false },
    ],
    baseUrl: "https://graph.facebook.com",
    proxyAuth: bearer("WHATSAPP_ACCESS_TOKEN"),
  },
  {
    id: "telegram",
    name: "Telegram",
    description: "Bot messaging",
    category: "messaging",
    capabilities: ["Bot messaging"],
    llmProvider: false,
    // The Bot API takes its token in the path (/bot<token>/...), so it is not proxied.
    secretFields: [token("TELEGRAM_BOT_TOKEN", "Bot token from @BotFather")],
    baseUrl: "https://api.telegram.org",
  },
  {
    id: "discord",
    name: "Discord",
    description: "Channel messaging",
    category: "messaging",
    capabilities: ["Channel messaging"],
    llmProvider: false,
    secretFields: [token("DISCORD_BOT_TOKEN", "Bot token from the Discord developer portal")],
    baseUrl: "https://discord.com/api",
    proxyAuth: { header: "Authorization", prefix: "Bot ", field: "DISCORD_BOT_TOKEN" },
  },
  {
    id: "anthropic",
    name: "Claude Code",
    description: "Code execution via Claude (Anthropic)",
    category: "coding_agent",
    capabilities: ["Code execution", "Claude models"],
    llmProvider: true,
    secretFields: [token("ANTHROPIC_API_KEY", "Anthropic API key"), baseUrlField("ANTHROPIC_BASE_URL", "Anthropic")],
    baseUrl: "https://api.anthropic.com",
    proxyAuth: { header: "x-api-key", prefix: "", field: "ANTHROPIC_API_KEY" },
  },
  {
    id: "openai-codex",
    name: "OpenAI Codex",
    description: "Code execution via Codex",
    category: "coding_agent",
    capabilities: ["Code execution", "OpenAI models"],
    llmProvider: true,
    secretFields: [token("OPENAI_API_KEY", "OpenAI API key"), baseUrlField("OPENAI_BASE_URL", "OpenAI")],
    baseUrl: "https://api.openai.com/v1",
    proxyAuth: bearer("OPENAI_API_KEY"),
    modelsPath: "/models",
  },
  {
    id: "google-gemini",
    name: "Google Gemini",
    description: "LLM provider",
    category: "llm",
    capabilities: ["LLM provider"],
    llmProvider: true,
    secretFields: [token("GEMINI_API_KEY", "Gemini API key from Google AI Studio"), baseUrlField("GEMINI_BASE_URL", "Gemini")],
    baseUrl: "https://generativelanguage.googleapis.com",
    proxyAuth: { header: "x-goog-api-key", prefix: "", field: "GEMINI_API_KEY" },
  },
  {
    id: "openai",
    name: "OpenAI",
    description: "LLM provider",
    category: "llm",
    capabilities: ["LLM provider"],
    llmProvider: true,
    secretFields: [token("OPENAI_API_KEY", "OpenAI API key"), baseUrlField("OPENAI_BASE_URL", "OpenAI")],
    baseUrl: "https://api.openai.com/v1",
    proxyAuth: bearer("OPENAI_API_KEY"),
    modelsPath: "/models",
  },
  {
    id: "venice",
    name: "Venice AI",
    description: "LLM provider",
    category: "llm",
    capabilities: ["LLM provider"],
    llmProvider: true,
    secretFields: [token("VENICE_API_KEY", "Venice AI API key"), baseUrlField("VENICE_BASE_URL", "Venice AI")],
    baseUrl: "https://api.venice.ai/api/v1",
    proxyAuth: bearer("VENICE_API_KEY"),
    modelsPath: "/models",
  },
  {
    id: "elevenlabs",
    name: "ElevenLabs",
    description: "Text to speech, speech to text and voice calls",
    category: "voice",
    capabilities: ["TTS", "STT", "Voice calls"],
    llmProvider: false,
    secretFields: [token("ELEVENLABS_API_KEY", "ElevenLabs API key")],
    baseUrl: "https://api.elevenlabs.io",
    proxyAuth: { header: "xi-api-key", prefix: "", field: "ELEVENLABS_API_KEY" },
  },
  {
    id: "tailscale",
    name: "Tailscale",
    description: "Private networking",
    category: "networking",
    capabilities: ["Private networking"],
    llmProvider: false,
    secretFields: [token("TS_AUTHKEY", "Tailscale auth key agents join the tailnet with")],
    baseUrl: "https://api.tailscale.com",
  },
  {
    id: "chromium",
    name: "Chromium",
    description: "Web browsing and automation in the agent's own headless browser",
    category: "browser",
    capabilities: ["Web browsing", "Automation"],
    llmProvider: false,
    // Nothing to configure but an optional proxy for the browser's traffic.
    secretFields: [{ ...optional("CHROMIUM_PROXY_SERVER", "Proxy server the browser sends its traffic through"), secret: true }],
    baseUrl: "https://www.chromium.org",
  },
  {
    id: "browserbase",
    name: "Browserbase",
    description: "Cloud browser",
    category: "browser",
    capabilities: ["Cloud browser"],
    llmProvider: false,
    secretFields: [
      token("BROWSERBASE_API_KEY", "Browserbase API key"),
      { ...token("BROWSERBASE_PROJECT_ID", "Browserbase project id"), secret: false },
    ],
    baseUrl: "https://api.browserbase.com",
    proxyAuth: { header: "X-BB-API-Key", prefix: "", field: "BROWSERBASE_API_KEY" },
  },
  {
    id: "firecrawl",
    name: "Firecrawl",
    description: "Web scraping",
    category: "web_data",
    capabilities: ["Web scraping"],
    llmProvider: false,
    secretFields: [token("FIRECRAWL_API_KEY", "Firecrawl API key")],
    baseUrl: "https://api.firecrawl.dev",
    proxyAuth: bearer("FIRECRAWL_API_KEY"),
  },
  {
    id: "linear",
    name: "Linear",
    description: "Issue tracking",
    category: "project_management",
    capabilities: ["Issue tracking"],
    llmProvider: false,
    secretFields: [token("LINEAR_API_KEY", "Linear personal API key")],
    baseUrl: "https://api.linear.app",
    proxyAuth: { header: "Authorization", prefix: "", field: "LINEAR_API_KEY" },
  },
  {
    id: "cloudflare",
    name: "Cloudflare",
    description: "DNS management",
    category: "infrastructure",
    capabilities: ["DNS management"],
    llmProvider: false,
    secretFields: [token("CLOUDFLARE_API_TOKEN", "Cloudflare API token scoped to the zones agents may change")],
    baseUrl: "https://api.cloudflare.com/client/v4",
    proxyAuth: bearer("CLOUDFLARE_API_TOKEN"),
  },
];

const byId = new Map(CATALOG.map((e) => [e.id, e]));

/** The catalog entry of `id`, or undefined. */
export function catalogEntry(id: string): CatalogEntry | undefined {
  return byId.get(id);
}

/** The environment variables enabled agents receive: one per credential, named by its key. */
export function envVarsOf(entry: CatalogEntry): string[] {
  return entry.secretFields.map((f) => f.key);
}
