/**
 * Integrations against a real server: the catalog, credentials sealed at rest and never shown
 * (answers, REST, Postgres, the log), per-agent toggles that need configured credentials and
 * put the credentials in the agent's environment (masked in GetAgentEnv, plain for the worker),
 * credentials handed only to enabled agents (audit-logged), and agents' integration requests
 * from ask to fulfilment or rejection.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentPhase, AgentService } from "../gen/ts/mitosis/v1/agent_pb.js";
import { CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { EnvScope, EnvService } from "../gen/ts/mitosis/v1/env_pb.js";
import { IntegrationCategory, IntegrationRequestStatus, IntegrationService } from "../gen/ts/mitosis/v1/integration_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { OS1Client } from "../sdk/src/client.js";
import { agentSigningKey, until } from "./support/agents.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

const SECRET = "ghp_IntegrationSecretNeverShown_7c1e";
const SLACK_SECRET = "xoxb-SlackSecretNeverShown-93f2";
let server: TestServer;
let key: string;
let logged = "";
let fakeGitHub: Server;
/** What the fake GitHub API saw: method, path and whether the credential was right. */
const seen: { method: string; url: string; authorized: boolean; userAgent: string }[] = [];
/** How often something reached the host a redirect pointed at (never, if redirects are not followed). */
let stolen = 0;
let thief: Server;

/** Listens on 127.0.0.1 and returns the server's base URL. */
async function listen(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  thief = createServer((_req, res) => {
    stolen++;
    res.end("stolen");
  });
  const thiefUrl = await listen(thief);
  // A fake GitHub API (as a GitHub Enterprise Server, under /api/v3) that checks the credential.
  fakeGitHub = createServer((req, res) => {
    // Under /openai/v1, the same server plays an OpenAI-compatible provider listing its models.
    if (req.url?.startsWith("/openai/")) {
      if (req.url !== "/openai/v1/models" || req.headers.authorization !== "Bearer sk-openai-secret") res.writeHead(401).end();
      else
        res.writeHead(200, { "content-type": "application/json" }).end('{"object":"list","data":[{"id":"gpt-5.5"},{"id":"local-llama"}]}');
      return;
    }
    const authorized = req.headers.authorization === `Bearer ${SECRET}`;
    seen.push({ method: req.method!, url: req.url!, authorized, userAgent: String(req.headers["user-agent"]) });
    if (!authorized) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"message":"Bad credentials"}');
    } else if (req.url === "/api/v3/redirect") {
      res.writeHead(302, { location: `${thiefUrl}/steal` }).end();
    } else if (req.url === "/api/v3/big") {
      res.writeHead(200).end(Buffer.alloc(128 * 1024, 1));
    } else if (req.url === "/api/v3/slow") {
      setTimeout(() => res.end("late"), 5000).unref();
    } else {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json", "set-cookie": "s=1" }).end(JSON.stringify({ path: req.url, body }));
      });
    }
  });
  const fakeUrl = await listen(fakeGitHub);
  const destination = new Writable({
    write(chunk, _enc, done) {
      logged += String(chunk);
      done();
    },
  });
  server = await startTestServer(
    {
      MI_AGENT_RECONCILE_MS: "100",
      MI_AGENT_HEARTBEAT_SECONDS: "1",
      MI_AGENT_WARM_POOL: "1",
      MI_INTEGRATION_BASE_URLS: `github=${fakeUrl}/api/v3,openai=${fakeUrl}/openai/v1`,
      MI_INTEGRATION_PROXY_TIMEOUT_MS: "1000",
      MI_INTEGRATION_PROXY_MAX_BYTES: String(64 * 1024),
    },
    { log: { level: "debug", destination } },
  );
  ({ apiKey: key } = await server.newAccount("integrations"));
});
afterAll(async () => {
  await server?.stop();
  fakeGitHub?.closeAllConnections();
  await new Promise((resolve) => fakeGitHub?.close(resolve));
  await new Promise((resolve) => thief?.close(resolve));
});

const integrations = () => clientFor(IntegrationService, server.url, key);
const agents = () => clientFor(AgentService, server.url, key);
const env = () => clientFor(EnvService, server.url, key);

