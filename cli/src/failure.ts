/**
 * Any failure as a message and an exit code. SDK errors are recognised by class, so the SDK is
 * imported here, on demand: a failure that came from the SDK finds it loaded already, and usage
 * errors never load it.
 */
import { describeCliError, ExitCode } from "./exit.js";

/** Reasons the docs' troubleshooting lists by name ("invalid_code — Code is wrong, expired, or already used"), printed first. */
const NAMED_REASONS = new Set(["INVALID_CODE", "WRONG_INVITE_TYPE", "NO_OFFICE"]);

/** What to print on stderr and the exit code for `err`; `endpoint` is where mi tried to connect. */
export async function describeFailure(err: unknown, endpoint: string | undefined): Promise<{ message: string; code: number }> {
  const own = describeCliError(err);
  if (own) return own;
  const { MitosisError, UnauthenticatedError } = await import("./sdk.js");
  if (err instanceof MitosisError) {
    const code = err instanceof UnauthenticatedError ? ExitCode.Auth : ExitCode.Error;
    if (err.code === "unavailable") {
      const where = endpoint ? ` at ${endpoint}` : "";
      return {
        message: `Cannot reach the Mitosis server${where}: ${err.message}\nIs it running? Point mi at it with mi login --endpoint URL or MITOSIS_ENDPOINT.`,
        code,
      };
    }
    const hint = err.hint !== undefined && !err.message.includes(err.hint) ? `\n${err.hint}` : "";
    const reason = err.reason !== undefined && NAMED_REASONS.has(err.reason) ? `${err.reason.toLowerCase()}: ` : "";
    return { message: `${reason}${err.message}${hint}`, code };
  }
  return { message: err instanceof Error ? err.message : String(err), code: ExitCode.Error };
}
