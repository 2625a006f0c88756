/**
 * An external agent's identity on its owner's machine: the server, its office, its name and the
 * Ed25519 key it signs with, saved by `mi agent onboard` in `~/.mi/agent.json` (mode 0600; the
 * key never goes on a command line) and read by `mi agent run`, `heartbeat-daemon` and `clone`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { OS1Client, type OS1ClientOptions } from "./client.js";
import { ConfigError, configDir, writePrivateJson } from "./config.js";

/** What an external agent needs to act as itself. */
export interface AgentIdentity {
  /** Server base URL. */
  endpoint: string;
  officeId: string;
  agentName: string;
  /** Ed25519 private key seed, 64 hex characters. */
  signingKey: string;
  /** Its public half, as registered at join. */
  publicKey: string;
  /** The invite code it joined with. */
  inviteCode: string;
}

const FIELDS = ["endpoint", "officeId", "agentName", "signingKey", "publicKey", "inviteCode"] as const;

/** The identity file: `$MI_AGENT_IDENTITY`, else `agent.json` in the config directory (`~/.mi`). */
export function agentIdentityPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MI_AGENT_IDENTITY || join(configDir(env), "agent.json");
}

/** Saves the identity (owner-only, atomically); returns the file's path. */
export function saveAgentIdentity(identity: AgentIdentity, path: string): Promise<string> {
  return writePrivateJson(path, Object.fromEntries(FIELDS.map((f) => [f, identity[f]])));
}

/** Reads an identity saved by {@link saveAgentIdentity}; a missing or damaged file is a {@link ConfigError} saying what to do. */
export async function loadAgentIdentity(path: string): Promise<AgentIdentity> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new ConfigError(`No agent identity at ${path}. Join an office first: mi agent onboard <INVITE_CODE> -n <agent-name>`);
    }
    throw new ConfigError(`Cannot read ${path}: ${(err as Error).message}`);
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${path} is not valid JSON (${(err as Error).message}); join again with mi agent onboard.`);
  }
  const missing = FIELDS.filter((f) => typeof data?.[f] !== "string" || (f !== "inviteCode" && !data[f]));
  if (missing.length > 0) throw new ConfigError(`${path} lacks ${missing.join(", ")}; join again with mi agent onboard.`);
  return data as unknown as AgentIdentity;
}

/** A client that signs every request as the agent. */
export function agentClient(identity: AgentIdentity, options: Partial<OS1ClientOptions> = {}): OS1Client {
  return new OS1Client({
    ...options,
    endpoint: identity.endpoint,
    signingKey: identity.signingKey,
    agentId: identity.agentName,
    officeId: identity.officeId,
  });
}