async function newOffice(): Promise<string> {
  const officeId = (await clientFor(OfficeService, server.url, key).createOffice({ name: "integrations" })).office!.id;
  await clientFor(CreditService, server.url, key).addCredits({ officeId, amount: 1000n });
  return officeId;
}

/** Hires an agent, waits until it runs, and returns IntegrationService signed in as that agent. */
async function hireAgent(officeId: string, name: string) {
  const { agent } = await agents().hireAgent({ officeId, name });
  await until(
    `${name} Running`,
    async () => (await agents().getAgent({ officeId, agentName: name })).agent!.status!.phase,
    (p) => p === AgentPhase.RUNNING,
  );
  const signingKey = agentSigningKey(server.dataDir, officeId, agent!.publicKey);
  const client = new OS1Client({ endpoint: server.url, signingKey, agentId: name, officeId, retry: { maxAttempts: 1 } });
  return createClient(IntegrationService, client.transport);
}

async function codeOf(call: Promise<unknown>): Promise<{ code: Code; message: string }> {
  const err = ConnectError.from(await call.then(() => new Error("succeeded")).catch((e) => e));
  return { code: err.code, message: err.rawMessage };
}

describe("integration catalog", () => {
  it("lists the docs' integrations by name, over Connect and REST", async () => {
    const { integrations: all } = await integrations().listIntegrationCatalog({});
    expect(all).toHaveLength(18);
    expect(all.map((i) => i.name)).toContain("Google Workspace");
    expect(all.find((i) => i.id === "github")).toMatchObject({
      name: "GitHub",
      category: IntegrationCategory.SOURCE_CONTROL,
      envVars: ["GITHUB_TOKEN"],
      secretFields: [{ key: "GITHUB_TOKEN", required: true }],
    });
    const rest = await fetch(`${server.url}/api/integrations`, { headers: { authorization: `Bearer ${key}` } });
    const body = (await rest.json()) as { integrations: { id: string; llmProvider?: boolean }[] };
    expect(body.integrations.find((i) => i.id === "openai-codex")?.llmProvider).toBe(true);
  });
});

describe("office integrations", () => {
  it("seals credentials: never in an answer, the REST body, Postgres or the log; bad ids and fields are named", async () => {
    const officeId = await newOffice();
    const set = await integrations().setIntegrationSecret({ officeId, integrationId: "github", data: { GITHUB_TOKEN: SECRET } });
    expect(set.integration).toMatchObject({ configured: true, enabledAgents: [], pendingRequestCount: 0 });
    expect(set.autoEnabledAgents).toEqual([]);
    const listed = await integrations().listOfficeIntegrations({ officeId });
    expect(listed.integrations).toHaveLength(18);
    expect(listed.integrations.filter((i) => i.configured).map((i) => i.integration!.id)).toEqual(["github"]);
    expect(JSON.stringify(listed, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(SECRET);
    const rest = await fetch(`${server.url}/api/offices/${officeId}/integrations`, { headers: { authorization: `Bearer ${key}` } });
    expect(rest.status).toBe(200);
    expect(await rest.text()).not.toContain(SECRET);

    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 1 });
    try {
      const rows = (await pool.query("select * from integration_secret where office_id = $1", [officeId])).rows;
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(SECRET);
      expect(rows[0].sealed_fields.GITHUB_TOKEN).toMatch(/^v1:[0-9a-f]{16}:/);
    } finally {
      await pool.end();
    }

    const unknown = await codeOf(integrations().setIntegrationSecret({ officeId, integrationId: "gitlab", data: { TOKEN: "x" } }));
    expect(unknown).toMatchObject({ code: Code.InvalidArgument, message: expect.stringContaining("gitlab") });
    const field = await codeOf(integrations().setIntegrationSecret({ officeId, integrationId: "github", data: { GITHUB_TOKN: "x" } }));
    expect(field).toMatchObject({ code: Code.InvalidArgument, message: expect.stringContaining("GITHUB_TOKN") });
    const missing = await codeOf(
      integrations().setIntegrationSecret({ officeId, integrationId: "openai", data: { OPENAI_BASE_URL: "https://x" } }),
    );
    expect(missing).toMatchObject({ code: Code.InvalidArgument, message: expect.stringContaining("OPENAI_API_KEY") });

    const deleted = await integrations().deleteIntegrationSecret({ officeId, integrationId: "github" });
    expect(deleted.integration).toMatchObject({ configured: false });
    expect((await codeOf(integrations().deleteIntegrationSecret({ officeId, integrationId: "github" }))).code).toBe(Code.NotFound);
    expect(logged).toContain("integration configured");
    expect(logged).not.toContain(SECRET);
  });
});

