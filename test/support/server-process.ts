import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnTethered, stopChild } from "../../src/lifecycle/tether.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The server as its own process (`node --import tsx src/main.ts`), as `npm start` runs it. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Everything written so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** The JSON log lines written so far. */
  logs(): { level: string; msg: string; [field: string]: unknown }[];
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Resident memory now, in bytes (from /proc). */
  rss(): Promise<number>;
  /** The first administrator's key from `MI_DATA_DIR/admin.key`. */
  adminKey(): Promise<string>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then the exit code; SIGKILL first if it is still running after `killAfterMs`. */
  stop(killAfterMs?: number): Promise<number | string>;
}

/**
 * Starts the server with `env` (PORT=0 and HOST=127.0.0.1 unless given) and resolves once it
 * logs `listening`. The process dies with the test worker however the worker ends.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env };
  const child: ChildProcess = spawnTethered(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: fullEnv,
    stdio: ["ignore", "pipe", "pipe"],
    parentDeathSignal: "SIGKILL",
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal!)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (d) => {
      stderr += d;
      const url = listeningUrl(stderr);
      if (url) resolve(url);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${stderr}`)));
  });
  return {
    url,
    pid: child.pid!,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    logs: () => logLinesOf(stderr),
    exited,
    async rss() {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    adminKey: async () => (await readFile(path.join(fullEnv.MI_DATA_DIR!, "admin.key"), "utf8")).trim(),
    kill: (signal) => child.kill(signal),
    async stop(killAfterMs = 30_000) {
      await stopChild(child, "SIGTERM", killAfterMs);
      return exited;
    },
  };
}

/** The JSON log lines in what the server wrote on stderr (a line still being written is left out). */
export function logLinesOf(stderr: string): { level: string; msg: string; [field: string]: unknown }[] {
  return stderr
    .split("\n")
    .slice(0, -1)
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

/** The URL the server logged as `listening` on, once that line is out. */
export function listeningUrl(stderr: string): string | undefined {
  return logLinesOf(stderr).find((line) => line.msg === "listening")?.url as string | undefined;
}
