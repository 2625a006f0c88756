/**
 * `mi files` as users run it (the built mi as a subprocess) against a real server, Postgres and
 * the run's object store, following the docs' command lines: push, list, pull (byte-identical),
 * changes, rm --yes; stdin and stdout as files, and the errors people meet. The progress bar
 * and the delete confirmation at a terminal run in-process with fake terminals.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY } from "../cli/src/commands/index.js";
import { main } from "../cli/src/main.js";
import { type FileChangePage, type FileInfo, NotFoundError, OS1Client } from "../sdk/src/index.js";
import { type FakeIOOptions, fakeIO } from "./support/fake-io.js";
import { fieldOf, jsonOf, runMi } from "./support/mi.js";
import type { Run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let apiKey: string;
let accountId: string;
let sdk: OS1Client;
let home: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ apiKey, accountId } = await server.newAccount("cli-files"));
  sdk = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
  home = await mkdtemp(join(tmpdir(), "mi-files-"));
});
afterAll(async () => {
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

const env = () => ({ MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: join(home, "unused") });
/** Runs the built mi in `cwd` (a directory of the test's own). */
const mi = (cwd: string, args: string[], input?: string): Promise<Run> => runMi(args, env(), input, { cwd });
const ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A fresh working directory under the test's home. */
async function workdir(name: string): Promise<string> {
  const dir = join(home, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Bytes that differ along the file, so a chunk out of place shows. */
function content(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
  return bytes;
}

async function exists(colonyId: string, path: string): Promise<boolean> {
  try {
    await sdk.files.get(colonyId, path);
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

describe("mi files, following the docs", () => {
  it("push, list, pull byte-identical, changes, rm --yes", async () => {
    const here = await workdir("docs");
    const id = (await sdk.offices.create({ name: "code-review" })).id;
    await mkdir(join(here, "src"));
    const code = Buffer.from("package ratelimit\n\nfunc Allow() bool { return true }\n");
    await writeFile(join(here, "src", "rate-limiter.go"), code);
    const big = content(3 * 1024 * 1024 + 5);
    await writeFile(join(here, "big.bin"), big);

    // mi files push --colony <id> ./src/rate-limiter.go: stored under its name.
    const pushed = await mi(here, ["files", "push", "--colony", id, "./src/rate-limiter.go"]);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stderr).toBe(`Uploaded ./src/rate-limiter.go to rate-limiter.go (${code.byteLength} B)\n`);
    expect(fieldOf(pushed.stdout, "path")).toBe("rate-limiter.go");
    expect(fieldOf(pushed.stdout, "size")).toBe(`${code.byteLength} bytes`);
    expect(fieldOf(pushed.stdout, "type")).toBe("text/x-go");
    expect(fieldOf(pushed.stdout, "sha256")).toBe(sha(code));
    expect(fieldOf(pushed.stdout, "modified by")).toBe(`operator:${accountId}`);
    // Into a folder, with --office, as JSON.
    const bigPushed = jsonOf<FileInfo>(await mi(here, ["files", "push", "--office", id, "big.bin", "data/", "--json"]));
    expect(bigPushed).toMatchObject({ path: "data/big.bin", size: big.byteLength, sha256: sha(big) });
    // Every key printed is one --json can select.
    expect(Object.keys(bigPushed).sort()).toEqual([...(REGISTRY.commands.find((c) => c.name === "files push")?.json ?? [])].sort());

    // mi files list --colony <id>: piped, tab-separated with exact sizes.
    const listed = await mi(here, ["files", "list", "--colony", id]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(
        `^PATH\\tSIZE\\tMODIFIED\\tBY\\ndata/big\\.bin\\t${big.byteLength}\\t${ISO}\\toperator:${accountId}\\n` +
          `rate-limiter\\.go\\t${code.byteLength}\\t${ISO}\\toperator:${accountId}\\n$`,
      ),
    );
    expect(jsonOf<Pick<FileInfo, "path">[]>(await mi(here, ["files", "ls", id, "--prefix", "data/", "--json", "path"]))).toEqual([
      { path: "data/big.bin" },
    ]);
    expect(jsonOf<unknown[]>(await mi(here, ["files", "list", "--colony", id, "--limit", "1", "--json"]))).toHaveLength(1);

    // mi files pull --colony <id> rate-limiter.go: into the current directory, byte for byte.
    const there = await workdir("docs-pulled");
    const pulled = await mi(there, ["files", "pull", "--colony", id, "rate-limiter.go"]);
    expect(pulled).toMatchObject({ code: 0, stdout: "", stderr: `Downloaded rate-limiter.go to rate-limiter.go (${code.byteLength} B)\n` });
    expect((await readFile(join(there, "rate-limiter.go"))).equals(code)).toBe(true);
    const pulledBig = await mi(there, ["files", "pull", "--colony", id, "data/big.bin", "copies/", "--json", "sha256"]);
    expect(pulledBig.code, pulledBig.stderr).toBe(1);
    expect(pulledBig.stderr).toBe(`Cannot write ${join("copies", "big.bin")}: no such file or directory.\n`);
    await mkdir(join(there, "copies"));
    expect(jsonOf(await mi(there, ["files", "pull", "--colony", id, "data/big.bin", "copies/", "--json", "sha256"]))).toEqual({
      sha256: sha(big),
    });
    expect((await readFile(join(there, "copies", "big.bin"))).equals(big)).toBe(true);
    expect((await readdir(there)).sort()).toEqual(["copies", "rate-limiter.go"]);

    // mi files changes --colony <id>: the two uploads, then the cursor to poll from.
    const changes = await mi(here, ["files", "changes", "--colony", id]);
    expect(changes.code, changes.stderr).toBe(0);
    const rows = changes.stdout.trimEnd().split("\n");
    expect(rows[0]).toBe("ID\tTYPE\tPATH\tSIZE\tBY\tCHANGED");
    expect(rows.slice(1).map((r) => r.split("\t").slice(1, 4))).toEqual([
      ["created", "rate-limiter.go", String(code.byteLength)],
      ["created", "data/big.bin", String(big.byteLength)],
    ]);
    const cursor = Number(rows.at(-1)!.split("\t")[0]);
    expect(changes.stderr).toBe(`Next: mi files changes --colony ${id} --since ${cursor}\n`);
    expect(await mi(here, ["files", "changes", "--colony", id, "--since", String(cursor)])).toMatchObject({
      code: 0,
      stdout: "",
      stderr: `No changes after ${cursor}. Next: mi files changes --colony ${id} --since ${cursor}\n`,
    });

    // mi files rm: without a terminal, only with --yes.
    const refused = await mi(here, ["files", "rm", "--colony", id, "rate-limiter.go"]);
    expect(refused).toMatchObject({ code: 2, stdout: "" });
    expect(refused.stderr).toContain("Pass --yes to delete it.");
    expect(await exists(id, "rate-limiter.go")).toBe(true);
    const removed = await mi(here, ["files", "rm", "--colony", id, "rate-limiter.go", "--yes"]);
    expect(removed).toMatchObject({ code: 0, stdout: "", stderr: `Deleted rate-limiter.go from the drive of office ${id}\n` });
    expect(await exists(id, "rate-limiter.go")).toBe(false);

    const after = jsonOf<FileChangePage>(await mi(here, ["files", "changes", "--colony", id, "--since", String(cursor), "--json"]));
    expect(after.changes.map((c) => [c.type, c.path, c.file])).toEqual([["deleted", "rate-limiter.go", null]]);
    expect(after).toMatchObject({ next: after.changes[0]!.id, hasMore: false });
    expect(after.next).toBeGreaterThan(cursor);
  });

  it("pushes stdin and pulls to stdout", async () => {
    const here = await workdir("stdio");
    const id = (await sdk.offices.create({ name: "stdio" })).id;
    const text = "line one\nline two ✓\n";
    const pushed = await mi(here, ["files", "push", "--colony", id, "-", "logs/build.log", "--json", "path,size,contentType"], text);
    expect(jsonOf(pushed)).toEqual({ path: "logs/build.log", size: Buffer.byteLength(text), contentType: "application/octet-stream" });
    // With --json, stderr stays quiet; without, it says what was stored.
    expect(pushed.stderr).toBe("");
    const again = await mi(here, ["files", "push", "--colony", id, "-", "logs/build.log"], text);
    expect(again).toMatchObject({ code: 0, stderr: `Uploaded stdin to logs/build.log (${Buffer.byteLength(text)} B)\n` });
    const pulled = await mi(here, ["files", "pull", id, "logs/build.log", "-"]);
    expect(pulled).toMatchObject({ code: 0, stdout: text, stderr: `Downloaded logs/build.log (${Buffer.byteLength(text)} B)\n` });
    expect(await readdir(here)).toEqual([]);

    const noRemote = await mi(here, ["files", "push", "--colony", id, "-"], text);
    expect(noRemote.code).toBe(2);
    expect(noRemote.stderr).toContain("mi needs the path to store it under");
  });

  it("says what went wrong, and leaves nothing behind", async () => {
    const here = await workdir("errors");
    const id = (await sdk.offices.create({ name: "errors" })).id;
    await writeFile(join(here, "a.txt"), "a");

    const noLocal = await mi(here, ["files", "push", "--colony", id, "./missing.txt"]);
    expect(noLocal).toMatchObject({ code: 1, stdout: "", stderr: "Cannot read ./missing.txt: no such file or directory.\n" });
    const traversal = await mi(here, ["files", "push", "--colony", id, "a.txt", "../evil.txt"]);
    expect(traversal).toMatchObject({ code: 1, stdout: "" });
    expect(traversal.stderr).toBe(`path must not have empty, '.' or '..' segments; got "../evil.txt".\n`);
    const missing = await mi(here, ["files", "pull", "--colony", id, "report.md"]);
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toContain("file report.md not found");
    const missingRm = await mi(here, ["files", "rm", "--colony", id, "report.md", "--yes"]);
    expect(missingRm.code).toBe(1);
    expect(await readdir(here)).toEqual(["a.txt"]);
    expect(await sdk.files.list(id)).toEqual([]);

    const { apiKey: otherKey } = await server.newAccount("cli-files-stranger");
    const stranger = await runMi(["files", "list", "--colony", id], { ...env(), MITOSIS_API_KEY: otherKey }, undefined, { cwd: here });
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/not found/i);
  });
});

describe("mi files at a terminal (in-process)", () => {
  /** Runs mi in this process with fake streams, in the test's directory `cwd` (file paths given absolute). */
  async function miIn(argv: string[], opts: FakeIOOptions = {}) {
    const io = fakeIO({ ...opts, env: { ...env(), ...opts.env } });
    const started = performance.now();
    const code = await main(argv, io);
    return { code, stdout: io.out(), stderr: io.err(), elapsedMs: performance.now() - started };
  }

  /** The progress lines drawn (each starts with a carriage return), with the erase-to-the-right sequence shown as "<EL>". */
  const drawings = (stderr: string) => stderr.replaceAll("\u001b[K", "<EL>").split("\r").slice(1);

  it("draws a progress bar on stderr for push and pull on a terminal, redrawn at most ~10 times a second", async () => {
    const dir = await workdir("tty");
    const id = (await sdk.offices.create({ name: "tty" })).id;
    const big = content(3 * 1024 * 1024);
    await writeFile(join(dir, "big.bin"), big);

    const push = await miIn(["files", "push", "--colony", id, join(dir, "big.bin")], { tty: true, columns: 100 });
    expect(push.code, push.stderr).toBe(0);
    const pushed = drawings(push.stderr);
    // Two stages, hashing the local file and sending it, each drawn from its start; then the final count.
    expect(pushed.length).toBeGreaterThanOrEqual(3);
    expect(pushed.length).toBeLessThanOrEqual(Math.ceil(push.elapsedMs / 100) + 4);
    expect(pushed[0]).toMatch(/^big\.bin \(hashing\) {2}\[\.+\] {2}0 B \/ 3\.0 MiB {2}0%/);
    expect(pushed.filter((line) => /^big\.bin {2}\[\.+\] {2}0 B \/ 3\.0 MiB {2}0%/.test(line))).toHaveLength(1);
    expect(pushed.at(-1)).toMatch(/^big\.bin {2}\[#{30}\] {2}3\.0 MiB \/ 3\.0 MiB {2}100% {2}[\d.]+ [KMG]?i?B\/s<EL>\nUploaded /);
    for (const line of pushed) expect(line.split("<EL>")[0]!.length).toBeLessThan(100);

    const target = join(dir, "copy.bin");
    const pull = await miIn(["files", "pull", "--colony", id, "big.bin", target], { tty: true });
    expect(pull.code, pull.stderr).toBe(0);
    expect(drawings(pull.stderr).at(-1)).toMatch(/^big\.bin {2}\[#+\] {2}3\.0 MiB \/ 3\.0 MiB {2}100%.*\nDownloaded big\.bin to /);
    expect(sha(await readFile(target))).toBe(sha(big));
  });

  it("cancels on Ctrl-C: a pull leaves no file, not even a partial one, and a push stores nothing", async () => {
    const dir = await workdir("interrupted");
    const id = (await sdk.offices.create({ name: "interrupted" })).id;
    await sdk.files.upload(id, "big.bin", content(3 * 1024 * 1024));
    await writeFile(join(dir, "new.bin"), content(1024 * 1024));
    /** Runs mi on a terminal whose first progress drawing presses Ctrl-C (mi's own SIGINT handler, not the test runner's). */
    async function interrupted(argv: string[]) {
      const before = new Set(process.listeners("SIGINT"));
      const io = fakeIO({ tty: true, env: env() });
      const write = io.stderr.write;
      let pressed = false;
      io.stderr.write = (text: string) => {
        write(text);
        if (!pressed && text.startsWith("\r")) {
          pressed = true;
          for (const listener of process.listeners("SIGINT")) if (!before.has(listener)) listener("SIGINT");
        }
      };
      const code = await main(argv, io);
      return { code, pressed, stdout: io.out(), stderr: io.err() };
    }

    const target = join(dir, "big.bin");
    const pull = await interrupted(["files", "pull", "--colony", id, "big.bin", target]);
    expect(pull).toMatchObject({ code: 1, pressed: true, stdout: "" });
    expect(pull.stderr.split("\n").at(-2)).toBe(`Cancelled: nothing was written to ${target}.`);
    expect(await readdir(dir)).toEqual(["new.bin"]);

    const push = await interrupted(["files", "push", "--colony", id, join(dir, "new.bin")]);
    expect(push).toMatchObject({ code: 1, pressed: true });
    expect(push.stderr.split("\n").at(-2)).toBe("Cancelled: new.bin was not uploaded; the drive is as it was.");
    expect(await exists(id, "new.bin")).toBe(false);
  });

  it("draws no bar when stderr is piped", async () => {
    const dir = await workdir("piped");
    const id = (await sdk.offices.create({ name: "piped" })).id;
    await writeFile(join(dir, "big.bin"), content(2 * 1024 * 1024));
    const push = await miIn(["files", "push", "--colony", id, join(dir, "big.bin")]);
    expect(push).toMatchObject({ code: 0, stderr: `Uploaded ${join(dir, "big.bin")} to big.bin (2.0 MiB)\n` });
    const pull = await miIn(["files", "pull", "--colony", id, "big.bin", join(dir, "copy.bin")]);
    expect(pull).toMatchObject({ code: 0, stderr: `Downloaded big.bin to ${join(dir, "copy.bin")} (2.0 MiB)\n` });
    for (const run of [push, pull]) {
      expect(run.stderr).not.toContain("\r");
      expect(run.stderr).not.toContain("%");
    }
  });

  it("deletes at a terminal only when the file's path is typed back", async () => {
    const id = (await sdk.offices.create({ name: "confirm" })).id;
    await sdk.files.write(id, "reports/old.md", "# Old");
    for (const answer of ["y", "yes", "old.md", ""]) {
      const run = await miIn(["files", "rm", "--colony", id, "reports/old.md"], { tty: true, input: `${answer}\n` });
      expect(run.stderr).toContain(`This deletes reports/old.md (5 B) from the shared drive of office ${id}`);
      expect(run.stderr).toContain("Type the file's path to confirm: ");
      expect(run.stderr).toContain("Cancelled: reports/old.md was not deleted.");
      expect({ answer, code: run.code }).toEqual({ answer, code: 1 });
      expect(await exists(id, "reports/old.md")).toBe(true);
    }
    const run = await miIn(["files", "rm", "--colony", id, "reports/old.md"], { tty: true, input: "reports/old.md\n" });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Type the file's path to confirm: Deleted reports\/old\.md from the drive of office /);
    expect(await exists(id, "reports/old.md")).toBe(false);
    // A wrong path fails before the question.
    const wrong = await miIn(["files", "rm", "--colony", id, "reports/old.md"], { tty: true, input: "reports/old.md\n" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).not.toContain("Type the file's path");
  });
});
