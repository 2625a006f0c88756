/**
 * Exit codes and the CLI's own failures. Scripts branch on the code, people read the
 * message on stderr. Kept free of SDK imports: usage errors are reported without loading it.
 */

/** Process exit codes of `mi`, documented in `mi help`. */
export const ExitCode = {
  /** Success. */
  Ok: 0,
  /** Any failure not listed below (server errors, not found, network, a declined confirmation...). */
  Error: 1,
  /** The command line was wrong: unknown command or flag, missing argument, bad value, --yes needed. */
  Usage: 2,
  /** Not logged in, or the API key was refused (401). */
  Auth: 4,
} as const;

/** Help text describing {@link ExitCode}. */
export const EXIT_CODES_HELP = [
  "  0  success",
  "  1  error (server error, not found, network failure, confirmation declined...)",
  "  2  usage error (unknown command or flag, missing argument, bad value, --yes needed without a terminal)",
  "  4  authentication error: not logged in, or the API key is invalid or expired (401)",
].join("\n");

/** A mistake on the command line; `usage` names the command whose help to point at. */
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

/** The user declined a confirmation or interrupted a prompt; nothing was changed. */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
}

/** The message and exit code of the CLI's own failures; undefined for anything else. */
export function describeCliError(err: unknown): { message: string; code: number } | undefined {
  if (err instanceof UsageError) {
    const help = err.usage === undefined ? "mi help" : `mi ${err.usage} --help`;
    return { message: `${err.message}\nRun '${help}' for usage.`, code: ExitCode.Usage };
  }
  if (err instanceof NotLoggedInError) return { message: err.message, code: ExitCode.Auth };
  if (err instanceof CancelledError) return { message: err.message, code: ExitCode.Error };
  return undefined;
}
