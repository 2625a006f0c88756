/**
 * Environment variables against a real server: office-wide and per agent, merged with the
 * agent's own winning, secret values masked everywhere the API answers, every value sealed in
 * Postgres (no plaintext in the table), never in the server log, and delivered to the agent's
 * worker when it starts.
 */
import { Writable } from "node:stream";
import { Code, ConnectError } from "@connectrpc/connect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentPhase, AgentService } from "../gen/ts/mitosis/v1/agent_pb.js";
import { CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { EnvScope, EnvService } from "../gen/ts/mitosis/v1/env_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { until } from "./support/agents.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

const SECRET = "ghp_ThisMustNeverBeSeen_4f9a";
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
  ({ apiKey: key } = await server.newAccount("env"));
});
afterAll(async () => server?.stop());

const env = () => clientFor(EnvService, server.url, key);
async function newOffice(): Promise<string> {
  const officeId = (await clientFor(OfficeService, server.url, key).createOffice({ name: "env" })).office!.id;
  await clientFor(CreditService, server.url, key).addCredits({ officeId, amount: 100n });
  return officeId;
}

describe("environment variables", () => {
  it("masks secrets in every answer, keeps no plaintext in Postgres or the log, and merges an agent's own over the office's", async () => {
    const officeId = await newOffice();
    await clientFor(AgentService, server.url, key).hireAgent({ officeId, name: "coder" });
    const set = await env().setEnvVar({ officeId, key: "GITHUB_TOKEN", value: SECRET, secret: true });
    expect(set.envVar).toMatchObject({ key: "GITHUB_TOKEN", value: "", secret: true, maskedValue: "••••••••", scope: EnvScope.OFFICE });
    await env().setEnvVar({ officeId, key: "API_BASE_URL", value: "https://api.example.com" });
    await env().setEnvVar({ officeId, key: "LOG_LEVEL", value: "info" });
    await env().setAgentEnvVar({ officeId, agentName: "coder", key: "LOG_LEVEL", value: "debug" });

    const listed = await env().listEnvVars({ officeId });
    expect(listed.vars.map((v) => [v.key, v.value, v.maskedValue])).toEqual([
      ["API_BASE_URL", "https://api.example.com", ""],
      ["GITHUB_TOKEN", "", "••••••••"],
      ["LOG_LEVEL", "info", ""],
    ]);
    const merged = await env().getAgentEnv({ officeId, agentName: "coder" });
    expect(merged.vars.map((v) => [v.key, v.value, v.scope])).toEqual([
      ["API_BASE_URL", "https://api.example.com", EnvScope.OFFICE],
      ["GITHUB_TOKEN", "", EnvScope.OFFICE],
      ["LOG_LEVEL", "debug", EnvScope.AGENT],
    ]);
    const rest = await fetch(`${server.url}/api/offices/${officeId}/agents/coder/env`, { headers: { authorization: `Bearer ${key}` } });
    expect(await rest.text()).not.toContain(SECRET);

    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 1 });
    try {
      const rows = (await pool.query("select * from env_var where office_id = $1", [officeId])).rows;
      expect(rows).toHaveLength(4);
      const dump = JSON.stringify(rows);
      for (const plain of [SECRET, "https://api.example.com", "debug"]) expect(dump).not.toContain(plain);
      expect(rows.every((r) => /^v1:[0-9a-f]{16}:/.test(r.sealed_value))).toBe(true);
    } finally {
      await pool.end();
    }
    expect(logged).not.toContain(SECRET);

    await env().deleteAgentEnvVar({ officeId, agentName: "coder", key: "LOG_LEVEL" });
    expect((await env().getAgentEnv({ officeId, agentName: "coder" })).vars.find((v) => v.key === "LOG_LEVEL")?.value).toBe("info");
    await env().deleteEnvVar({ officeId, key: "LOG_LEVEL" });
    expect(
      ConnectError.from(
        await env()
          .deleteEnvVar({ officeId, key: "LOG_LEVEL" })
          .catch((e) => e),
      ).code,
    ).toBe(Code.NotFound);
  });

  it("refuses bad and reserved names, and agents that do not exist", async () => {
    const officeId = await newOffice();
    for (const bad of ["1ABC", "WITH-DASH", "A B", ""]) {
      const err = ConnectError.from(
        await env()
          .setEnvVar({ officeId, key: bad, value: "x" })
          .catch((e) => e),
      );
      expect(err.code).toBe(Code.InvalidArgument);
      expect(err.rawMessage).toContain("key");
    }
    const reserved = ConnectError.from(
      await env()
        .setEnvVar({ officeId, key: "MI_AGENT_KEY_FILE", value: "/tmp/x" })
        .catch((e) => e),
    );
    expect(reserved.code).toBe(Code.InvalidArgument);
    expect(reserved.rawMessage).toMatch(/reserved/);
    const ghost = ConnectError.from(
      await env()
        .setAgentEnvVar({ officeId, agentName: "ghost", key: "A", value: "1" })
        .catch((e) => e),
    );
    expect(ghost.code).toBe(Code.NotFound);
    expect((await env().listEnvVars({ officeId })).vars).toEqual([]);
  });

  it("reaches the agent's worker when it starts (names in its log, never values)", async () => {
    const officeId = await newOffice();
    const agents = clientFor(AgentService, server.url, key);
    await agents.hireAgent({ officeId, name: "runner" });
    await until(
      "Running",
      async () => (await agents.getAgent({ officeId, agentName: "runner" })).agent!.status!.phase,
      (p) => p === AgentPhase.RUNNING,
    );
    await env().setEnvVar({ officeId, key: "DEPLOY_TOKEN", value: SECRET, secret: true });
    await env().setAgentEnvVar({ officeId, agentName: "runner", key: "REGION", value: "eu-west-1" });
    // Variables reach a worker when it (re)starts: a promote restarts it.
    await agents.promoteAgent({ officeId, agentName: "runner", modelTier: "opus" });
    const lines = await until(
      "worker environment line",
      async () => (await agents.listAgentLogs({ officeId, agentName: "runner" })).lines.map((l) => l.text),
      (all) => all.some((l) => l.includes("environment: DEPLOY_TOKEN, REGION")),
    );
    expect(lines.join("\n")).not.toContain(SECRET);
  });
});
