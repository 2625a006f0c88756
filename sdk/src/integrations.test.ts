import { createRouterTransport } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { IntegrationService } from "../../gen/ts/mitosis/v1/integration_pb.js";
import { InvalidArgumentError } from "./errors.js";
import { INTEGRATION_CATEGORIES, INTEGRATION_REQUEST_STATUSES, IntegrationsClient, secretFields } from "./integrations.js";
import { safeToRepeat } from "./retry.js";

/** Whether the client retries `method` (any unary method; the request does not matter for these). */
const repeats = (method: { name: string }) => safeToRepeat(method as Parameters<typeof safeToRepeat>[0], {});

/** A client whose server records proxied calls and answers with what it got. */
function client() {
  const sent: unknown[] = [];
  const transport = createRouterTransport(({ service }) => {
    service(IntegrationService, {
      proxyIntegration(req) {
        sent.push(req);
        return { status: 200, headers: { "x-method": req.method }, body: req.body };
      },
    });
  });
  return { integrations: new IntegrationsClient(transport), sent };
}

async function rejection(p: Promise<unknown>): Promise<InvalidArgumentError> {
  try {
    await p;
  } catch (err) {
    return err as InvalidArgumentError;
  }
  throw new Error("expected a rejection");
}

describe("integration words", () => {
  it("are the proto's enums, lowercase", () => {
    expect(INTEGRATION_CATEGORIES).toEqual([
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
    ]);
    expect(INTEGRATION_REQUEST_STATUSES).toEqual(["pending", "fulfilled", "rejected"]);
  });
});

describe("secretFields", () => {
  it("keeps a map of strings and refuses anything else without echoing the value", () => {
    expect(secretFields({ GITHUB_TOKEN: "t" })).toEqual({ GITHUB_TOKEN: "t" });
    const bad = (() => {
      try {
        secretFields({ GITHUB_TOKEN: 42 as unknown as string });
      } catch (err) {
        return err as InvalidArgumentError;
      }
    })();
    expect(bad).toBeInstanceOf(InvalidArgumentError);
    expect(bad?.message).toBe("data.GITHUB_TOKEN must be a string.");
    expect(() => secretFields({})).toThrow(/at least one credential field/);
    expect(() => secretFields(null as unknown as Record<string, string>)).toThrow(InvalidArgumentError);
  });
});

describe("proxy", () => {
  it("takes { method, path, headers, body } or the docs' (path, opts), text bodies as UTF-8", async () => {
    const { integrations, sent } = client();
    const a = await integrations.proxy("o-1", "github", { method: "post", path: "/x", headers: { accept: "a" }, body: "é" });
    expect(a).toEqual({ status: 200, headers: { "x-method": "POST" }, body: new TextEncoder().encode("é") });
    await integrations.proxy("o-1", "github", "/y?q=1", { agentName: "analyst" });
    expect(sent).toMatchObject([
      { officeId: "o-1", integrationId: "github", method: "POST", path: "/x", headers: { accept: "a" } },
      { method: "GET", path: "/y?q=1", agentName: "analyst", body: new Uint8Array() },
    ]);
  });

  it("refuses a bad method or a path without '/' before sending", async () => {
    const { integrations, sent } = client();
    expect((await rejection(integrations.proxy("o-1", "github", { path: "/x", method: "TRACE" as "GET" }))).message).toMatch(
      /^method must be one of GET, POST/,
    );
    expect((await rejection(integrations.proxy("o-1", "github", "x"))).message).toMatch(/^path must start with '\/'/);
    expect(sent).toEqual([]);
  });
});

describe("retries", () => {
  it("repeat the integration reads and none of the writes", () => {
    const m = IntegrationService.method;
    for (const read of [
      m.listIntegrationCatalog,
      m.listOfficeIntegrations,
      m.listModels,
      m.listAgentIntegrations,
      m.listIntegrationRequests,
    ]) {
      expect(repeats(read), read.name).toBe(true);
    }
    expect(repeats(m.getIntegrationCredentials)).toBe(true);
    // A repeat could call the service twice, fail (delete, reject), or lose autoEnabledAgents (set).
    for (const write of [m.setIntegrationSecret, m.deleteIntegrationSecret, m.toggleAgentIntegration, m.proxyIntegration]) {
      expect(repeats(write), write.name).toBe(false);
    }
    expect(repeats(m.createIntegrationRequest)).toBe(false);
    expect(repeats(m.rejectIntegrationRequest)).toBe(false);
  });
});
