import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { publicKeyHex } from "../../sdk/src/signing.js";

/** Polls `read` until `ok` holds, or fails with the last value after `deadlineMs`. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, deadlineMs = 20_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(last, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

/**
 * The private key the local runtime keeps for the agent with `publicKey` (as a worker reads it),
 * so a test can act as that agent.
 */
export function agentSigningKey(dataDir: string, officeId: string, publicKey: string): string {
  const officeDir = path.join(dataDir, "agents", officeId);
  for (const agentId of readdirSync(officeDir)) {
    const seed = readFileSync(path.join(officeDir, agentId, "identity.key"), "utf8").trim();
    if (publicKeyHex(seed) === publicKey) return seed;
  }
  throw new Error(`no identity with public key ${publicKey} under ${officeDir}`);
}

/** PIDs of the worker processes running in each agent workspace of an office (by their working directory), keyed by agent id. */
export function workerProcesses(dataDir: string, officeId: string): Map<string, number[]> {
  const prefix = path.join(dataDir, "agents", officeId) + path.sep;
  const found = new Map<string, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${entry}/cwd`);
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (!cwd.startsWith(prefix)) continue;
    const agentId = cwd.slice(prefix.length).split(path.sep, 1)[0]!;
    found.set(agentId, [...(found.get(agentId) ?? []), Number(entry)]);
  }
  return found;
}
