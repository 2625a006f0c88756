/**
 * The one mapping from Connect error codes to HTTP statuses for REST
 * (ARCHITECTURE.md §4). Office-out-of-credits is failed_precondition with
 * reason INSUFFICIENT_CREDITS, and becomes 402. The reason is read from the
 * google.rpc.ErrorInfo detail that src/rpc/errors.ts attaches.
 */
import { Code, type ConnectError } from "@connectrpc/connect";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";

/** The ErrorInfo reason that turns failed_precondition into 402 Payment Required. */
export const insufficientCreditsReason = "INSUFFICIENT_CREDITS";

const errorInfoTypeName = "google.rpc.ErrorInfo";

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

/**
 * The error's reasons: those of its google.rpc.ErrorInfo details. Works for details attached on the server (with
 * a schema) and for details decoded from the wire (type name and bytes),
 * without needing the ErrorInfo schema.
 */
export function errorReasons(err: ConnectError): string[] {
  const reasons: string[] = [];
  for (const detail of err.details) {
    if ("desc" in detail) {
      const reason = (detail.value as { reason?: unknown }).reason;
      if (detail.desc.typeName == errorInfoTypeName && typeof reason == "string") {
        reasons.push(reason);
      }
    } else if (detail.type == errorInfoTypeName) {
      const reason = readErrorInfoReason(detail.value);
      if (reason !== undefined) {
        reasons.push(reason);
      }
    }
  }
  return reasons;
}

/** Reads field 1 (`string reason`) of a serialized google.rpc.ErrorInfo. */
function readErrorInfoReason(bytes: Uint8Array): string | undefined {
  try {
    const reader = new BinaryReader(bytes);
    let reason: string | undefined;
    while (reader.pos < reader.len) {
      const [fieldNo, wireType] = reader.tag();
      if (fieldNo == 1 && wireType == WireType.LengthDelimited) {
        reason = reader.string();
      } else {
        reader.skip(wireType, fieldNo);
      }
    }
    return reason;
  } catch {
    return undefined;
  }
}