describe("agents and their integrations", () => {
  let officeId: string;
  let asCoder: ReturnType<typeof createClient<typeof IntegrationService>>;
  beforeAll(async () => {
    officeId = await newOffice();
    asCoder = await hireAgent(officeId, "coder");
  });

  it("enables only configured integrations, and puts their credentials in the agent's environment, secrets masked", async () => {
    const before = await codeOf(
      integrations().toggleAgentIntegration({ officeId, integrationId: "github", agentName: "coder", enabled: true }),
    );
    expect(before).toMatchObject({ code: Code.FailedPrecondition, message: expect.stringContaining("not configured") });
    const ghost = await codeOf(
      integrations().toggleAgentIntegration({ officeId, integrationId: "github", agentName: "ghost", enabled: false }),
    );
    expect(ghost.code).toBe(Code.NotFound);

    await integrations().setIntegrationSecret({ officeId, integrationId: "github", data: { GITHUB_TOKEN: SECRET } });
    await integrations().setIntegrationSecret({
      officeId,
      integrationId: "openai",
      data: { OPENAI_API_KEY: "sk-openai-secret", OPENAI_BASE_URL: "https://llm.internal.example/v1" },
    });
    const on = await integrations().toggleAgentIntegration({ officeId, integrationId: "github", agentName: "coder", enabled: true });
    expect(on.integration?.enabledAgents).toEqual(["coder"]);
    await integrations().toggleAgentIntegration({ officeId, integrationId: "openai", agentName: "coder", enabled: true });

    const mine = await integrations().listAgentIntegrations({ officeId, agentName: "coder" });
    expect(mine.integrations.map((i) => [i.integration!.id, i.configured])).toEqual([
      ["github", true],
      ["openai", true],
    ]);
    // The docs' myIntegrations: the agent asks for itself, and only for itself.
    expect((await asCoder.listAgentIntegrations({ officeId, agentName: "coder" })).integrations).toHaveLength(2);

    const merged = await env().getAgentEnv({ officeId, agentName: "coder" });
    expect(merged.vars.map((v) => [v.key, v.value, v.maskedValue, v.scope, v.updatedBy])).toEqual([
      ["GITHUB_TOKEN", "", "••••••••", EnvScope.AGENT, "integration:github"],
      ["OPENAI_API_KEY", "", "••••••••", EnvScope.AGENT, "integration:openai"],
      ["OPENAI_BASE_URL", "https://llm.internal.example/v1", "", EnvScope.AGENT, "integration:openai"],
    ]);
    // An operator's own variable for the agent wins over an integration's.
    await env().setAgentEnvVar({ officeId, agentName: "coder", key: "OPENAI_BASE_URL", value: "https://other.example/v1" });
    expect((await env().getAgentEnv({ officeId, agentName: "coder" })).vars.find((v) => v.key === "OPENAI_BASE_URL")?.value).toBe(
      "https://other.example/v1",
    );

    // The worker gets them when it (re)starts: a promote restarts it.
    await agents().promoteAgent({ officeId, agentName: "coder", modelTier: "opus" });
    const lines = await until(
      "worker environment line",
      async () => (await agents().listAgentLogs({ officeId, agentName: "coder" })).lines.map((l) => l.text),
      (all) => all.some((l) => l.includes("environment:") && l.includes("GITHUB_TOKEN") && l.includes("OPENAI_API_KEY")),
    );
    expect(lines.join("\n")).not.toContain(SECRET);

    await integrations().toggleAgentIntegration({ officeId, integrationId: "openai", agentName: "coder", enabled: false });
    const after = await env().getAgentEnv({ officeId, agentName: "coder" });
    expect(after.vars.map((v) => v.key)).toEqual(["GITHUB_TOKEN", "OPENAI_BASE_URL"]);
    expect(JSON.stringify(after.vars.map((v) => v.value))).not.toContain(SECRET);
  });

  it("hands credentials only to an agent that has the integration enabled, and logs each hand-out without the secret", async () => {
    await integrations().setIntegrationSecret({ officeId, integrationId: "firecrawl", data: { FIRECRAWL_API_KEY: "fc-secret-value" } });
    const denied = await codeOf(asCoder.getIntegrationCredentials({ officeId, integrationId: "firecrawl" }));
    expect(denied).toMatchObject({ code: Code.PermissionDenied, message: expect.stringContaining("not enabled for agent coder") });
    const operator = await codeOf(integrations().getIntegrationCredentials({ officeId, integrationId: "github", agentName: "coder" }));
    expect(operator).toMatchObject({ code: Code.PermissionDenied, message: expect.stringContaining("agents only") });
    // Agents neither configure nor toggle.
    expect((await codeOf(asCoder.setIntegrationSecret({ officeId, integrationId: "github", data: { GITHUB_TOKEN: "x" } }))).code).toBe(
      Code.PermissionDenied,
    );
    expect(
      (await codeOf(asCoder.toggleAgentIntegration({ officeId, integrationId: "firecrawl", agentName: "coder", enabled: true }))).code,
    ).toBe(Code.PermissionDenied);

    await integrations().toggleAgentIntegration({ officeId, integrationId: "github", agentName: "coder", enabled: true });
    const got = await asCoder.getIntegrationCredentials({ officeId, integrationId: "github" });
    expect(got.data).toEqual({ GITHUB_TOKEN: SECRET });
    const audit = logged.split("\n").filter((l) => l.includes("integration credentials handed to agent"));
    expect(audit.some((l) => l.includes(officeId) && l.includes('"agent":"coder"') && l.includes('"integration":"github"'))).toBe(true);
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain("fc-secret-value");
  });

  it("proxies calls under the integration's API with the credential added by the server, and nowhere else", async () => {
    // github is configured and enabled for coder by the tests above.
    const answer = await asCoder.proxyIntegration({
      officeId,
      integrationId: "github",
      method: "POST",
      path: "/repos/o/r/issues?x=1",
      headers: { "User-Agent": "coder" },
      body: new TextEncoder().encode('{"title":"t"}'),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(new TextDecoder().decode(answer.body))).toEqual({ path: "/api/v3/repos/o/r/issues?x=1", body: '{"title":"t"}' });
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["set-cookie"]).toBeUndefined();
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/api/v3/repos/o/r/issues?x=1", authorized: true, userAgent: "coder" });

    const calls = seen.length;
    for (const path of ["/../../etc/passwd", "//evil.example/x", "/%2e%2e/x"]) {
      expect((await codeOf(asCoder.proxyIntegration({ officeId, integrationId: "github", path }))).code, path).toBe(Code.InvalidArgument);
    }
    const absolute = await codeOf(asCoder.proxyIntegration({ officeId, integrationId: "github", path: "http://evil.example/x" }));
    expect(absolute.code).toBe(Code.InvalidArgument);
    const ownAuth = await codeOf(
      asCoder.proxyIntegration({ officeId, integrationId: "github", path: "/user", headers: { Authorization: "Bearer mine" } }),
    );
    expect(ownAuth).toMatchObject({ code: Code.InvalidArgument, message: expect.stringContaining("Authorization") });
    expect(seen.length).toBe(calls);

    // A redirect goes back to the caller as it is: nothing follows it to the other host.
    const redirect = await asCoder.proxyIntegration({ officeId, integrationId: "github", path: "/redirect" });
    expect(redirect.status).toBe(302);
    expect(stolen).toBe(0);
    const big = await codeOf(asCoder.proxyIntegration({ officeId, integrationId: "github", path: "/big" }));
    expect(big).toMatchObject({ code: Code.FailedPrecondition, message: expect.stringContaining("larger than 65536 bytes") });
    const slow = await codeOf(asCoder.proxyIntegration({ officeId, integrationId: "github", path: "/slow" }));
    expect(slow).toMatchObject({ code: Code.FailedPrecondition, message: expect.stringContaining("within 1000 ms") });

    // Only for enabled agents (linear is not enabled for coder); operators name the agent they call for.
    const notEnabled = await codeOf(asCoder.proxyIntegration({ officeId, integrationId: "linear", path: "/graphql" }));
    expect(notEnabled.code).toBe(Code.PermissionDenied);
    const byOperator = await integrations().proxyIntegration({ officeId, integrationId: "github", agentName: "coder", path: "/user" });
    expect(byOperator.status).toBe(200);
    expect(seen.every((s) => s.authorized)).toBe(true);
    const audit = logged.split("\n").filter((l) => l.includes("integration call proxied"));
    expect(
      audit.some((l) => l.includes('"agent":"coder"') && l.includes('"path":"/api/v3/repos/o/r/issues"') && l.includes('"status":200')),
    ).toBe(true);
    expect(logged).not.toContain(SECRET);

    // Every call made was metered: one usage entry per call, charged to the agent.
    const usage = (await clientFor(CreditService, server.url, key).listCreditLedgerEntries({ officeId })).entries.filter((e) =>
      e.note.startsWith("github API call"),
    );
    expect(usage.map((e) => [e.agentName, e.amount])).toContainEqual(["coder", -1n]);
    // Calls refused before leaving (bad paths, the caller's own Authorization) cost nothing; the
    // first POST, the redirect, the too-big, the too-slow and the operator's call did.
    expect(usage).toHaveLength(5);
  });

  it("lists built-in models per provider, available once the provider is configured", async () => {
    const all = await integrations().listModels({ officeId });
    expect(all.models.find((m) => m.id === "gemini-2.5-flash")).toMatchObject({ provider: "google-gemini", available: false });
    const openai = await asCoder.listModels({ officeId, provider: "openai" });
    expect(openai.models.length).toBeGreaterThan(0);
    expect(openai.models.every((m) => m.provider === "openai" && m.available)).toBe(true);
    // The provider's own list joins the built-in one (gpt-5.5 once, with its tier).
    expect(openai.models.map((m) => [m.id, m.modelTier])).toEqual([
      ["gpt-4.1", ""],
      ["gpt-5-mini", ""],
      ["gpt-5.5", "gpt-5.5"],
      ["local-llama", ""],
    ]);
    expect((await codeOf(integrations().listModels({ officeId, provider: "github" }))).code).toBe(Code.InvalidArgument);
  });

  it("fulfils an agent's request when the owner configures the integration, and lets the owner reject one", async () => {
    const asked = await asCoder.createIntegrationRequest({ officeId, integrationId: "slack", agentName: "coder", reason: "Need to post" });
    expect(asked.request).toMatchObject({ integrationId: "slack", agentName: "coder", status: IntegrationRequestStatus.PENDING });
    expect(
      (await codeOf(asCoder.createIntegrationRequest({ officeId, integrationId: "slack", agentName: "other", reason: "" }))).code,
    ).toBe(Code.PermissionDenied);
    // Asking again while the first request waits returns that request.
    const again = await asCoder.createIntegrationRequest({ officeId, integrationId: "slack", agentName: "coder", reason: "Still need it" });
    expect(again.request).toMatchObject({ id: asked.request!.id, reason: "Need to post" });
    // The docs' REST call, made by an operator for the agent.
    const rest = await fetch(`${server.url}/api/offices/${officeId}/integration-requests`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ integrationId: "linear", agentName: "coder", reason: "Need issues" }),
    });
    expect(rest.status).toBe(200);
    const linear = ((await rest.json()) as { request: { id: string; status: string } }).request;
    expect(linear.status).toBe("pending");

    const pending = await integrations().listIntegrationRequests({ officeId, status: IntegrationRequestStatus.PENDING });
    expect(pending.requests.map((r) => [r.integrationId, r.reason])).toEqual([
      ["linear", "Need issues"],
      ["slack", "Need to post"],
    ]);
    const office = await integrations().listOfficeIntegrations({ officeId });
    expect(office.integrations.find((i) => i.integration!.id === "slack")?.pendingRequestCount).toBe(1);

    const set = await integrations().setIntegrationSecret({ officeId, integrationId: "slack", data: { SLACK_BOT_TOKEN: SLACK_SECRET } });
    expect(set.autoEnabledAgents).toEqual(["coder"]);
    expect(set.integration).toMatchObject({ configured: true, enabledAgents: ["coder"], pendingRequestCount: 0 });
    const fulfilled = await integrations().listIntegrationRequests({ officeId, status: IntegrationRequestStatus.FULFILLED });
    expect(fulfilled.requests.map((r) => r.id)).toEqual([asked.request!.id]);
    expect(fulfilled.requests[0]!.resolvedAt).toBeDefined();
    expect((await asCoder.listAgentIntegrations({ officeId, agentName: "coder" })).integrations.map((i) => i.integration!.id)).toContain(
      "slack",
    );
    expect((await asCoder.getIntegrationCredentials({ officeId, integrationId: "slack" })).data).toEqual({ SLACK_BOT_TOKEN: SLACK_SECRET });

    const rejected = await integrations().rejectIntegrationRequest({ officeId, requestId: linear.id, note: "Not this quarter" });
    expect(rejected.request).toMatchObject({ status: IntegrationRequestStatus.REJECTED, resolutionNote: "Not this quarter" });
    expect((await codeOf(integrations().rejectIntegrationRequest({ officeId, requestId: linear.id, note: "" }))).code).toBe(
      Code.FailedPrecondition,
    );
    expect((await codeOf(integrations().rejectIntegrationRequest({ officeId, requestId: crypto.randomUUID(), note: "" }))).code).toBe(
      Code.NotFound,
    );
    const all = await integrations().listIntegrationRequests({ officeId, pageSize: 1 });
    expect(all.requests.map((r) => r.integrationId)).toEqual(["linear"]);
    const next = await integrations().listIntegrationRequests({ officeId, pageSize: 1, pageToken: all.nextPageToken });
    expect(next.requests.map((r) => r.integrationId)).toEqual(["slack"]);
    expect((await codeOf(asCoder.getIntegrationCredentials({ officeId, integrationId: "linear" }))).code).toBe(Code.PermissionDenied);

    // Asking for a configured integration is fulfilled at once.
    const now = await asCoder.createIntegrationRequest({ officeId, integrationId: "firecrawl", agentName: "coder", reason: "Scrape" });
    expect(now.request?.status).toBe(IntegrationRequestStatus.FULFILLED);
    expect(Object.keys((await asCoder.getIntegrationCredentials({ officeId, integrationId: "firecrawl" })).data)).toEqual([
      "FIRECRAWL_API_KEY",
    ]);
    expect(logged).not.toContain(SLACK_SECRET);
  });
});

