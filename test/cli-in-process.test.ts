import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY } from "../cli/src/commands/index.js";
import { main } from "../cli/src/main.js";
import { NotFoundError, OS1Client } from "../sdk/src/index.js";
import { type FakeIOOptions, fakeIO } from "./support/fake-io.js";
import { startTestServer, type TestServer } from "./support/server.js";

// mi run in this process (main with fake terminal or pipe streams) against a real server: the
// delete confirmation, login and logout, tables for terminals and pipes, and --json fields on
// real results. The few subprocess runs are in cli-conventions.test.ts.

let server: TestServer;
let apiKey: string;
let sdk: OS1Client;
let home: string;
beforeAll(async () => {
  server = await startTestServer();
  apiKey = (await server.newAccount("in-process")).apiKey;
  sdk = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
  home = await mkdtemp(join(tmpdir(), "mi-in-process-"));
});
afterAll(async () => {
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

/** Runs mi in-process as the test account (unless `env` says otherwise). */
async function mi(argv: string[], opts: FakeIOOptions = {}) {
  const env = { MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: join(home, "unused"), ...opts.env };
  const io = fakeIO({ ...opts, env });
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err(), rawModes: io.rawModes };
}

/** Whether the office is still there. */
async function exists(officeId: string): Promise<boolean> {
  try {
    await sdk.offices.get(officeId);
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

describe("mi offices delete", () => {
  it("on a terminal, deletes only when the office's name or id is typed back", async () => {
    const office = await sdk.offices.create({ name: "code-review" });
    for (const answer of ["y", "yes", "no", "code-revie", ""]) {
      const run = await mi(["colonies", "delete", office.id], { tty: true, input: `${answer}\n` });
      expect(run.stderr).toContain(`This deletes office code-review (${office.id}) with all its agents, tasks and files.`);
      expect(run.stderr).toContain("Type the office's name or id to confirm: ");
      expect(run.stderr).toContain(`Cancelled: office ${office.id} was not deleted.`);
      expect({ answer, code: run.code, stdout: run.stdout }).toEqual({ answer, code: 1, stdout: "" });
      expect(await exists(office.id)).toBe(true);
    }
    const run = await mi(["colonies", "delete", office.id], { tty: true, input: "code-review\n" });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`Type the office's name or id to confirm: Deleted office ${office.id} \\(code-review\\)\\n$`));
    expect(await exists(office.id)).toBe(false);

    const byId = await sdk.offices.create({ name: "by-id" });
    expect((await mi(["offices", "delete", "--office", byId.id], { tty: true, input: `${byId.id}\n` })).code).toBe(0);
    expect(await exists(byId.id)).toBe(false);
  });

  it("without a terminal, refuses without --yes (exit 2, nothing deleted) and deletes with it", async () => {
    const office = await sdk.offices.create({ name: "scripted" });
    const refused = await mi(["colonies", "delete", office.id], { input: "scripted\n" });
    expect(refused).toMatchObject({ code: 2, stdout: "" });
    expect(refused.stderr).toContain("Pass --yes to delete it.");
    expect(await exists(office.id)).toBe(true);

    const deleted = await mi(["colonies", "delete", office.id, "--yes"]);
    expect(deleted).toMatchObject({ code: 0, stdout: "", stderr: `Deleted office ${office.id}\n` });
    expect(await exists(office.id)).toBe(false);
  });

  it("does not ask on a terminal with -y", async () => {
    const office = await sdk.offices.create({ name: "sure" });
    const run = await mi(["offices", "delete", office.id, "-y"], { tty: true });
    expect(run).toMatchObject({ code: 0, stderr: `Deleted office ${office.id}\n` });
  });
});

describe("mi login and mi logout", () => {
  const configDir = () => join(home, "login");
  const noKey = () => ({ MI_CONFIG_DIR: configDir(), MITOSIS_API_KEY: "", MITOSIS_ENDPOINT: "" });

  it("asks for the key at a terminal without echo, checks it, saves it; logout removes it", async () => {
    const login = await mi(["login", "--endpoint", server.url], { tty: true, input: `${apiKey}\r`, env: noKey() });
    expect(login.code, login.stderr).toBe(0);
    expect(login.rawModes).toEqual([true, false]);
    expect(login.stderr).not.toContain(apiKey);
    expect(login.stderr).toContain(`Paste your API key (input hidden): \nLogged in to ${server.url} as in-process`);
    const file = join(configDir(), "config.json");
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ endpoint: server.url, token: apiKey });
    expect(JSON.parse((await mi(["whoami", "--json", "name"], { env: noKey() })).stdout)).toEqual({ name: "in-process" });

    const logout = await mi(["logout"], { env: noKey() });
    expect(logout).toMatchObject({ code: 0, stdout: "", stderr: `Logged out: removed the API key from ${file}.\n` });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ endpoint: server.url });
    const after = await mi(["whoami"], { env: noKey() });
    expect(after.code).toBe(4);
    expect(after.stderr).toMatch(/^Not logged in\. Run mi login/);
    expect((await mi(["logout"], { env: noKey() })).stderr).toBe(`Not logged in: no API key is saved in ${file}.\n`);
    // The environment's key still logs mi in; logout says so.
    expect((await mi(["logout"], { env: { MI_CONFIG_DIR: configDir() } })).stderr).toContain("MITOSIS_API_KEY is still set");
  });

  it("reads the key from stdin with --with-token, using the saved endpoint", async () => {
    const run = await mi(["login", "--with-token"], { input: `  ${apiKey}\n`, env: noKey() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Logged in to ${server.url} as in-process`);
    const twoWords = await mi(["login", "--with-token"], { input: `${apiKey} extra\n`, env: noKey() });
    expect(twoWords.code).toBe(2);
    expect(twoWords.stderr).toContain("is not one API key");
    const empty = await mi(["login", "--with-token"], { input: "", env: noKey() });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("No API key was read from stdin.");
    const refused = await mi(["login", "--with-token"], { input: "mi_wrong\n", env: noKey() });
    expect(refused.code).toBe(4);
  });
});

describe("tables on terminals and in pipes, with real results", () => {
  it("fit a narrow terminal and stay whole in a pipe", async () => {
    const office = await sdk.offices.create({ name: "tables" });
    const title = "Analyze performance characteristics of the rate limiter under sustained load";
    await sdk.tasks.create(office.id, { title, assignedAgent: "analyst" });
    const narrow = await mi(["tasks", "list", "--colony", office.id], { tty: true, columns: 60 });
    expect(narrow.code).toBe(0);
    const lines = narrow.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID +PARENT +STATUS +KIND +PRIORITY +AGENT +TITLE$/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
    expect(lines[1]).toMatch(/^1 +- +queued +general +50 +analyst +Analyze per…$/);
    // Columns line up under their headers.
    expect(lines[1]?.indexOf("analyst")).toBe(lines[0]?.indexOf("AGENT"));

    const piped = await mi(["tasks", "list", "--colony", office.id]);
    expect(piped.stdout).toBe(`ID\tPARENT\tSTATUS\tKIND\tPRIORITY\tAGENT\tTITLE\n1\t-\tqueued\tgeneral\t50\tanalyst\t${title}\n`);
  });
});

describe("--json on real results", () => {
  const declared = (name: string) => REGISTRY.commands.find((c) => c.name === name)?.json ?? [];

  it("prints exactly the declared fields' worth of keys, and only the chosen ones with a field list", async () => {
    const office = await sdk.offices.create({ name: "json" });
    await sdk.tasks.create(office.id, { title: "parent" });
    await sdk.tasks.create(office.id, { title: "child", parentId: 1 });
    await sdk.tasks.comment(office.id, 1, { message: "hi" });
    await sdk.tasks.addArtifact(office.id, 1, { kind: "file", path: "/shared/files/a.md" });
    const runs: [string, string[]][] = [
      ["offices list", ["offices", "list"]],
      ["offices get", ["offices", "get", office.id]],
      ["offices status", ["offices", "status", office.id]],
      ["offices settings", ["offices", "settings", office.id]],
      ["tasks list", ["tasks", "list", office.id]],
      ["tasks get", ["tasks", "get", office.id, "1"]],
      ["tasks subtasks", ["tasks", "subtasks", office.id, "1"]],
      ["tasks stats", ["tasks", "stats", office.id]],
      ["tasks comments", ["tasks", "comments", office.id, "1"]],
      ["tasks artifacts", ["tasks", "artifacts", office.id, "1"]],
      ["tasks events", ["tasks", "events", office.id]],
      ["tasks claim", ["tasks", "claim", office.id, "--agent", "a"]],
      ["api-keys list", ["api-keys", "list"]],
      ["whoami", ["whoami"]],
    ];
    for (const [name, argv] of runs) {
      const run = await mi([...argv, "--json"]);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      const value = JSON.parse(run.stdout) as object | object[];
      const first = Array.isArray(value) ? value[0] : value;
      expect(first, name).toBeDefined();
      // Every key printed is selectable (optional fields may be absent from a given result).
      for (const key of Object.keys(first as object)) expect(declared(name), `${name}.${key}`).toContain(key);
    }

    const chosen = await mi(["tasks", "list", office.id, "--json", "id,title,parentId"]);
    expect(JSON.parse(chosen.stdout)).toEqual([
      { id: 2, title: "child", parentId: 1 },
      { id: 1, title: "parent", parentId: null },
    ]);
    const unknown = await mi(["tasks", "list", office.id, "--json", "id,name"]);
    expect(unknown).toMatchObject({ code: 2, stdout: "" });
    expect(unknown.stderr).toMatch(/^Unknown JSON field "name" for mi tasks list\.\nAvailable fields:\n {2}assignedAgent\n/);
  });
});
