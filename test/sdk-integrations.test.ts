/**
 * `client.integrations` against a real server (agents are local worker processes): the docs'
 * calls as an operator (catalog, setSecret, listOffice without secret values, toggleAgent,
 * deleteSecret), as an agent signing with its key (myIntegrations, getCredentials, proxy), an
 * integration request from ask to fulfilment, and another account's office as NotFoundError.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, NotFoundError, OS1Client, PermissionDeniedError, type OfficeIntegration } from "../sdk/src/index.js";
import { agentSigningKey, until } from "./support/agents.js";
import { failure } from "./support/sdk.js";
import { startTestServer, type TestServer } from "./support/server.js";

const SECRET = "ghp_SdkIntegrationSecret_4b9d";
const SLACK_SECRET = "xoxb-SdkSlackSecret-2f81";
let server: TestServer;
let apiKey: string;
let fakeGitHub: Server;

beforeAll(async () => {
  // A fake GitHub API that answers only with the office's credential.
  fakeGitHub = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      if (req.headers.authorization !== `Bearer ${SECRET}`) res.writeHead(401).end();
      else res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ method: req.method, path: req.url, body }));
    });
  });
  await new Promise<void>((resolve) => fakeGitHub.listen(0, "127.0.0.1", resolve));
  const fakeUrl = `http://127.0.0.1:${(fakeGitHub.address() as AddressInfo).port}`;
  server = await startTestServer({
    MI_AGENT_RECONCILE_MS: "200",
    MI_AGENT_HEARTBEAT_SECONDS: "1",
    MI_AGENT_WARM_POOL: "1",
    MI_INTEGRATION_BASE_URLS: `github=${fakeUrl}`,
  });
  ({ apiKey } = await server.newAccount("sdk-integrations"));
});
afterAll(async () => {
  await server?.stop();
  fakeGitHub?.closeAllConnections();
  await new Promise((resolve) => fakeGitHub?.close(resolve));
});

const operator = (token = apiKey) => new OS1Client({ endpoint: server.url, auth: { type: "token", token } });

async function newColony(c: OS1Client): Promise<string> {
  const colonyId = (await c.offices.create({ name: "integrations" })).id;
  await c.credits.add(colonyId, { amount: 1000 });
  return colonyId;
}

/** Hires `name`, waits until it runs, and returns a client signed as that agent. */
async function hireAgent(c: OS1Client, colonyId: string, name: string): Promise<OS1Client> {
  const agent = await c.agents.hire(colonyId, { name });
  await until(
    `${name} Running`,
    async () => (await c.agents.get(colonyId, name)).status.phase,
    (p) => p === "Running",
  );
  const signingKey = agentSigningKey(server.dataDir, colonyId, agent.publicKey);
  return new OS1Client({ endpoint: server.url, signingKey, agentId: name, colonyId, retry: { maxAttempts: 1 } });
}

const entry = (all: OfficeIntegration[], id: string) => all.find((i) => i.integration.id === id);

