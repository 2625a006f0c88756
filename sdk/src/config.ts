/**
 * Where the CLI and agents find the server and their API key: `~/.mi/config.json`,
 * overridden by environment variables. Shared so both resolve credentials the same way.
 */
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** Server used when neither the config file nor the environment names one. */
export const DEFAULT_ENDPOINT = "http://127.0.0.1:8080";

/** Settings resolved from the config file and environment. */
export interface MitosisConfig {
  /** Server base URL, e.g. `http://127.0.0.1:8080`. */
  endpoint: string;
  /** API key, if logged in or set in the environment. */
  token: string | undefined;
  /** Path of the config file (whether or not it exists). */
  path: string;
}

/** Options shared by {@link loadConfig} and {@link saveConfig}. */
export interface ConfigOptions {
  /** Environment to read; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** Thrown when the config file exists but cannot be used. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The config directory: `$MI_CONFIG_DIR`, else `~/.mi`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MI_CONFIG_DIR || join(homedir(), ".mi");
}

/** The config file: `config.json` in {@link configDir}. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), "config.json");
}

/**
 * Reads `config.json` (`{ endpoint, token }`), then applies `MITOSIS_ENDPOINT` and
 * `MITOSIS_API_KEY`. A missing file is fine (defaults apply); a malformed one is an error.
 */
export async function loadConfig(options: ConfigOptions = {}): Promise<MitosisConfig> {
  const env = options.env ?? process.env;
  const path = configPath(env);
  const file = await readConfigFile(path);
  return {
    endpoint: env.MITOSIS_ENDPOINT || file.endpoint || DEFAULT_ENDPOINT,
    token: env.MITOSIS_API_KEY || file.token || undefined,
    path,
  };
}

/**
 * Writes `{ endpoint, token }` to the config file, readable by the owner only
 * (file 0600, directory 0700). Returns the file's path.
 */
export async function saveConfig(config: { endpoint: string; token: string }, options: ConfigOptions = {}): Promise<string> {
  return writeConfigFile({ endpoint: config.endpoint, token: config.token }, options.env ?? process.env);
}

/**
 * Removes the API key from the config file and keeps the endpoint, so the next `mi login`
 * talks to the same server (`mi logout`). `removed` says whether a key was saved; the
 * environment's `MITOSIS_API_KEY` is not touched.
 */
export async function removeSavedToken(options: ConfigOptions = {}): Promise<{ path: string; removed: boolean }> {
  const env = options.env ?? process.env;
  const path = configPath(env);
  const { endpoint, token } = await readConfigFile(path);
  if (token === undefined) return { path, removed: false };
  await writeConfigFile(endpoint === undefined ? {} : { endpoint }, env);
  return { path, removed: true };
}

async function writeConfigFile(data: { endpoint?: string; token?: string }, env: NodeJS.ProcessEnv): Promise<string> {
  return writePrivateJson(configPath(env), data);
}

/**
 * Writes `data` as JSON readable by the owner only (file 0600, its directory 0700), atomically:
 * for files holding keys. Returns the path.
 */
export async function writePrivateJson(path: string, data: unknown): Promise<string> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is masked by umask and ignored for an existing directory.
  await chmod(dir, 0o700);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(data, null, 2) + "\n", { mode: 0o600 });
  await chmod(tmp, 0o600);
  // Rename so a crash never leaves a half-written key file.
  await rename(tmp, path);
  return path;
}

async function readConfigFile(path: string): Promise<{ endpoint?: string; token?: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError(`Cannot read ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${path} is not valid JSON (${(err as Error).message}). Fix or delete it, then run mi login.`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ConfigError(`${path} must contain a JSON object like {"endpoint": "...", "token": "..."}.`);
  }
  const { endpoint, token } = data as Record<string, unknown>;
  if ((endpoint !== undefined && typeof endpoint !== "string") || (token !== undefined && typeof token !== "string")) {
    throw new ConfigError(`${path}: "endpoint" and "token" must be strings.`);
  }
  return { endpoint, token };
}
