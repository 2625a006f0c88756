import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Office, OfficeSettings, OfficeStatus } from "../sdk/src/index.js";
import { runMi } from "./support/mi.js";
import type { Run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let home: string;
beforeAll(async () => {
  server = await startTestServer();
  home = await mkdtemp(join(tmpdir(), "mi-cli-"));
});
afterAll(async () => {
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

/** Runs `mi` with its own config dir (and any extra environment). */
function mi(args: string[], opts: { configDir?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return runMi(args, { MI_CONFIG_DIR: opts.configDir ?? join(home, "default"), ...opts.env });
}

const json = <T>(run: Run): T => {
  expect(run.stderr).not.toMatch(/error/i);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
};

describe("mi login", () => {
  it("explains where to get a key when run without --token (usage error)", async () => {
    const run = await mi(["login", "--endpoint", server.url], { configDir: join(home, "no-token") });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("admin.key");
    expect(run.stdout).toBe("");
  });

  it("refuses a wrong key with exit code 4 and saves nothing", async () => {
    const configDir = join(home, "wrong-key");
    const run = await mi(["login", "--endpoint", server.url, "--token", "mi_wrong"], { configDir });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/Run mi login to re-authenticate/);
    await expect(stat(join(configDir, "config.json"))).rejects.toThrow(/ENOENT/);
  });

  it("verifies the key, says who you are and saves it privately", async () => {
    const configDir = join(home, "admin");
    const run = await mi(["login", "--endpoint", server.url, "--token", server.adminKey], { configDir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Logged in to ${server.url} as admin`);
    const file = join(configDir, "config.json");
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ endpoint: server.url, token: server.adminKey });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const me = json<{ admin: boolean; name: string }>(await mi(["whoami", "--json"], { configDir }));
    expect(me).toMatchObject({ admin: true });
  });
});

describe("mi colonies / mi offices", () => {
  let configDir: string;
  beforeAll(async () => {
    const { apiKey } = await server.newAccount("cli-user");
    configDir = join(home, "cli-user");
    expect((await mi(["login", "--endpoint", server.url, "--token", apiKey], { configDir })).code).toBe(0);
  });

  it("follows the docs: create, list, status, settings, delete", async () => {
    const office = json<Office>(await mi(["colonies", "create", "--name", "code-review", "--json"], { configDir }));
    expect(office).toMatchObject({ name: "code-review", status: "active" });

    expect(json<Office[]>(await mi(["colonies", "list", "--json"], { configDir }))).toEqual([office]);
    // Piped, the table is tab-separated (aligned columns are for terminals: cli/src/table.test.ts).
    const table = await mi(["colonies", "list"], { configDir });
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(`ID\tNAME\tSTATUS\tCREATED\n${office.id}\tcode-review\tactive\t${office.createdAt}\n`);

    const status = json<OfficeStatus>(await mi(["colonies", "status", office.id, "--json"], { configDir }));
    expect(status).toEqual({
      officeId: office.id,
      status: "active",
      agentCount: 0,
      runningAgentCount: 0,
      openTaskCount: 0,
      creditBalance: 0,
    });
    const human = await mi(["colonies", "status", "--colony", office.id], { configDir });
    expect(human.stdout).toMatch(/^status: +active$/m);

    const settings = json<OfficeSettings>(
      await mi(["colonies", "settings", "set", office.id, "--allow-agent-hiring", "true", "--json"], { configDir }),
    );
    expect(settings.allowAgentHiring).toBe(true);
    expect(json<OfficeSettings>(await mi(["offices", "settings", "--office", office.id, "--json"], { configDir })).allowAgentHiring).toBe(
      true,
    );

    // Without a terminal to ask on, deleting takes --yes.
    const deleted = await mi(["colonies", "delete", office.id, "--yes"], { configDir });
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe("");
    expect(deleted.stderr).toContain(`Deleted office ${office.id}`);

    const gone = await mi(["colonies", "get", office.id], { configDir });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`office ${office.id} not found`);
    expect(json<Office[]>(await mi(["colonies", "list", "--json"], { configDir }))).toEqual([]);
  });

  it("treats offices and colonies as the same commands, and --colony as --office", async () => {
    const office = json<Office>(await mi(["offices", "create", "--name", "007", "--json"], { configDir }));
    // Typed values stay strings: "007" must not become the number 7.
    expect(office.name).toBe("007");
    const [viaOffices, viaColonies, viaFlag] = await Promise.all([
      mi(["offices", "list", "--json"], { configDir }),
      mi(["colonies", "list", "--json"], { configDir }),
      mi(["offices", "get", "--colony", office.id, "--json"], { configDir }),
    ]);
    expect(json<Office[]>(viaOffices)).toEqual(json<Office[]>(viaColonies));
    expect(json<Office>(viaFlag)).toEqual(office);
  });
});

describe("mi exit codes", () => {
  it("exits 4 when the key is refused or missing", async () => {
    const [bad, none] = await Promise.all([
      mi(["colonies", "list"], { env: { MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: "mi_revoked_or_wrong" } }),
      mi(["colonies", "list"], { configDir: join(home, "nobody") }),
    ]);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/Invalid or expired API key\. Run mi login to re-authenticate\./);
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/Not logged in/);
  });

  it("exits 1 for a missing office, with the server's message and the hint", async () => {
    const run = await mi(["offices", "status", "00000000-0000-4000-8000-000000000000"], {
      env: { MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: server.adminKey },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not found/);
    expect(run.stderr).toContain("mi colonies list");
  });

  it("exits 2 with a clear message for usage errors", async () => {
    const cases: [string[], RegExp][] = [
      [["colonies", "list", "--bogus"], /Unknown option `--bogus`/],
      [["colonies", "create"], /Missing --name/],
      [["colonies", "create", "--name"], /--name <name> needs a value/],
      [["colonies", "status"], /Missing office id/],
      [["colonies", "settings", "set", "x", "--allow-agent-hiring", "maybe"], /must be true or false/],
      [["colonies", "settings", "set", "x"], /Nothing to change/],
      [["colonies"], /mi colonies needs a command/],
      [["colonies", "launch"], /Unknown command "colonies launch"/],
      [["api-keys", "revoke"], /Missing argument/],
    ];
    const runs = await Promise.all(
      cases.map(([args]) => mi(args, { env: { MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: server.adminKey } })),
    );
    runs.forEach((run, i) => {
      expect(run.code, cases[i]![0].join(" ")).toBe(2);
      expect(run.stderr).toMatch(cases[i]![1]);
      expect(run.stdout).toBe("");
    });
  });

  it("documents the exit codes in mi --help", async () => {
    const run = await mi(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Exit codes:\n\s+0 +success\n\s+1 +error.*\n\s+2 +usage error.*\n\s+4 +authentication error/);
  });
});

describe("mi api-keys", () => {
  it("creates a key that works, lists it, and revokes it", async () => {
    const configDir = join(home, "keys");
    const { apiKey } = await server.newAccount("key-owner");
    await mi(["login", "--endpoint", server.url, "--token", apiKey], { configDir });

    const created = await mi(["api-keys", "create", "--name", "ci"], { configDir });
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/not shown again/);
    const secret = created.stdout.trim();
    const asNewKey = { configDir: join(home, "unused"), env: { MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: secret } };
    expect(json<{ name: string }>(await mi(["whoami", "--json"], asNewKey)).name).toBe("key-owner");

    const listed = json<{ id: string; name: string }[]>(await mi(["api-keys", "list", "--json"], { configDir }));
    const key = listed.find((k) => k.name === "ci")!;
    expect(key).toBeDefined();
    expect((await mi(["api-keys", "revoke", key.id], { configDir })).code).toBe(0);
    expect((await mi(["whoami"], asNewKey)).code).toBe(4);
  });
});
