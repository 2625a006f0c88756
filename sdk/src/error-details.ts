/**
 * Reads the structured details a server attaches to an error: field violations,
 * the ErrorInfo reason and the RetryInfo delay (or the `retry-after` header).
 */
import type { ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema, RetryInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { ViolationsSchema, type FieldPath } from "../../gen/ts/buf/validate/validate_pb.js";

/** One invalid field in a request: its path (e.g. `name`) and what is wrong with it. */
export interface FieldViolation {
  /** Field path in proto names, e.g. `office_id` or `items[0].name`. */
  field: string;
  /** Human readable description of the problem. */
  message: string;
}

/**
 * Field violations from `buf.validate.Violations` (what protovalidate interceptors send)
 * and `google.rpc.BadRequest` details.
 */
export function fieldViolations(err: ConnectError): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const v of err.findDetails(ViolationsSchema)) {
    for (const violation of v.violations) {
      out.push({ field: fieldPathString(violation.field), message: violation.message });
    }
  }
  for (const badRequest of err.findDetails(BadRequestSchema)) {
    for (const v of badRequest.fieldViolations) out.push({ field: v.field, message: v.description });
  }
  return out;
}

/** The `reason` of a `google.rpc.ErrorInfo` detail, if the server sent one. */
export function errorInfoReason(err: ConnectError): string | undefined {
  return err.findDetails(ErrorInfoSchema)[0]?.reason;
}

/**
 * How long the server asked the client to wait before retrying, in milliseconds: its
 * `google.rpc.RetryInfo` detail, else a `retry-after` header (delta-seconds or HTTP date).
 * Undefined when it sent neither (or nonsense).
 */
export function serverRetryDelayMs(err: ConnectError): number | undefined {
  const delay = err.findDetails(RetryInfoSchema)[0]?.retryDelay;
  if (delay) return Number(delay.seconds) * 1000 + Math.ceil(delay.nanos / 1e6);
  const raw = err.metadata.get("retry-after")?.trim();
  if (raw === undefined) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Renders a protovalidate FieldPath as `a.b[0]["key"]`. */
function fieldPathString(path: FieldPath | undefined): string {
  if (!path) return "";
  let out = "";
  for (const el of path.elements) {
    out += (out === "" ? "" : ".") + el.fieldName;
    const sub = el.subscript;
    if (sub.case === "index" || sub.case === "intKey" || sub.case === "uintKey") out += `[${sub.value}]`;
    else if (sub.case === "boolKey") out += `[${sub.value}]`;
    else if (sub.case === "stringKey") out += `[${JSON.stringify(sub.value)}]`;
  }
  return out;
}