describe("client.integrations, following the docs", () => {
  let c: OS1Client;
  let colonyId: string;
  let asAnalyst: OS1Client;
  beforeAll(async () => {
    c = operator();
    colonyId = await newColony(c);
    asAnalyst = await hireAgent(c, colonyId, "analyst");
  }, 60_000);

  it("catalog, setSecret → listOffice (configured, no secret values) → toggleAgent → deleteSecret", async () => {
    const catalog = await c.integrations.catalog();
    expect(catalog).toHaveLength(18);
    expect(catalog.find((i) => i.id === "github")).toEqual({
      id: "github",
      name: "GitHub",
      description: expect.any(String),
      category: "source_control",
      capabilities: expect.arrayContaining(["Issues"]),
      llmProvider: false,
      secretFields: [{ key: "GITHUB_TOKEN", description: expect.any(String), required: true }],
      envVars: ["GITHUB_TOKEN"],
    });
    expect(catalog.find((i) => i.id === "openai")).toMatchObject({ category: "llm", llmProvider: true });

    const before = await c.integrations.listOffice(colonyId);
    expect(before).toHaveLength(18);
    expect(entry(before, "github")).toMatchObject({ configured: false, configuredAt: null, enabledAgents: [], pendingRequestCount: 0 });

    const set = await c.integrations.setSecret(colonyId, "github", { GITHUB_TOKEN: SECRET });
    expect(set).toMatchObject({ integration: { configured: true, enabledAgents: [] }, autoEnabledAgents: [] });
    const after = await c.integrations.listOffice(colonyId);
    expect(entry(after, "github")).toMatchObject({ configured: true, configuredAt: expect.any(String) });
    expect(JSON.stringify(after)).not.toContain(SECRET);
    expect(JSON.stringify(set)).not.toContain(SECRET);

    const bad = await failure(c.integrations.setSecret(colonyId, "github", { NOT_A_FIELD: "x" }));
    expect(bad).toBeInstanceOf(InvalidArgumentError);
    expect(bad.message).not.toContain(SECRET);

    const enabled = await c.integrations.toggleAgent(colonyId, "github", "analyst", true);
    expect(enabled.enabledAgents).toEqual(["analyst"]);
    const mine = await asAnalyst.integrations.myIntegrations(colonyId, "analyst");
    expect(mine).toEqual([{ integration: expect.objectContaining({ id: "github" }), configured: true, enabledAt: expect.any(String) }]);

    // The agent gets the credentials for what is enabled, and nothing else; operators never.
    expect(await asAnalyst.integrations.getCredentials(colonyId, "github")).toEqual({ data: { GITHUB_TOKEN: SECRET }, expiresAt: null });
    expect(await failure(asAnalyst.integrations.getCredentials(colonyId, "slack"))).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(c.integrations.getCredentials(colonyId, "github"))).toBeInstanceOf(PermissionDeniedError);

    // The proxy, both spellings: the server adds the credential; the agent never sends it.
    const proxied = await asAnalyst.integrations.proxy(colonyId, "github", {
      method: "POST",
      path: "/repos/o/r/issues?x=1",
      headers: { accept: "application/json" },
      body: '{"title":"t"}',
    });
    expect(proxied.status).toBe(201);
    expect(proxied.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(new TextDecoder().decode(proxied.body))).toEqual({
      method: "POST",
      path: "/repos/o/r/issues?x=1",
      body: '{"title":"t"}',
    });
    const docsSpelling = await asAnalyst.integrations.proxy(colonyId, "github", "/user", { method: "get" });
    expect(JSON.parse(new TextDecoder().decode(docsSpelling.body))).toMatchObject({ method: "GET", path: "/user" });
    expect(await failure(asAnalyst.integrations.proxy(colonyId, "github", { path: "no-slash" }))).toBeInstanceOf(InvalidArgumentError);

    const disabled = await c.integrations.toggleAgent(colonyId, "github", "analyst", false);
    expect(disabled.enabledAgents).toEqual([]);
    expect(await failure(asAnalyst.integrations.getCredentials(colonyId, "github"))).toBeInstanceOf(PermissionDeniedError);
    expect(await failure(asAnalyst.integrations.proxy(colonyId, "github", { path: "/user" }))).toBeInstanceOf(PermissionDeniedError);

    const deleted = await c.integrations.deleteSecret(colonyId, "github");
    expect(deleted).toMatchObject({ configured: false, configuredAt: null });
    expect(await failure(c.integrations.deleteSecret(colonyId, "github"))).toBeInstanceOf(NotFoundError);
    const unconfigured = await failure(c.integrations.toggleAgent(colonyId, "github", "analyst", true));
    expect(unconfigured.code).toBe("failed_precondition");
  });

  it("listModels: all, or one provider's, available once the provider is configured", async () => {
    const all = await c.integrations.listModels(colonyId);
    expect(new Set(all.map((m) => m.provider)).size).toBeGreaterThan(1);
    const gemini = await c.integrations.listModels(colonyId, "google-gemini");
    expect(gemini.length).toBeGreaterThan(0);
    expect(gemini.every((m) => m.provider === "google-gemini" && !m.available)).toBe(true);
    expect(gemini[0]).toEqual({
      id: expect.any(String),
      provider: "google-gemini",
      displayName: expect.any(String),
      modelTier: expect.any(String),
      available: false,
      contextWindowTokens: expect.any(Number),
    });
    expect(await failure(c.integrations.listModels(colonyId, "github"))).toBeInstanceOf(InvalidArgumentError);
  });

  it("an integration request: the agent asks, the owner lists and configures, the request is fulfilled; or rejects one", async () => {
    const asked = await asAnalyst.integrations.request(colonyId, { integrationId: "slack", agentName: "analyst", reason: "Need to post" });
    expect(asked).toEqual({
      id: expect.any(String),
      integrationId: "slack",
      agentName: "analyst",
      reason: "Need to post",
      status: "pending",
      createdAt: expect.any(String),
      resolvedAt: null,
      resolutionNote: "",
    });
    const linear = await asAnalyst.integrations.request(colonyId, { integrationId: "linear", agentName: "analyst", reason: "Issues" });

    const pending = await c.integrations.listRequests(colonyId, { status: "pending" });
    expect(pending.map((r) => r.integrationId)).toEqual(["linear", "slack"]);
    expect(await c.integrations.listRequests(colonyId, { limit: 1, pageSize: 1 })).toEqual([linear]);
    expect(entry(await c.integrations.listOffice(colonyId), "slack")?.pendingRequestCount).toBe(1);

    const set = await c.integrations.setSecret(colonyId, "slack", { SLACK_BOT_TOKEN: SLACK_SECRET });
    expect(set.autoEnabledAgents).toEqual(["analyst"]);
    const fulfilled = await c.integrations.listRequests(colonyId, { status: "fulfilled" });
    expect(fulfilled).toEqual([{ ...asked, status: "fulfilled", resolvedAt: expect.any(String) }]);
    expect((await asAnalyst.integrations.myIntegrations(colonyId, "analyst")).map((i) => i.integration.id)).toContain("slack");
    expect((await asAnalyst.integrations.getCredentials(colonyId, "slack")).data).toEqual({ SLACK_BOT_TOKEN: SLACK_SECRET });

    const rejected = await c.integrations.rejectRequest(colonyId, linear.id, "Not this quarter");
    expect(rejected).toMatchObject({ id: linear.id, status: "rejected", resolutionNote: "Not this quarter" });
    const again = await failure(c.integrations.rejectRequest(colonyId, linear.id));
    expect(again.code).toBe("failed_precondition");
    expect(await failure(c.integrations.listRequests(colonyId, { status: "nope" as "pending" }))).toBeInstanceOf(InvalidArgumentError);
  });

  it("answers NotFoundError for another account's office", async () => {
    const { apiKey: otherKey } = await server.newAccount("sdk-integrations-other");
    const other = operator(otherKey);
    // One call at a time: a rejection must be awaited as it happens, never left unhandled.
    for (const call of [
      () => other.integrations.listOffice(colonyId),
      () => other.integrations.setSecret(colonyId, "github", { GITHUB_TOKEN: "x" }),
      () => other.integrations.toggleAgent(colonyId, "slack", "analyst", false),
      () => other.integrations.listRequests(colonyId),
    ]) {
      expect(await failure(call())).toBeInstanceOf(NotFoundError);
    }
    // The catalog is the same for everyone.
    expect(await other.integrations.catalog()).toHaveLength(18);
  });
});
