/**
 * Typed SDK errors. Every failed call surfaces as a {@link MitosisError} subclass chosen
 * by {@link toMitosisError}, the one place that reads Connect error codes and details.
 */
import { Code, ConnectError } from "@connectrpc/connect";
import { codeToHttpStatus, codeToString } from "@connectrpc/connect/protocol-connect";
import { errorInfoReason, fieldViolations, serverRetryDelayMs, type FieldViolation } from "./error-details.js";

export type { FieldViolation } from "./error-details.js";

/** Connect error code names as they appear on the wire, e.g. `not_found`. */
export type ErrorCode =
  | "canceled"
  | "unknown"
  | "invalid_argument"
  | "deadline_exceeded"
  | "not_found"
  | "already_exists"
  | "permission_denied"
  | "resource_exhausted"
  | "failed_precondition"
  | "aborted"
  | "out_of_range"
  | "unimplemented"
  | "internal"
  | "unavailable"
  | "data_loss"
  | "unauthenticated";

/** Fields every {@link MitosisError} is built from. */
export interface MitosisErrorInit {
  /** Connect code name. */
  code: ErrorCode;
  /** HTTP-equivalent status (the same number a REST call would get). */
  status: number;
  /** What the caller can do about it, from the docs' "Errors and recovery". */
  hint?: string;
  /** The server's ErrorInfo reason, when it sent one. */
  reason?: string;
  /** The underlying error (usually a ConnectError). */
  cause?: unknown;
}

/** Base class of every error the SDK throws for a failed call. */
export class MitosisError extends Error {
  /** Connect code name, e.g. `not_found`. */
  readonly code: ErrorCode;
  /** HTTP-equivalent status: 400, 401, 402, 403, 404, 409, 429, ... */
  readonly status: number;
  /** Suggested next step, if there is one. */
  readonly hint: string | undefined;
  /** Machine-readable reason from the server's google.rpc.ErrorInfo, e.g. `LEASE_LOST`. */
  readonly reason: string | undefined;