describe("hire and promote with a provider", () => {
  it("turn the provider's integration on for the agent when the office has it, and say what to configure when not", async () => {
    const officeId = await newOffice();
    await integrations().setIntegrationSecret({ officeId, integrationId: "anthropic", data: { ANTHROPIC_API_KEY: "sk-ant-test-0001" } });
    await agents().hireAgent({ officeId, name: "claude", provider: "anthropic" });
    const office = await integrations().listOfficeIntegrations({ officeId });
    expect(office.integrations.find((i) => i.integration?.id === "anthropic")?.enabledAgents).toEqual(["claude"]);
    // The credentials are in the agent's environment (masked here), as its worker gets them.
    const vars = (await env().getAgentEnv({ officeId, agentName: "claude" })).vars;
    expect(vars.find((v) => v.key === "ANTHROPIC_API_KEY")).toMatchObject({ secret: true, value: "" });

    await agents().promoteAgent({ officeId, agentName: "claude", modelTier: "gpt-5.5", provider: "openai-codex" });
    const feed = (await agents().listAgentActivity({ officeId, agentName: "claude" })).activities;
    const refused = feed.find((a) => a.type === "integration.not_enabled");
    expect(refused?.summary).toMatch(/openai-codex is not configured/);
    expect(feed.find((a) => a.type === "integration.enabled")?.summary).toBe("provider anthropic enabled");
    expect((await agents().getAgent({ officeId, agentName: "claude" })).agent).toMatchObject({
      provider: "openai-codex",
      modelTier: "gpt-5.5",
    });
  });
});
