import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OS1Client } from "../sdk/src/index.js";
import { runMi } from "./support/mi.js";
import { startTestServer, type TestServer } from "./support/server.js";

// The built mi as a subprocess (stdin, stdout and stderr are pipes): the conventions from the
// outside. Parsing, rendering and the terminal cases are tested in-process (cli/src/**,
// cli-in-process.test.ts).

let server: TestServer;
let home: string;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  home = await mkdtemp(join(tmpdir(), "mi-conventions-"));
  env = {
    MITOSIS_ENDPOINT: server.url,
    MITOSIS_API_KEY: (await server.newAccount("conventions")).apiKey,
    MI_CONFIG_DIR: join(home, "env"),
  };
});
afterAll(async () => {
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

describe("mi, run as users run it", () => {
  it("helps with mi help and mi help <command>, and has --version but no -v", async () => {
    const [top, command, version, v] = await Promise.all([
      runMi(["help"], {}),
      runMi(["help", "colonies", "delete"], {}),
      runMi(["--version"], {}),
      runMi(["-v"], {}),
    ]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^Exit codes:\n {2}0 {2}success/m);
    expect(command.code).toBe(0);
    expect(command.stdout).toMatch(/^Examples:\n {2}\$ mi colonies delete <colonyId>/m);
    expect(version).toMatchObject({ code: 0, stderr: "" });
    expect(version.stdout).toMatch(/^mi\/\d+\.\d+\.\d+ /);
    expect(v.code).toBe(2);
  });

  it("logs in with the key on stdin (--with-token) and out again", async () => {
    const configDir = join(home, "login");
    const login = await runMi(["login", "--with-token", "--endpoint", server.url], { MI_CONFIG_DIR: configDir }, `${server.adminKey}\n`);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain(`Logged in to ${server.url} as admin`);
    expect((await runMi(["whoami", "--json", "admin"], { MI_CONFIG_DIR: configDir })).stdout).toBe('{\n  "admin": true\n}\n');

    const logout = await runMi(["logout"], { MI_CONFIG_DIR: configDir });
    expect(logout).toMatchObject({ code: 0, stdout: "" });
    expect(logout.stderr).toMatch(/^Logged out: removed the API key from .*config\.json\.\n$/);
    expect((await runMi(["whoami"], { MI_CONFIG_DIR: configDir })).code).toBe(4);
  });

  it("refuses to delete an office from a script without --yes, and deletes it with --yes", async () => {
    const sdk = new OS1Client({ endpoint: server.url, auth: { type: "token", token: env.MITOSIS_API_KEY! } });
    const office = await sdk.offices.create({ name: "keep-me" });
    const refused = await runMi(["colonies", "delete", office.id], env, "keep-me\n");
    expect(refused).toMatchObject({ code: 2, stdout: "" });
    expect(refused.stderr).toMatch(/Pass --yes to delete it\./);
    expect((await sdk.offices.list()).map((o) => o.id)).toContain(office.id);

    expect(await runMi(["colonies", "delete", office.id, "--yes"], env)).toMatchObject({
      code: 0,
      stderr: `Deleted office ${office.id}\n`,
    });
    expect((await sdk.offices.list()).map((o) => o.id)).not.toContain(office.id);
  });

  it("selects --json fields, and names the available ones for an unknown field (exit 2)", async () => {
    const office = await runMi(["offices", "create", "--name", "fields", "--json", "id,name"], env);
    expect(office.code).toBe(0);
    const created = JSON.parse(office.stdout) as { id: string; name: string };
    expect(Object.keys(created)).toEqual(["id", "name"]);
    const listed = await runMi(["colonies", "list", "--json=name"], env);
    expect(JSON.parse(listed.stdout)).toEqual([{ name: "fields" }]);
    const unknown = await runMi(["colonies", "list", "--json", "nme"], env);
    expect(unknown).toMatchObject({ code: 2, stdout: "" });
    expect(unknown.stderr).toBe(
      "Unknown JSON field \"nme\" for mi offices list.\nAvailable fields:\n  createdAt\n  id\n  name\n  status\nRun 'mi offices list --help' for usage.\n",
    );
  });
});
