/**
 * `mi env` as a user runs it (a subprocess of the built package) against a real server: the
 * docs' lines literally, --secret values read from stdin and never printed nor on the command
 * line, the merged view of an agent with its SCOPE column, and usage errors that send nothing.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EnvVar, OS1Client } from "../sdk/src/index.js";
import type { Logger } from "../src/log.js";
import { loadSecretBox } from "../src/secrets/master-key.js";
import { jsonOf, runMi } from "./support/mi.js";
import type { Run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

const SECRET = "ghp_PipedNeverPrinted_7c21";
const MASK = "••••••••";

let server: TestServer;
let apiKey: string;
let sdk: OS1Client;
beforeAll(async () => {
  server = await startTestServer({ MI_AGENT_RECONCILE_MS: "200", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_AGENT_WARM_POOL: "1" });
  ({ apiKey } = await server.newAccount("cli-env"));
  sdk = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
});
afterAll(async () => server?.stop());

const env = () => ({ MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: "/nonexistent" });
const mi = (...args: string[]): Promise<Run> => runMi(args, env());
const miWithStdin = (input: string, ...args: string[]): Promise<Run> => runMi(args, env(), input);

/** Tab-separated rows of piped table output, header first. */
const rows = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .map((line) => line.split("\t"));

/** The plaintext the server stored for an office-wide variable: what an agent's worker would get. */
async function storedValue(officeId: string, key: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 1 });
  try {
    const row = (
      await pool.query("select sealed_value from env_var where office_id = $1 and agent_id is null and key = $2", [officeId, key])
    ).rows[0];
    const box = await loadSecretBox({ previousKeyFiles: [] }, server.dataDir, { info() {} } as unknown as Logger);
    return box.open(row.sealed_value, `env/${officeId}/office/${key}`);
  } finally {
    await pool.end();
  }
}

