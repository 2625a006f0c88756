/**
 * Integrations against a real server: the catalog, credentials sealed at rest and never shown,
 * per-agent toggles, credentials handed only to enabled agents (audit-logged), and agents'
 * integration requests from ask to fulfilment.
 */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IntegrationCategory, IntegrationService } from "../gen/ts/mitosis/v1/integration_pb.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let key: string;
let logged = "";
beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _enc, done) {
      logged += String(chunk);
      done();
    },
  });
  server = await startTestServer(
    { MI_AGENT_RECONCILE_MS: "100", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_AGENT_WARM_POOL: "1" },
    { log: { level: "debug", destination } },
  );
  ({ apiKey: key } = await server.newAccount("integrations"));
});
afterAll(async () => server?.stop());

const integrations = () => clientFor(IntegrationService, server.url, key);

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
