import { execFile, execFileSync, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it, vi } from "vitest";
import { freePort } from "../src/lifecycle/ports.js";
import { clusterDirOf, postmasterPid } from "./support/postgres.js";
import { listeningUrl, logLinesOf, spawnServer } from "./support/server-process.js";

const EVENTUALLY = { timeout: 60_000, interval: 250 };
const ROOT = fileURLToPath(new URL("..", import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// `git clone … ~/mitosis && cd ~/mitosis && npm start` as root, whose home is private (0700):
// the embedded Postgres must still start, although its OS user cannot enter that home.
it("starts on embedded Postgres from a clone in a private home, answers the quick start's first curl, and stops its Postgres on SIGTERM", async () => {
  const home = await mkdtemp(path.join(os.tmpdir(), "mi-home-"));
  await chmod(home, 0o700);
  const dataDir = path.join(home, "mitosis", ".mi-data");
  let clusterDir: string | undefined;
  try {
    const server = await spawnServer({ MI_DATA_DIR: dataDir, DATABASE_URL: "" });
    try {
      await vi.waitFor(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(200), EVENTUALLY);
      const key = await server.adminKey();
      const { stdout } = await promisify(execFile)("curl", [
        "-s",
        "-X",
        "POST",
        `${server.url}/api/offices`,
        "-H",
        `Authorization: Bearer ${key}`,
        "-H",
        "Content-Type: application/json",
        "-d",
        '{"name":"My Colony"}',
      ]);
      expect(JSON.parse(stdout).office).toMatchObject({ name: "My Colony" });

      clusterDir = await clusterDirOf(dataDir);
      const postmaster = await postmasterPid(clusterDir);
      expect(alive(postmaster)).toBe(true);
      expect(await server.stop()).toBe(0);
      expect(alive(postmaster)).toBe(false);
      expect(server.stderr).not.toMatch(/Unhandled|EACCES/);
    } finally {
      await server.stop(1_000);
    }
  } finally {
    await rm(home, { recursive: true, force: true });
    if (clusterDir && !clusterDir.startsWith(home)) await rm(clusterDir, { recursive: true, force: true });
  }
}, 120_000);

// `npm start` in a terminal, then Ctrl-C (SIGINT to the whole process group, which npm also
// passes on, so the server gets it twice at once) or a SIGTERM to npm alone (as a process
// manager sends): either way the server shuts down gracefully, and nothing it started is left.
it.each([
  ["SIGTERM to npm", "SIGTERM", false],
  ["Ctrl-C in the terminal", "SIGINT", true],
] as const)(
  "npm start: %s stops the server gracefully, with its Postgres",
  async (_, signal, wholeGroup) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-npm-start-"));
    const npm = spawn("npm", ["start"], {
      cwd: ROOT,
      env: { ...process.env, MI_DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0", HOST: "127.0.0.1", npm_config_loglevel: "silent" },
      stdio: ["ignore", "ignore", "pipe"],
      detached: wholeGroup, // its own process group, as a terminal gives a foreground job
    });
    let stderr = "";
    npm.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<void>((resolve) => npm.once("exit", () => resolve()));
    try {
      const url = await vi.waitFor(() => listeningUrl(stderr) ?? Promise.reject(new Error("not listening yet")), EVENTUALLY);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const postmaster = await postmasterPid(await clusterDirOf(dataDir));
      const server = Number(execFileSync("pgrep", ["-P", String(npm.pid)], { encoding: "utf8" }).trim());
      expect(alive(server)).toBe(true);

      if (wholeGroup) process.kill(-npm.pid!, signal);
      else npm.kill(signal);
      await exited;
      await vi.waitFor(() => expect([alive(server), alive(postmaster)]).toEqual([false, false]), EVENTUALLY);
      const messages = logLinesOf(stderr);
      expect(messages).toContainEqual(expect.objectContaining({ msg: "shutting down", signal }));
      expect(messages.map((l) => l.msg)).not.toContain("second signal: exiting now");
      expect(messages.map((l) => l.msg)).not.toContain("shutdown failed");
    } finally {
      if (npm.exitCode === null && npm.signalCode === null) {
        if (wholeGroup) process.kill(-npm.pid!, "SIGKILL");
        else npm.kill("SIGKILL");
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  },
  180_000,
);

it("exits 1 with one line naming the problem when DATABASE_URL does not answer", async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-no-db-"));
  try {
    const port = await freePort();
    const failed = await spawnServer({ MI_DATA_DIR: dataDir, DATABASE_URL: `postgres://mitosis:secret@127.0.0.1:${port}/mitosis` }).then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(failed).toContain(`mitosis server failed to start: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(failed).not.toMatch(/\n\s+at /); // no stack trace
    expect(failed).not.toContain("secret");
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
