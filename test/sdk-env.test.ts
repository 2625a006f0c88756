/**
 * `client.env` against a real server: the docs' calls (list, set, delete, getAgentEnv), secrets
 * that never come back, an agent's own variables merged over the office's with their scope, and
 * the typed errors: bad and reserved keys (checked before sending), unknown agents, other
 * accounts' offices.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EnvVar, InvalidArgumentError, NotFoundError, OS1Client } from "../sdk/src/index.js";
import { failure } from "./support/sdk.js";
import { startTestServer, type TestServer } from "./support/server.js";

const SECRET = "sk_live_NeverShownAgain_93b1";
const MASK = "••••••••";
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let server: TestServer;
let client: OS1Client;
let accountId: string;
beforeAll(async () => {
  server = await startTestServer({ MI_AGENT_RECONCILE_MS: "200", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_AGENT_WARM_POOL: "1" });
  const account = await server.newAccount("sdk-env");
  accountId = account.accountId;
  client = new OS1Client({ endpoint: server.url, auth: { type: "token", token: account.apiKey } });
});
afterAll(async () => server?.stop());

/** A new office with credits (hiring needs them) and, if named, an agent. */
async function newColony(agent?: string): Promise<string> {
  const colonyId = (await client.offices.create({ name: "env" })).id;
  if (agent !== undefined) {
    await client.credits.add(colonyId, { amount: 100 });
    await client.agents.hire(colonyId, { name: agent });
  }
  return colonyId;
}

