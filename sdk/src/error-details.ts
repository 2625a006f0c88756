/**
 * Reads the structured details a server attaches to an error: field violations,
 * the ErrorInfo reason and the RetryInfo delay.
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

/** The delay of a `google.rpc.RetryInfo` detail in whole seconds (rounded up), if sent. */
export function retryInfoSeconds(err: ConnectError): number | undefined {
  const delay = err.findDetails(RetryInfoSchema)[0]?.retryDelay;
  return delay ? Math.ceil(Number(delay.seconds) + delay.nanos / 1e9) : undefined;
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
