import { execFile } from "node:child_process";
import { lstat, mkdir, readFile, realpath, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPackedSdk, npm, userEnv, type InstalledSdk } from "./support/sdk-package.js";
import { run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

/**
 * The SDK as users get it (the SDK guide: `npm install -g @mitosislabs/sdk`, then `mi login`):
 * packed with `npm pack` (which builds it), installed from the tarball globally into a
 * temporary prefix and into a fresh npm project, then run with plain node, nothing of this
 * repository on the module path, against a real server. Dependencies come from the registry.
 */
const TSC = resolve("node_modules/typescript/bin/tsc");
const NODE_TYPES = resolve("node_modules/@types");

let server: TestServer;
let sdk: InstalledSdk;
let project: string;

beforeAll(async () => {
  server = await startTestServer();
  sdk = await installPackedSdk();
  project = join(sdk.dir, "project");
  await mkdir(project);
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "tries-the-sdk", private: true, type: "module" }, null, 2));
  await npm(["install", sdk.tarball], project);
});

afterAll(async () => {
  await server?.stop();
  await sdk?.remove();
});

describe("the packed @mitosislabs/sdk", () => {
  it("holds compiled JavaScript, declarations and the mi bin; no TypeScript sources, tests or build state", async () => {
    const { stdout } = await promisify(execFile)("tar", ["-tzf", sdk.tarball]);
    const files = stdout.split("\n").filter(Boolean);
    expect(files).toContain("package/bin/mi.js");
    expect(files).toContain("package/dist/sdk/src/index.js");
    expect(files).toContain("package/dist/sdk/src/index.d.ts");
    expect(files).toContain("package/dist/cli/src/main.js");
    expect(files).toContain("package/dist/gen/ts/mitosis/v1/office_pb.js");
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => /test|tsbuildinfo/.test(f))).toEqual([]);
    const pkg = JSON.parse(await readFile(join(project, "node_modules/@mitosislabs/sdk/package.json"), "utf8"));
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      "@anthropic-ai/sdk",
      "@bufbuild/protobuf",
      "@connectrpc/connect",
      "@connectrpc/connect-node",
      "cac",
      "openai",
    ]);
    expect(pkg.engines.node).toBe(">=22");
  });

  it("installs globally as mi, which runs on plain node from the installed copy", async () => {
    const bin = join(sdk.prefix, "bin", "mi");
    expect((await lstat(bin)).isSymbolicLink()).toBe(true);
    expect(await realpath(bin)).toBe(join(sdk.prefix, "lib/node_modules/@mitosislabs/sdk/bin/mi.js"));
    await expect(lstat(join(sdk.prefix, "lib/node_modules/tsx"))).rejects.toThrow(/ENOENT/);
    await expect(lstat(join(sdk.prefix, "lib/node_modules/@mitosislabs/sdk/node_modules/tsx"))).rejects.toThrow(/ENOENT/);

    const version = await sdk.mi(["--version"]);
    expect(version).toMatchObject({ code: 0, stderr: "" });
    expect(version.stdout).toMatch(/^mi\/0\.1\.0 /);

    const help = await sdk.mi(["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toContain("Usage:");
    expect(help.stdout).toMatch(/offices create/);
    expect(help.stdout).toMatch(/Exit codes/);
  });

  it("logs in with the key on stdin and creates an office under the docs' name, colonies", async () => {
    const login = await sdk.mi(["login", "--with-token", "--endpoint", server.url], `${server.adminKey}\n`);
    expect(login.stderr).toContain(`Logged in to ${server.url} as admin`);
    expect(login.code).toBe(0);
    // Where the docs say: ~/.mi/config.json, private to the user.
    const config = JSON.parse(await readFile(join(sdk.home, ".mi", "config.json"), "utf8"));
    expect(config).toEqual({ endpoint: server.url, token: server.adminKey });

    const created = await sdk.mi(["colonies", "create", "--name", "My Colony", "--json"]);
    expect(created.code).toBe(0);
    const office = JSON.parse(created.stdout) as { id: string; name: string; status: string };
    expect(office).toMatchObject({ name: "My Colony", status: "active" });

    const listed = await sdk.mi(["colonies", "list", "--json"]);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((o) => o.id)).toContain(office.id);
  });

  it("imports OS1Client in a fresh project and runs the SDK guide's office and task calls", async () => {
    await writeFile(join(project, "guide.mjs"), GUIDE_SCRIPT);
    const result = await run(process.execPath, ["guide.mjs"], {
      cwd: project,
      env: sdk.env({ MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: server.adminKey }),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.office).toMatchObject({ name: "code-review", status: "active" });
    expect(out.status).toMatchObject({ officeId: out.office.id, openTaskCount: 0 });
    expect(out.claimed.task).toMatchObject({ id: out.task.id, status: "claimed", assignedAgent: "reviewer" });
    expect(out.done).toMatchObject({ id: out.task.id, status: "done", result: "Found two races in the token bucket" });
    expect(out.list.map((t: { id: number }) => t.id)).toEqual([out.task.id]);
    expect(out.offices).toContain(out.office.id);
    expect(out.notFound).toBe("NotFoundError");
    // The project's own bin works too (npx mi).
    const local = await run(join(project, "node_modules/.bin/mi"), ["--version"], { cwd: project, env: sdk.env() });
    expect(local.stdout).toMatch(/^mi\/0\.1\.0 /);
  });

  it("type-checks against the package's declarations", async () => {
    await writeFile(join(project, "typed.ts"), TYPED_SCRIPT);
    const args = [TSC, "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2023"];
    const result = await run(process.execPath, [...args, "--typeRoots", NODE_TYPES, "--types", "node", "typed.ts"], {
      cwd: project,
      env: userEnv(),
    });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});

/** The SDK guide's office and task calls, as a user's first script would make them. */
const GUIDE_SCRIPT = `
import { NotFoundError, OS1Client } from "@mitosislabs/sdk";

const client = new OS1Client({
  endpoint: process.env.MITOSIS_ENDPOINT,
  auth: { type: "token", token: process.env.MITOSIS_API_KEY },
});
const office = await client.offices.create({ name: "code-review" });
const status = await client.offices.status(office.id);
const task = await client.tasks.create(office.id, { title: "Review rate-limiter.go", kind: "review", assignedAgent: "reviewer" });
const claimed = await client.tasks.claim(office.id, { agent: "reviewer" });
const done = await client.tasks.update(office.id, claimed.task.id, {
  status: "done",
  result: "Found two races in the token bucket",
  agent: "reviewer",
  leaseToken: claimed.leaseToken,
});
const list = await client.tasks.list(office.id, { status: "done" });
const offices = (await client.offices.list()).map((o) => o.id);
const notFound = await client.tasks.get(office.id, 999).catch((err) => err.constructor.name);
console.log(JSON.stringify({ office, status, task, claimed, done, list, offices, notFound }));
`;

/** The same calls in TypeScript: the package's declarations must resolve and fit. */
const TYPED_SCRIPT = `
import { OS1Client, type Office, type Task, RateLimitedError } from "@mitosislabs/sdk";

const client = new OS1Client({ endpoint: "http://127.0.0.1:8080", auth: { type: "token", token: "mi_key" }, timeoutMs: 10_000, retry: { maxAttempts: 2 } });
export async function first(): Promise<[Office, Task[]]> {
  const office = await client.offices.create({ name: "typed" });
  return [office, await client.tasks.list(office.id, { status: "queued,running", limit: 5 })];
}
export const retryAfter = (err: unknown): number | undefined => (err instanceof RateLimitedError ? err.retryAfter : undefined);
`;
