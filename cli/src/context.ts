/**
 * What every command gets: its output streams, the configured client, and helpers for
 * the arguments shared across commands (the office id, flags' values).
 */
import { loadConfig, OS1Client, type MitosisConfig } from "./sdk.js";
import { NotLoggedInError, UsageError } from "./exit.js";
import type { IO } from "./output.js";

/** Options commands share: the global `--office` and the per-command `--json`. */
export interface GlobalOptions {
  /** `--office` / `--colony`: the office a command acts on. */
  office?: string;
  /** Print JSON instead of tables (on commands that print data). */
  json?: boolean;
}

/** Per-invocation state shared by commands. */
export class CommandContext {
  private config: MitosisConfig | undefined;

  constructor(
    /** Where output goes. */
    readonly io: IO,
  ) {}

  /** Endpoint and token from the config file and environment (read once). */
  async loadConfig(): Promise<MitosisConfig> {
    this.config ??= await loadConfig({ env: this.io.env });
    return this.config;
  }

  /** The endpoint in use, if the config has been read (for error messages). */
  get endpoint(): string | undefined {
    return this.config?.endpoint;
  }

  /** A client for the configured server and key; fails with a login hint if there is no key. */
  async client(): Promise<OS1Client> {
    const config = await this.loadConfig();
    if (!config.token) {
      throw new NotLoggedInError("Not logged in. Run mi login --token <key> (or set MITOSIS_API_KEY).");
    }
    return new OS1Client({ endpoint: config.endpoint, auth: { type: "token", token: config.token } });
  }

  /**
   * The office a command targets: the positional id or `--office`/`--colony`. Both may be
   * given only if they agree.
   */
  officeId(positional: string | undefined, options: GlobalOptions, usage: string): string {
    const flag = options.office;
    if (positional !== undefined && flag !== undefined && positional !== flag) {
      throw new UsageError(`Conflicting office ids: ${positional} and --office ${flag}.`, usage);
    }
    const id = positional ?? flag;
    if (id === undefined || id === "") {
      throw new UsageError("Missing office id: pass <officeId> or --office <officeId> (alias --colony).", usage);
    }
    return id;
  }
}

/** A flag's value as a string; a flag given without a value is a usage error. */
export function stringFlag(value: unknown, flag: string, usage: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw new UsageError(`${flag} needs a value.`, usage);
  return value;
}

/** Parses `true`/`false` (also yes/no, 1/0) for boolean settings. */
export function booleanFlag(value: unknown, flag: string, usage: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  const word = String(value).toLowerCase();
  if (["true", "yes", "1"].includes(word)) return true;
  if (["false", "no", "0"].includes(word)) return false;
  throw new UsageError(`${flag} must be true or false, got ${JSON.stringify(value)}.`, usage);
}

/** Parses a whole number flag. */
export function integerFlag(value: unknown, flag: string, usage: string): number | undefined {
  const text = stringFlag(value, flag, usage);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(text)}.`, usage);
  return Number(text);
}
