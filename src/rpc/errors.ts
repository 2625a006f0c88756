import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { ErrorInfoSchema, RetryInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { DomainError, type ErrorKind } from "../errors.js";
import type { Logger } from "../log.js";
import { isDatabaseUnavailable } from "../lifecycle/unavailable.js";

const codeOf: Record<ErrorKind, Code> = {
  invalid_argument: Code.InvalidArgument,
  unauthenticated: Code.Unauthenticated,
  permission_denied: Code.PermissionDenied,
  not_found: Code.NotFound,
  already_exists: Code.AlreadyExists,
  failed_precondition: Code.FailedPrecondition,
  resource_exhausted: Code.ResourceExhausted,
};

/**
 * The one place where failures become wire errors: domain errors keep their message and
 * get their Connect code; anything unexpected is logged and answered as `internal`
 * without leaking details.
 */
export function errorInterceptor(log: Logger): Interceptor {
  return (next) => async (req) => {
    const procedure = `${req.service.typeName}/${req.method.name}`;
    try {
      const res = await next(req);
      // A streaming handler fails while the stream is read, after this frame returned.
      if (res.stream) return { ...res, message: mapStreamErrors(res.message, log, procedure, req.signal) };
      return res;
    } catch (err) {
      throw toConnectError(err, log, procedure);
    }
  };
}

async function* mapStreamErrors<T>(messages: AsyncIterable<T>, log: Logger, procedure: string, signal: AbortSignal): AsyncIterable<T> {
  try {
    yield* messages;
  } catch (err) {
    // Writing to a client that already hung up fails; that is the client leaving, not a fault.
    if (signal.aborted) throw ConnectError.from(err, Code.Canceled);
    throw toConnectError(err, log, procedure);
  }
}

/** What a client is told to wait before retrying while the database is away. */
const DATABASE_RETRY_SECONDS = 1;

/** ErrorInfo.domain of every error this server raises. */
export const ERROR_DOMAIN = "mitosis.v1";

/** Converts anything thrown by a handler into the ConnectError sent to the client. */
export function toConnectError(err: unknown, log: Logger, procedure: string): ConnectError {
  if (err instanceof DomainError) {
    const details = [];
    if (err.reason) details.push({ desc: ErrorInfoSchema, value: create(ErrorInfoSchema, { reason: err.reason, domain: ERROR_DOMAIN }) });
    const error = new ConnectError(err.message, codeOf[err.kind], undefined, details);
    return err.retryAfterSeconds === undefined ? error : retryAfter(error, err.retryAfterSeconds);
  }
  if (err instanceof ConnectError) return err;
  if (isDatabaseUnavailable(err)) {
    // Expected during a database outage, which readiness and the outage log already report.
    log.debug({ method: procedure, err }, "database unavailable");
    return retryAfter(new ConnectError("the database is unavailable; try again shortly", Code.Unavailable), DATABASE_RETRY_SECONDS);
  }
  log.error({ method: procedure, err }, "unexpected error");
  return new ConnectError("internal error; the server log has the details", Code.Internal);
}

/** Tells the client when to retry: RetryInfo for RPC clients, `retry-after` for plain HTTP ones (curl, REST). */
function retryAfter(error: ConnectError, seconds: number): ConnectError {
  const retryDelay = { seconds: BigInt(Math.ceil(seconds)), nanos: 0 };
  error.details.push({ desc: RetryInfoSchema, value: create(RetryInfoSchema, { retryDelay }) });
  error.metadata.set("retry-after", String(Math.ceil(seconds)));
  return error;
}
