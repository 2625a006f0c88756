/**
 * Errors the domain raises. Each kind maps to exactly one Connect code (and so one
 * HTTP status) in src/rpc/errors.ts; the message tells the user what to do next.
 */
export type ErrorKind =
  | "invalid_argument"
  | "unauthenticated"
  | "permission_denied"
  | "not_found"
  | "already_exists"
  | "failed_precondition"
  | "resource_exhausted";

/** A failure the caller can act on; anything else is an internal error. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** Machine-readable reason, e.g. INSUFFICIENT_CREDITS, sent as google.rpc.ErrorInfo. */
    readonly reason?: string,
    /** Seconds until a retry may succeed (rate limits), sent as google.rpc.RetryInfo. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Shorthands that read like the docs' error table. */
export const fail = {
  invalid: (message: string) => new DomainError("invalid_argument", message),
  unauthenticated: (message: string) => new DomainError("unauthenticated", message),
  forbidden: (message: string) => new DomainError("permission_denied", message),
  notFound: (message: string) => new DomainError("not_found", message),
  exists: (message: string) => new DomainError("already_exists", message),
  precondition: (message: string, reason?: string) => new DomainError("failed_precondition", message, reason),
  rateLimited: (message: string, retryAfterSeconds: number) =>
    new DomainError("resource_exhausted", message, "RATE_LIMITED", retryAfterSeconds),
};
