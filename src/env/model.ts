/**
 * The environment model, owned by the domain: variables given to agents, office-wide or one
 * agent's, and the store port. Values reach the store only sealed (src/secrets/).
 */

/** Where a variable is defined, as the API says it; held to the proto enum by a unit test. */
export const ENV_SCOPES = ["office", "agent"] as const;
export type EnvScopeName = (typeof ENV_SCOPES)[number];

/** A variable as the domain hands it out: the value only when it is not secret. */
export interface EnvVarRecord {
  key: string;
  /** The value; "" for secrets. */
  value: string;
  secret: boolean;
  scope: EnvScopeName;
  /** The agent's name for agent-level variables, "" for office-wide ones. */
  agentName: string;
  updatedAt: Date;
  updatedBy: string;
}

/** A variable as stored: the value sealed. */
export interface StoredEnvVar {
  key: string;
  sealedValue: string;
  secret: boolean;
  updatedAt: Date;
  updatedBy: string;
}

/** Which variables: the office's own (agentId null) or one agent's. */
export interface EnvOwner {
  officeId: string;
  /** The agent's row id, or null for office-wide variables. */
  agentId: string | null;
}

/** What the domain needs from storage. */
export interface EnvStore {
  /** The live agent `name` of the office: its row id, or undefined. */
  agentId(officeId: string, name: string): Promise<string | undefined>;
  /** Variables of one owner by key, after `afterKey`, `limit` of them. */
  list(owner: EnvOwner, limit: number, afterKey?: string): Promise<StoredEnvVar[]>;
  /** Creates or replaces a variable. */
  set(owner: EnvOwner, variable: StoredEnvVar): Promise<void>;
  /** Removes a variable; false when there was none. */
  delete(owner: EnvOwner, key: string): Promise<boolean>;
}

/** A variable an agent gets from elsewhere than EnvService: a credential of an integration enabled for it. */
export interface InjectedVar {
  key: string;
  value: string;
  secret: boolean;
  /** Where it comes from, e.g. "github": shown as "integration:github" in updated_by. */
  integrationId: string;
  updatedAt: Date;
}

/**
 * The port through which the environment asks for an agent's injected variables. The env domain
 * owns what an agent's environment is (office < injected < the agent's own), so it defines the
 * port; the integrations domain answers it, and the feature files wire the two. Neither domain
 * imports the other, and the agents feature gets the full environment from Env alone.
 */
export interface InjectedEnv {
  /** The plaintext variables injected into agent `agentId` (a row id) of the office. */
  variables(officeId: string, agentId: string): Promise<InjectedVar[]>;
}

/** No injected variables (an Env built without integrations). */
export const NO_INJECTED_ENV: InjectedEnv = { variables: async () => [] };
