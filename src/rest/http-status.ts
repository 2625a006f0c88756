/**
 * The one mapping from Connect error codes to HTTP statuses for REST
 * (ARCHITECTURE.md §4). Office-out-of-credits is failed_precondition with
 * reason INSUFFICIENT_CREDITS, and becomes 402. The reason is read from the
 * google.rpc.ErrorInfo detail that src/rpc/errors.ts attaches.
 */
import { Code, type ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";

/** The ErrorInfo reason that turns failed_precondition into 402 Payment Required. */
export const insufficientCreditsReason = "INSUFFICIENT_CREDITS";

/** The HTTP status a REST client sees for a Connect error. */
export function httpStatusFromConnectError(err: ConnectError): number {
  switch (err.code) {
    case Code.InvalidArgument:
    case Code.OutOfRange:
      return 400;
    case Code.Unauthenticated:
      return 401;
    case Code.PermissionDenied:
      return 403;
    case Code.NotFound:
      return 404;
    case Code.AlreadyExists:
    case Code.Aborted:
      return 409;
    case Code.ResourceExhausted:
      return 429;
    case Code.FailedPrecondition:
      return errorReasons(err).includes(insufficientCreditsReason) ? 402 : 400;
    case Code.Unimplemented:
      return 501;
    case Code.Unavailable:
      return 503;
    case Code.DeadlineExceeded:
      return 504;
    case Code.Canceled:
      return 499;
    case Code.Internal:
    case Code.Unknown:
    case Code.DataLoss:
      return 500;
  }
}

/** The reasons of the error's google.rpc.ErrorInfo details (as thrown or as received). */
export function errorReasons(err: ConnectError): string[] {
  return err.findDetails(ErrorInfoSchema).map((info) => info.reason);
}
