/**
 * `client.env`: environment variables given to an office's agents (docs: "Environment
 * Variables"): office-wide ones, and an agent's own that override them for that agent.
 * Secret values are write-only: the server never returns them, only a mask. Hosted agents
 * pick changes up on their next restart.
 *
 * Reads are retried; writes are sent once (see retry.ts). A set is idempotent (same key, same
 * state), but retry.ts only repeats writes the proto marks `idempotency_level = IDEMPOTENT`;
 * once env.proto marks SetEnvVar and SetAgentEnvVar so, they are retried with no change here.
 */
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { EnvScopeSchema, EnvService, type EnvVar as EnvVarMessage } from "../../gen/ts/mitosis/v1/env_pb.js";
import { agentName } from "./agent-mapping.js";
import { call } from "./errors.js";
import { invalidArgument } from "./input.js";
import { enumToString, required, timestampToIso } from "./mapping.js";

/** Where a variable is defined: for the whole office, or for one agent. */
export type EnvScope = "office" | "agent";

/** One environment variable. */
export interface EnvVar {
  /** Variable name, e.g. `API_BASE_URL`. */
  key: string;
  /** The value; empty for secrets (see `maskedValue`). */
  value: string;
  /** Whether the value is secret: write-only, never returned. */
  secret: boolean;
  /** For secrets, the mask to show instead of the value (`••••••••`); empty otherwise. */
  maskedValue: string;
  /** Where the variable is defined. */
  scope: EnvScope;
  /** For agent-level variables, the agent's name; empty for office-wide ones. */
  agentName: string;
  /** When the variable was last set (ISO 8601). */
  updatedAt: string;
  /** Who last set it: an agent name, `operator:<account id>` or `integration:<id>`. */
  updatedBy: string;
}

/** Options of {@link EnvClient.set} and {@link EnvClient.setForAgent}. */
export interface SetEnvVarOptions {
  /** Store the value as a secret: agents get it, but no answer ever shows it again. Default false. */
  secret?: boolean;
}

/** The server's largest page of variables. */
const MAX_PAGE_SIZE = 1000;
/** POSIX-style names, as the server checks them: letters, digits and '_', not starting with a digit. */
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_KEY_LENGTH = 256;
const MAX_VALUE_LENGTH = 65536;
/** Names the platform sets for every agent; the server refuses them too. */
const RESERVED_PREFIX = "MI_";

/** Sub-client for environment variables; reach it as `client.env`. */
export class EnvClient {
  private readonly rpc: Client<typeof EnvService>;

  /** Use `client.env` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(EnvService, transport);
  }

  /** The office-wide variables, by key (fetches every page); secret values masked. */
  async list(colonyId: string): Promise<EnvVar[]> {
    const vars: EnvVar[] = [];
    let pageToken = "";
    do {
      const res = await call(() => this.rpc.listEnvVars({ officeId: colonyId, pageSize: MAX_PAGE_SIZE, pageToken }));
      vars.push(...res.vars.map(toEnvVar));
      pageToken = res.nextPageToken;
    } while (pageToken !== "");
    return vars;
  }

  /** Sets an office-wide variable, creating or replacing it; returns it as stored (masked if secret). */
  async set(colonyId: string, key: string, value: string, options: SetEnvVarOptions = {}): Promise<EnvVar> {
    const request = { officeId: colonyId, key: envKey(key, { set: true }), value: envValue(value), secret: options.secret === true };
    const res = await call(() => this.rpc.setEnvVar(request));
    return toEnvVar(required(res.envVar, "env_var"));
  }

  /** Deletes an office-wide variable; `NotFoundError` if the office has none of that name. */
  async delete(colonyId: string, key: string): Promise<void> {
    await call(() => this.rpc.deleteEnvVar({ officeId: colonyId, key: envKey(key) }));
  }

  /**
   * The environment one agent gets, by key: the office-wide variables with the agent's own on
   * top (`scope` says which is which); secret values masked.
   */
  async getAgentEnv(colonyId: string, name: string): Promise<EnvVar[]> {
    const res = await call(() => this.rpc.getAgentEnv({ officeId: colonyId, agentName: agentName(name, "agentName") }));
    return res.vars.map(toEnvVar);
  }

  /** Sets a variable for one agent only, overriding an office-wide one of the same key. */
  async setForAgent(colonyId: string, name: string, key: string, value: string, options: SetEnvVarOptions = {}): Promise<EnvVar> {
    const request = {
      officeId: colonyId,
      agentName: agentName(name, "agentName"),
      key: envKey(key, { set: true }),
      value: envValue(value),
      secret: options.secret === true,
    };
    const res = await call(() => this.rpc.setAgentEnvVar(request));
    return toEnvVar(required(res.envVar, "env_var"));
  }

  /** Deletes one agent's own variable; an office-wide one of the same key applies to it again. */
  async deleteForAgent(colonyId: string, name: string, key: string): Promise<void> {
    await call(() => this.rpc.deleteAgentEnvVar({ officeId: colonyId, agentName: agentName(name, "agentName"), key: envKey(key) }));
  }
}

/**
 * A variable name checked as the server checks it, so a typo fails before anything is sent
 * (and, for a set, before a secret value leaves the process). Reserved names only fail sets:
 * deleting one simply finds nothing.
 */
export function envKey(key: string, options: { set?: boolean } = {}): string {
  if (typeof key !== "string" || !ENV_KEY.test(key) || key.length > MAX_KEY_LENGTH) {
    throw invalidArgument(
      "key",
      `must start with a letter or '_' and contain only letters, digits and '_', at most ${MAX_KEY_LENGTH} characters; got ${JSON.stringify(key)}`,
    );
  }
  if (options.set && key.startsWith(RESERVED_PREFIX)) {
    throw invalidArgument(
      "key",
      `is reserved: variables starting with ${RESERVED_PREFIX} are set by the platform for every agent; got ${key}`,
    );
  }
  return key;
}

/** A value within the server's limit; never echoed back in the error, since it may be a secret. */
function envValue(value: string): string {
  if (typeof value !== "string") throw invalidArgument("value", `must be a string; got ${typeof value}`);
  if (value.length > MAX_VALUE_LENGTH) {
    throw invalidArgument("value", `must be at most ${MAX_VALUE_LENGTH} characters; got ${value.length}`);
  }
  return value;
}

function toEnvVar(v: EnvVarMessage): EnvVar {
  return {
    key: v.key,
    value: v.value,
    secret: v.secret,
    maskedValue: v.maskedValue,
    scope: enumToString<EnvScope>(EnvScopeSchema, v.scope),
    agentName: v.agentName,
    updatedAt: required(timestampToIso(v.updatedAt), "env_var.updated_at"),
    updatedBy: v.updatedBy,
  };
}
