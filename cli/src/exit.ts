/**
 * Exit codes and the translation of any failure into one: scripts branch on the code,
 * people read the message on stderr.
 */
import { MitosisError, UnauthenticatedError } from "./sdk.js";

/** Process exit codes of `mi`, documented in `mi --help`. */
export const ExitCode = {
  /** Success. */
  Ok: 0,
  /** Any failure not listed below (server errors, not found, network...). */
  Error: 1,
  /** The command line was wrong: unknown command or flag, missing argument, bad value. */
  Usage: 2,
  /** Not logged in, or the API key was refused (401). */
  Auth: 4,
} as const;

/** Help text describing {@link ExitCode}. */
export const EXIT_CODES_HELP = [
  "  0  success",
  "  1  error (server error, not found, network failure...)",
  "  2  usage error (unknown command or flag, missing argument, bad value)",
  "  4  authentication error: not logged in, or the API key is invalid or expired (401)",
].join("\n");

/** A mistake on the command line; `usage` names the command whose help to show. */
export class UsageError extends Error {
  override readonly name = "UsageError";

  constructor(
    message: string,
    /** Command path for the "Run mi <command> --help" hint, e.g. `offices create`. */
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** No API key is configured: the user has to log in first. */
export class NotLoggedInError extends Error {
  override readonly name = "NotLoggedInError";
}

/** The exit code for an error thrown by a command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return ExitCode.Usage;
  if (err instanceof NotLoggedInError || err instanceof UnauthenticatedError) return ExitCode.Auth;
  return ExitCode.Error;
}

/**
 * The text to print for an error: the server's message plus the SDK's hint, or for
 * network failures, where the CLI tried to connect.
 */
export function describeError(err: unknown, endpoint: string | undefined): string {
  if (err instanceof UsageError) {
    const help = err.usage === undefined ? "mi --help" : `mi ${err.usage} --help`;
    return `${err.message}\nRun '${help}' for usage.`;
  }
  if (err instanceof MitosisError) {
    if (err.code === "unavailable") {
      const where = endpoint ? ` at ${endpoint}` : "";
      return `Cannot reach the Mitosis server${where}: ${err.message}\nIs it running? Point mi at it with mi login --endpoint URL or MITOSIS_ENDPOINT.`;
    }
    const hint = err.hint !== undefined && !err.message.includes(err.hint) ? `\n${err.hint}` : "";
    return `${err.message}${hint}`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
