/**
 * `mi integrations ...` as a user runs it (a subprocess of the built package) against a real
 * server: the catalog and the office's list, credentials piped to stdin and never printed,
 * per-agent toggles, the docs' models line, and agents' requests listed and rejected. The no-echo
 * prompt on a terminal runs in-process, with a fake terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Integration, IntegrationRequest, Model, OfficeIntegration, SetSecretResult } from "../sdk/src/index.js";
import { main } from "../cli/src/main.js";
import { OS1Client } from "../sdk/src/index.js";
import { fakeIO } from "./support/fake-io.js";
import { fieldOf, jsonOf, runMi } from "./support/mi.js";
import type { Run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

const SECRET = "ghp_CliIntegrationSecret_8e2a";
const OPENAI_SECRET = "sk-CliOpenAiSecret-51c7";
let server: TestServer;
let apiKey: string;
let sdk: OS1Client;
beforeAll(async () => {
  server = await startTestServer({ MI_AGENT_RECONCILE_MS: "200", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_AGENT_WARM_POOL: "1" });
  ({ apiKey } = await server.newAccount("cli-integrations"));
  sdk = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
});
afterAll(async () => server?.stop());

const env = () => ({ MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: "/nonexistent" });
const mi = (...args: string[]): Promise<Run> => runMi(args, env());
const miWithStdin = (input: string, ...args: string[]): Promise<Run> => runMi(args, env(), input);

/** Every byte a run printed. */
const printed = (run: Run) => run.stdout + run.stderr;