describe("client.env, following the docs", () => {
  it("set, list and delete office-wide variables; a secret is masked and never returned", async () => {
    const colonyId = await newColony();
    expect(await client.env.list(colonyId)).toEqual([]);

    const plain = await client.env.set(colonyId, "API_BASE_URL", "https://api.example.com");
    expect(plain).toEqual({
      key: "API_BASE_URL",
      value: "https://api.example.com",
      secret: false,
      maskedValue: "",
      scope: "office",
      agentName: "",
      updatedAt: expect.stringMatching(ISO),
      updatedBy: `operator:${accountId}`,
    } satisfies EnvVar);
    const secret = await client.env.set(colonyId, "GITHUB_TOKEN", SECRET, { secret: true });
    expect(secret).toMatchObject({ key: "GITHUB_TOKEN", value: "", secret: true, maskedValue: MASK, scope: "office" });

    const listed = await client.env.list(colonyId);
    expect(listed.map((v) => [v.key, v.value, v.maskedValue, v.secret])).toEqual([
      ["API_BASE_URL", "https://api.example.com", "", false],
      ["GITHUB_TOKEN", "", MASK, true],
    ]);
    expect(JSON.stringify(listed)).not.toContain(SECRET);

    // Setting again replaces: same key, new state.
    await client.env.set(colonyId, "API_BASE_URL", "https://v2.example.com");
    await client.env.set(colonyId, "API_BASE_URL", "https://v2.example.com");
    expect((await client.env.list(colonyId)).filter((v) => v.key === "API_BASE_URL").map((v) => v.value)).toEqual([
      "https://v2.example.com",
    ]);

    await client.env.delete(colonyId, "API_BASE_URL");
    expect((await client.env.list(colonyId)).map((v) => v.key)).toEqual(["GITHUB_TOKEN"]);
    expect(await failure(client.env.delete(colonyId, "API_BASE_URL"))).toBeInstanceOf(NotFoundError);
  });

  it("getAgentEnv merges the agent's own over the office's, with the scope of each; deleteForAgent restores the office's", async () => {
    const colonyId = await newColony("coder");
    await client.env.set(colonyId, "LOG_LEVEL", "info");
    await client.env.set(colonyId, "REGION", "eu-west-1");
    const own = await client.env.setForAgent(colonyId, "coder", "LOG_LEVEL", "debug");
    expect(own).toMatchObject({ key: "LOG_LEVEL", value: "debug", scope: "agent", agentName: "coder" });
    const token = await client.env.setForAgent(colonyId, "coder", "GITHUB_TOKEN", SECRET, { secret: true });
    expect(token).toMatchObject({ value: "", secret: true, maskedValue: MASK, scope: "agent", agentName: "coder" });

    const merged = await client.env.getAgentEnv(colonyId, "coder");
    expect(merged.map((v) => [v.key, v.value, v.scope, v.agentName])).toEqual([
      ["GITHUB_TOKEN", "", "agent", "coder"],
      ["LOG_LEVEL", "debug", "agent", "coder"],
      ["REGION", "eu-west-1", "office", ""],
    ]);
    expect(JSON.stringify(merged)).not.toContain(SECRET);
    // The office's own listing is untouched by agent-level variables.
    expect((await client.env.list(colonyId)).map((v) => [v.key, v.value])).toEqual([
      ["LOG_LEVEL", "info"],
      ["REGION", "eu-west-1"],
    ]);

    await client.env.deleteForAgent(colonyId, "coder", "LOG_LEVEL");
    expect((await client.env.getAgentEnv(colonyId, "coder")).find((v) => v.key === "LOG_LEVEL")).toMatchObject({
      value: "info",
      scope: "office",
    });
    expect(await failure(client.env.deleteForAgent(colonyId, "coder", "LOG_LEVEL"))).toBeInstanceOf(NotFoundError);
  });

  it("refuses bad keys before sending, and the reserved MI_ prefix", async () => {
    const colonyId = await newColony();
    for (const bad of ["1ABC", "WITH-DASH", "A B", "", "K".repeat(257)]) {
      const err = await failure(client.env.set(colonyId, bad, "x"));
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect((err as InvalidArgumentError).violations.map((v) => v.field)).toEqual(["key"]);
      expect(err.message).toMatch(/^key /);
    }
    expect(await failure(client.env.delete(colonyId, "no-dash"))).toBeInstanceOf(InvalidArgumentError);
    expect(await failure(client.env.setForAgent(colonyId, "coder", "9", "x"))).toBeInstanceOf(InvalidArgumentError);

    const reserved = await failure(client.env.set(colonyId, "MI_AGENT_KEY_FILE", "/tmp/x"));
    expect(reserved).toBeInstanceOf(InvalidArgumentError);
    expect((reserved as InvalidArgumentError).violations[0]?.field).toBe("key");
    expect(reserved.message).toMatch(/reserved/);
    expect(await failure(client.env.setForAgent(colonyId, "coder", "MI_X", "1"))).toBeInstanceOf(InvalidArgumentError);

    const long = await failure(client.env.set(colonyId, "BIG", "x".repeat(65537), { secret: true }));
    expect(long).toBeInstanceOf(InvalidArgumentError);
    expect((long as InvalidArgumentError).violations[0]?.field).toBe("value");
    expect(await client.env.list(colonyId)).toEqual([]);
  });

  it("an unknown agent and another account's office are NotFoundError", async () => {
    const colonyId = await newColony();
    expect(await failure(client.env.getAgentEnv(colonyId, "ghost"))).toBeInstanceOf(NotFoundError);
    expect(await failure(client.env.setForAgent(colonyId, "ghost", "A", "1"))).toBeInstanceOf(NotFoundError);
    expect(await failure(client.env.deleteForAgent(colonyId, "ghost", "A"))).toBeInstanceOf(NotFoundError);
    await client.env.set(colonyId, "SHARED", "mine");

    const other = await server.newAccount("sdk-env-other");
    const stranger = new OS1Client({ endpoint: server.url, auth: { type: "token", token: other.apiKey } });
    expect(await failure(stranger.env.list(colonyId))).toBeInstanceOf(NotFoundError);
    expect(await failure(stranger.env.set(colonyId, "SHARED", "theirs"))).toBeInstanceOf(NotFoundError);
    expect(await failure(stranger.env.delete(colonyId, "SHARED"))).toBeInstanceOf(NotFoundError);
    expect((await client.env.list(colonyId)).map((v) => v.value)).toEqual(["mine"]);
  });
});