  constructor(message: string, init: MitosisErrorInit) {
    super(message, { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.hint = init.hint;
    this.reason = init.reason;
  }
}

/** 401: the API key is missing, invalid, expired or revoked. */
export class UnauthenticatedError extends MitosisError {}
/** 404: the office, agent or task does not exist (or is not yours). */
export class NotFoundError extends MitosisError {}
/** 403: not allowed, e.g. agent hiring is disabled in the office. */
export class PermissionDeniedError extends MitosisError {}
/** 409: something with that name already exists. */
export class AlreadyExistsError extends MitosisError {}

/** 400: the request was invalid; `violations` lists the offending fields when known. */
export class InvalidArgumentError extends MitosisError {
  /** Offending fields, from the error details (empty when the server sent none). */
  readonly violations: FieldViolation[];

  constructor(message: string, init: MitosisErrorInit & { violations: FieldViolation[] }) {
    super(message, init);
    this.violations = init.violations;
  }
}

/** 402: the office's credit balance is exhausted. */
export class InsufficientCreditsError extends MitosisError {}

/** A worker's lease on a task expired or was taken over: stop working on that task. */
export class LeaseLostError extends MitosisError {}

/**
 * The call did not finish within its deadline (the client's `timeoutMs`, 30 s by default, or
 * the server's own). Reads were retried before this surfaced.
 */
export class DeadlineExceededError extends MitosisError {}

/**
 * 503: the server, or something it depends on (its database), is down or unreachable.
 * Reads were retried before this surfaced; `retryAfter` is the server's suggested wait in
 * seconds, when it sent one.
 */
export class UnavailableError extends MitosisError {
  /** Seconds to wait before retrying, from RetryInfo or a Retry-After header. */
  readonly retryAfter: number | undefined;

  constructor(message: string, init: MitosisErrorInit & { retryAfter: number | undefined }) {
    super(message, init);
    this.retryAfter = init.retryAfter;
  }
}

/** 429: rate limited; `retryAfter` is the server's suggested wait in seconds, when sent. */
export class RateLimitedError extends MitosisError {
  /** Seconds to wait before retrying, from RetryInfo or a Retry-After header. */
  readonly retryAfter: number | undefined;

  constructor(message: string, init: MitosisErrorInit & { retryAfter: number | undefined }) {
    super(message, init);
    this.retryAfter = init.retryAfter;
  }
}

const LOGIN_HINT = "Run mi login to re-authenticate.";
const HINTS: Partial<Record<ErrorCode, string>> = {
  unauthenticated: LOGIN_HINT,
  permission_denied: "Check that the office is yours and its settings allow this.",
  not_found: "Verify the ID with mi colonies list or mi agents list.",
  already_exists: "Choose a different name.",
  resource_exhausted: "Wait and retry.",
  deadline_exceeded: "The server did not answer in time; retry, or raise timeoutMs in the client options.",
  unavailable: "Check that the server is running and reachable, then retry.",
};
const CREDITS_HINT = "Add credits in the dashboard billing page or via mi credits add --colony <id> --amount 100.";

/**
 * Converts anything thrown by a call into a typed {@link MitosisError}. Errors that
 * already are MitosisErrors pass through; everything else goes via ConnectError.from.
 */
export function toMitosisError(err: unknown): MitosisError {
  if (err instanceof MitosisError) return err;
  const ce = ConnectError.from(err);
  const code = codeToString(ce.code) as ErrorCode;
  const message = ce.rawMessage || code.replace(/_/g, " ");
  const base = { code, status: codeToHttpStatus(ce.code), hint: HINTS[code], reason: errorInfoReason(ce), cause: err };
  switch (ce.code) {
    case Code.Unauthenticated:
      // The docs promise this hint; add it unless the server already said it.
      return new UnauthenticatedError(message.includes("mi login") ? message : withSentence(message, LOGIN_HINT), base);
    case Code.NotFound:
      return new NotFoundError(message, base);
    case Code.PermissionDenied:
      return new PermissionDeniedError(message, base);
    case Code.AlreadyExists:
      return new AlreadyExistsError(message, base);
    case Code.InvalidArgument:
      return new InvalidArgumentError(message, { ...base, violations: fieldViolations(ce) });
    case Code.FailedPrecondition:
      if (base.reason === "INSUFFICIENT_CREDITS") {
        return new InsufficientCreditsError(message, { ...base, status: 402, hint: CREDITS_HINT });
      }
      if (base.reason === "LEASE_LOST") return new LeaseLostError(message, base);
      return new MitosisError(message, base);
    case Code.ResourceExhausted: {
      const retryAfter = retryAfterSeconds(ce);
      const hint = retryAfter === undefined ? base.hint : `Wait ${retryAfter} s and retry.`;
      return new RateLimitedError(message, { ...base, hint, retryAfter });
    }
    case Code.DeadlineExceeded:
      return new DeadlineExceededError(message, base);
    case Code.Unavailable:
      return new UnavailableError(message, { ...base, retryAfter: retryAfterSeconds(ce) });
    default:
      return new MitosisError(message, base);
  }
}

/** Appends a sentence, adding a full stop to the first part if it lacks one. */
function withSentence(message: string, sentence: string): string {
  return /[.!?]$/.test(message) ? `${message} ${sentence}` : `${message}. ${sentence}`;
}

/** The server's suggested wait in whole seconds (rounded up), if it sent one. */
function retryAfterSeconds(err: ConnectError): number | undefined {
  const ms = serverRetryDelayMs(err);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

/** Runs one RPC and rethrows any failure as a typed {@link MitosisError}. */
export async function call<T>(rpc: () => Promise<T>): Promise<T> {
  try {
    return await rpc();
  } catch (err) {
    throw toMitosisError(err);
  }
}
