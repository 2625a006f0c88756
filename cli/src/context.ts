/**
 * What a running command gets: its streams, the configuration, a client for the server, and
 * the SDK itself. The SDK is imported on first use, so help and usage errors never load it
 * (nor the RPC stack and generated descriptors behind it).
 */
import { NotLoggedInError } from "./exit.js";
import { canPrompt, type IO } from "./io.js";
import type { MitosisConfig, OS1Client } from "./sdk.js";

type Sdk = typeof import("./sdk.js");

/** Per-invocation state shared by commands. */
export class CommandContext {
  private config: MitosisConfig | undefined;

  constructor(
    /** Where output goes and input comes from. */
    readonly io: IO,
  ) {}

  /** The SDK module, loaded on first use. */
  sdk(): Promise<Sdk> {
    return import("./sdk.js");
  }

  /** Endpoint and token from the config file and environment (read once). */
  async loadConfig(): Promise<MitosisConfig> {
    this.config ??= await (await this.sdk()).loadConfig({ env: this.io.env });
    return this.config;
  }

  /** The endpoint in use, if the config has been read (for error messages). */
  get endpoint(): string | undefined {
    return this.config?.endpoint;
  }

  /** Whether a question can be asked: stdin and stderr are a terminal. */
  get canPrompt(): boolean {
    return canPrompt(this.io);
  }

  /** A client for the configured server and key; fails with a login hint if there is no key. */
  async client(): Promise<OS1Client> {
    const config = await this.loadConfig();
    if (!config.token) throw new NotLoggedInError("Not logged in. Run mi login (or set MITOSIS_API_KEY).");
    const { OS1Client } = await this.sdk();
    return new OS1Client({ endpoint: config.endpoint, auth: { type: "token", token: config.token } });
  }

  /** Writes a status line to stderr (progress of long-running commands). */
  status(line: string): void {
    this.io.stderr.write(line + "\n");
  }
}
