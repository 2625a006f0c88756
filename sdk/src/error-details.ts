/**
 * Reads the structured details a server attaches to an error: field violations,
 * the ErrorInfo reason and the RetryInfo delay.
 */
import { ConnectError } from "@connectrpc/connect";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
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
  for (const bytes of rawDetails(err, "google.rpc.BadRequest")) {
    out.push(...decodeBadRequest(bytes));
  }
  return out;
}

/** The `reason` of a `google.rpc.ErrorInfo` detail, if the server sent one. */
export function errorInfoReason(err: ConnectError): string | undefined {
  for (const bytes of rawDetails(err, "google.rpc.ErrorInfo")) {
    const reader = new BinaryReader(bytes);
    while (reader.pos < reader.len) {
      const [no, wt] = reader.tag();
      if (no === 1 && wt === WireType.LengthDelimited) return reader.string();
      reader.skip(wt, no);
    }
  }
  return undefined;
}

/** The delay of a `google.rpc.RetryInfo` detail in whole seconds (rounded up), if sent. */
export function retryInfoSeconds(err: ConnectError): number | undefined {
  for (const bytes of rawDetails(err, "google.rpc.RetryInfo")) {
    const reader = new BinaryReader(bytes);
    while (reader.pos < reader.len) {
      const [no, wt] = reader.tag();
      if (no === 1 && wt === WireType.LengthDelimited) return decodeDurationSeconds(reader.bytes());
      reader.skip(wt, no);
    }
  }
  return undefined;
}

// google.rpc error details are not in gen/ts yet (nothing in proto/ imports
// error_details.proto), so they are read straight from the wire format here. Each
// message is tiny and stable (AIP-193); switch to findDetails() once they are generated.
function rawDetails(err: ConnectError, typeName: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const d of err.details) {
    if ("type" in d && d.type === typeName) out.push(d.value);
  }
  return out;
}

function decodeBadRequest(bytes: Uint8Array): FieldViolation[] {
  const out: FieldViolation[] = [];
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [no, wt] = reader.tag();
    if (no !== 1 || wt !== WireType.LengthDelimited) {
      reader.skip(wt, no);
      continue;
    }
    const fv = new BinaryReader(reader.bytes());
    const violation: FieldViolation = { field: "", message: "" };
    while (fv.pos < fv.len) {
      const [fno, fwt] = fv.tag();
      if (fno === 1 && fwt === WireType.LengthDelimited) violation.field = fv.string();
      else if (fno === 2 && fwt === WireType.LengthDelimited) violation.message = fv.string();
      else fv.skip(fwt, fno);
    }
    out.push(violation);
  }
  return out;
}

function decodeDurationSeconds(bytes: Uint8Array): number {
  const reader = new BinaryReader(bytes);
  let seconds = 0;
  let nanos = 0;
  while (reader.pos < reader.len) {
    const [no, wt] = reader.tag();
    if (no === 1 && wt === WireType.Varint) seconds = Number(reader.int64());
    else if (no === 2 && wt === WireType.Varint) nanos = reader.int32();
    else reader.skip(wt, no);
  }
  return Math.ceil(seconds + nanos / 1e9);
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