describe("mi integrations, following the docs", () => {
  let id: string;
  beforeAll(async () => {
    id = (await sdk.offices.create({ name: "integrations" })).id;
    await sdk.credits.add(id, { amount: 1000 });
    await sdk.agents.hire(id, { name: "analyst" });
  });

  it("catalog and list (the docs' line): every integration, none configured yet", async () => {
    const catalog = jsonOf<Integration[]>(await mi("integrations", "catalog", "--json", "id,secretFields"));
    expect(catalog).toHaveLength(18);
    expect(catalog.find((i) => i.id === "github")?.secretFields.map((f) => f.key)).toEqual(["GITHUB_TOKEN"]);
    const table = await mi("integrations", "catalog");
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^id\tname\tcategory\tcredentials\tcapabilities$/i);
    expect(table.stdout).toMatch(/^github\tGitHub\tsource_control\tGITHUB_TOKEN\t/m);

    // mi integrations list --colony <colonyId>
    const list = await mi("integrations", "list", "--colony", id);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^github\tGitHub\tno\t-\t0$/m);
    const none = await mi("integrations", "list", id, "--configured");
    expect(none).toMatchObject({ code: 0, stdout: "" });
    expect(none.stderr).toContain(`mi integrations set --colony ${id} github`);
  });

  it("set reads the secret from stdin and never prints it; toggle enables and disables it for an agent; unset removes it", async () => {
    const noInput = await mi("integrations", "set", "--colony", id, "github");
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain("No credentials were read from stdin");

    const set = await miWithStdin(`${SECRET}\n`, "integrations", "set", "--colony", id, "github");
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain(`Configured github in office ${id}`);
    expect(fieldOf(set.stdout, "configured")).toMatch(/^\d{4}-/);
    expect(printed(set)).not.toContain(SECRET);

    // KEY=value lines for the secret, the base URL (not a secret) as a flag.
    const openai = await miWithStdin(
      `OPENAI_API_KEY=${OPENAI_SECRET}\n`,
      ...["integrations", "set", id, "openai", "--base-url", "http://127.0.0.1:9/v1", "--json"],
    );
    expect(jsonOf<SetSecretResult>(openai)).toMatchObject({ integration: { configured: true }, autoEnabledAgents: [] });
    expect(printed(openai)).not.toContain(OPENAI_SECRET);
    const unknownKey = await miWithStdin(`GITHUB_TOKN=${SECRET}\n`, "integrations", "set", "--colony", id, "github");
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toContain("GITHUB_TOKN is not a credential of github");
    expect(printed(unknownKey)).not.toContain(SECRET);

    const configured = jsonOf<OfficeIntegration[]>(await mi("integrations", "list", "--colony", id, "--configured", "--json"));
    expect(configured.map((i) => i.integration.id).sort()).toEqual(["github", "openai"]);
    expect(JSON.stringify(configured)).not.toContain(SECRET);

    const on = await mi("integrations", "toggle", "--colony", id, "github", "--agent", "analyst");
    expect(on.code, on.stderr).toBe(0);
    expect(on.stderr).toBe("Enabled github for agent analyst\n");
    expect(fieldOf(on.stdout, "agents")).toBe("analyst");
    const mine = await mi("integrations", "agent", id, "analyst");
    expect(mine.stdout).toMatch(/^github\tGitHub\tyes\t\d{4}-/m);
    const off = jsonOf<OfficeIntegration>(
      await mi("integrations", "toggle", id, "github", "--agentName", "analyst", "--enabled", "false", "--json"),
    );
    expect(off.enabledAgents).toEqual([]);
    const nobody = await mi("integrations", "toggle", id, "github", "--agent", "nobody");
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("agent nobody not found");

    const unasked = await mi("integrations", "unset", "--colony", id, "github");
    expect(unasked.code).toBe(2);
    expect(unasked.stderr).toContain("Pass --yes to remove them");
    const unset = await mi("integrations", "unset", "--colony", id, "github", "--yes");
    expect(unset.code, unset.stderr).toBe(0);
    expect(fieldOf(unset.stdout, "configured")).toBe("no");
    expect((await mi("integrations", "unset", "--colony", id, "github", "-y")).code).toBe(1);
  });

  it("on a terminal, set asks for the secret without echo and never prints it", async () => {
    const io = fakeIO({ tty: true, input: `${SECRET}\r`, env: env() });
    const code = await main(["integrations", "set", "--colony", id, "github"], io);
    expect(code, io.err()).toBe(0);
    expect(io.rawModes).toEqual([true, false]);
    expect(io.err()).toMatch(/^GITHUB_TOKEN: .* \(input hidden\): \nConfigured github in office /);
    expect(io.out() + io.err()).not.toContain(SECRET);
    const configured = async () => (await sdk.integrations.listOffice(id)).find((i) => i.integration.id === "github")?.configured;
    expect(await configured()).toBe(true);

    // unset asks for the id back; anything else removes nothing.
    const declined = fakeIO({ tty: true, input: "slack\n", env: env() });
    expect(await main(["integrations", "unset", id, "github"], declined)).toBe(1);
    expect(declined.err()).toContain("Type the integration's id to confirm: Cancelled: github's credentials were not removed.");
    expect(await configured()).toBe(true);
    const confirmed = fakeIO({ tty: true, input: "github\n", env: env() });
    expect(await main(["integrations", "unset", id, "github"], confirmed), confirmed.err()).toBe(0);
    expect(await configured()).toBe(false);
  });

  it("models: the docs' --provider google names Google Gemini", async () => {
    // mi integrations models --colony <colonyId> --provider google
    const models = jsonOf<Model[]>(await mi("integrations", "models", "--colony", id, "--provider", "google", "--json"));
    expect(models.length).toBeGreaterThan(0);
    expect(models.every((m) => m.provider === "google-gemini")).toBe(true);
    const table = await mi("integrations", "models", id, "--provider", "openai");
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^\S+\topenai\t.*\tyes\t/m);
  });

  it("requests: an agent's ask listed, rejected with a note, and fulfilled by set", async () => {
    const asked = jsonOf<IntegrationRequest>(
      await mi("integrations", "request", "--colony", id, "linear", "--agent", "analyst", "--reason", "Need issues", "--json"),
    );
    expect(asked).toMatchObject({ integrationId: "linear", agentName: "analyst", status: "pending", reason: "Need issues" });
    await sdk.integrations.request(id, { integrationId: "slack", agentName: "analyst", reason: "Need to post" });

    const pending = await mi("integrations", "requests", "list", "--colony", id, "--status", "pending");
    expect(pending.code, pending.stderr).toBe(0);
    expect(pending.stdout.split("\n")[0]).toMatch(/^id\tcreated\tintegration\tagent\tstatus\treason$/i);
    expect(pending.stdout).toContain(`${asked.id}\t${asked.createdAt}\tlinear\tanalyst\tpending\tNeed issues`);
    expect(
      jsonOf<IntegrationRequest[]>(await mi("integrations", "requests", id, "--json", "integrationId")).map((r) => r.integrationId),
    ).toEqual(["slack", "linear"]);

    const rejected = await mi("integrations", "requests", "reject", "--colony", id, asked.id, "--note", "Not this quarter");
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(rejected.stderr).toBe(`Rejected request ${asked.id}\n`);
    expect(fieldOf(rejected.stdout, "status")).toBe("rejected");
    expect(fieldOf(rejected.stdout, "note")).toBe("Not this quarter");
    const again = await mi("integrations", "requests", "reject", id, asked.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("rejected already");

    const set = await miWithStdin("xoxb-cli-slack\n", "integrations", "set", "--colony", id, "slack");
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain("Enabled for the agents that asked for it: analyst");
    expect(printed(set)).not.toContain("xoxb-cli-slack");
    const fulfilled = jsonOf<IntegrationRequest[]>(
      await mi("integrations", "requests", "list", id, "--status", "fulfilled", "--json", "integrationId,status"),
    );
    expect(fulfilled).toEqual([{ integrationId: "slack", status: "fulfilled" }]);
    const none = await mi("integrations", "requests", "list", id, "--status", "pending");
    expect(none).toMatchObject({ code: 0, stdout: "", stderr: "No integration requests.\n" });
  });
});