describe("mi env, following the docs", () => {
  it("set, list and delete (the docs' lines)", async () => {
    const id = (await sdk.offices.create({ name: "env" })).id;

    const empty = await mi("env", "list", "--colony", id);
    expect(empty).toMatchObject({ code: 0, stdout: "", stderr: `No variables. Set one with mi env set --colony ${id} KEY=value\n` });

    // mi env set --colony <colonyId> KEY=value
    const set = await mi("env", "set", "--colony", id, "KEY=value");
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toBe("Set KEY; hosted agents pick changes up on their next restart.\n");
    expect(rows(set.stdout)[1]?.slice(0, 3)).toEqual(["KEY", "value", "office"]);

    const several = await mi("env", "set", id, "API_BASE_URL=https://api.example.com/?a=b", "EMPTY=");
    expect(several.code, several.stderr).toBe(0);

    // mi env list --colony <colonyId>
    const listed = await mi("env", "list", "--colony", id);
    expect(listed.code, listed.stderr).toBe(0);
    const table = rows(listed.stdout);
    expect(table[0]).toEqual(["KEY", "VALUE", "SCOPE", "UPDATED"]);
    expect(table.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ["API_BASE_URL", "https://api.example.com/?a=b", "office"],
      ["EMPTY", "", "office"],
      ["KEY", "value", "office"],
    ]);
    expect(table[1]?.[3]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(jsonOf<Partial<EnvVar>[]>(await mi("env", "list", id, "--json", "key,value"))).toEqual([
      { key: "API_BASE_URL", value: "https://api.example.com/?a=b" },
      { key: "EMPTY", value: "" },
      { key: "KEY", value: "value" },
    ]);

    // mi env delete --colony <colonyId> KEY
    const deleted = await mi("env", "delete", "--colony", id, "KEY");
    expect(deleted).toMatchObject({ code: 0, stdout: "", stderr: "Deleted KEY from the office.\n" });
    expect((await sdk.env.list(id)).map((v) => v.key)).toEqual(["API_BASE_URL", "EMPTY"]);
    const again = await mi("env", "delete", "--colony", id, "KEY");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no variable KEY/);
  });

  it("--secret reads the value from stdin (KEY alone or KEY=-), stores it exactly, and never prints it", async () => {
    const id = (await sdk.offices.create({ name: "secrets" })).id;

    const piped = await miWithStdin(`${SECRET}\n`, "env", "set", "--colony", id, "--secret", "GITHUB_TOKEN");
    expect(piped.code, piped.stderr).toBe(0);
    expect(rows(piped.stdout)[1]?.slice(0, 3)).toEqual(["GITHUB_TOKEN", MASK, "office"]);
    // One trailing line break dropped; the rest exactly as piped.
    expect(await storedValue(id, "GITHUB_TOKEN")).toBe(SECRET);

    const dash = await miWithStdin(`${SECRET}-2`, "env", "set", "--colony", id, "--secret", "NPM_TOKEN=-", "--json");
    expect(jsonOf<EnvVar[]>(dash)).toMatchObject([{ key: "NPM_TOKEN", value: "", secret: true, maskedValue: MASK }]);
    expect(await storedValue(id, "NPM_TOKEN")).toBe(`${SECRET}-2`);

    const list = await mi("env", "list", "--colony", id);
    const json = await mi("env", "list", "--colony", id, "--json");
    for (const run of [piped, dash, list, json]) expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(
      rows(list.stdout)
        .slice(1)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ["GITHUB_TOKEN", MASK],
      ["NPM_TOKEN", MASK],
    ]);

    // A secret typed on the command line works, with a warning about where it now sits.
    const inline = await mi("env", "set", "--colony", id, "--secret", "OTHER=inline-value");
    expect(inline.code, inline.stderr).toBe(0);
    expect(inline.stderr).toMatch(/Note: the value of OTHER was on the command line/);
    expect(inline.stdout + inline.stderr).not.toContain("inline-value");

    // Nothing piped: refused rather than stored empty.
    const nothing = await miWithStdin("", "env", "set", "--colony", id, "--secret", "EMPTY_SECRET");
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/No value was read for EMPTY_SECRET/);
    // All of stdin is one value: two secrets to read is a usage error.
    const two = await miWithStdin("a\nb\n", "env", "set", "--colony", id, "--secret", "A", "B");
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/Only one value can be read from stdin/);
    expect((await sdk.env.list(id)).map((v) => v.key)).toEqual(["GITHUB_TOKEN", "NPM_TOKEN", "OTHER"]);
  });

  it("--agent sets and deletes an agent's own variables; list --agent shows the merged view with SCOPE", async () => {
    const id = (await sdk.offices.create({ name: "agent env" })).id;
    await sdk.credits.add(id, { amount: 100 });
    await sdk.agents.hire(id, { name: "coder" });
    await sdk.env.set(id, "LOG_LEVEL", "info");
    await sdk.env.set(id, "REGION", "eu-west-1");

    const own = await mi("env", "set", "--colony", id, "--agent", "coder", "LOG_LEVEL=debug", "EXTRA=1");
    expect(own.code, own.stderr).toBe(0);
    expect(own.stderr).toBe("Set LOG_LEVEL, EXTRA for agent coder; hosted agents pick changes up on their next restart.\n");
    expect(
      rows(own.stdout)
        .slice(1)
        .map((r) => r.slice(0, 3)),
    ).toEqual([
      ["LOG_LEVEL", "debug", "agent"],
      ["EXTRA", "1", "agent"],
    ]);
    const token = await miWithStdin(SECRET, "env", "set", "--colony", id, "--agent", "coder", "--secret", "TOKEN");
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout + token.stderr).not.toContain(SECRET);

    const merged = await mi("env", "list", "--colony", id, "--agent", "coder");
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).not.toContain(SECRET);
    expect(rows(merged.stdout).map((r) => r.slice(0, 3))).toEqual([
      ["KEY", "VALUE", "SCOPE"],
      ["EXTRA", "1", "agent"],
      ["LOG_LEVEL", "debug", "agent"],
      ["REGION", "eu-west-1", "office"],
      ["TOKEN", MASK, "agent"],
    ]);

    const deleted = await mi("env", "delete", "--colony", id, "--agent", "coder", "LOG_LEVEL");
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stderr).toMatch(/Deleted agent coder's own LOG_LEVEL/);
    expect((await sdk.env.getAgentEnv(id, "coder")).find((v) => v.key === "LOG_LEVEL")).toMatchObject({ value: "info", scope: "office" });

    const ghost = await mi("env", "list", "--colony", id, "--agent", "ghost");
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toMatch(/agent ghost not found/);
  });

  it("bad keys are usage errors (exit 2) and send nothing", async () => {
    const id = (await sdk.offices.create({ name: "bad keys" })).id;
    for (const args of [
      ["env", "set", "--colony", id, "BAD-KEY=1"],
      ["env", "set", "--colony", id, "MI_AGENT_ID=1"],
      ["env", "set", "--colony", id, "NO_VALUE"],
      ["env", "set", "--colony", id],
      ["env", "delete", "--colony", id, "1BAD"],
    ]) {
      const run = await mi(...args);
      expect(run.code, args.join(" ")).toBe(2);
    }
    expect(await sdk.env.list(id)).toEqual([]);
  });
});
