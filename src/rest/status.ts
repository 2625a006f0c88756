/**
 * Errors as REST clients see them: a google.rpc.Status JSON body
 * (`{ "code": 5, "message": "...", "details": [{ "@type": ... }] }`) and an
 * HTTP status. Request errors found before dispatch are RestRequestErrors,
 * which carry their own HTTP status (405, 413, 415) where the code table has
 * none.
 */
import { create, toJson, type JsonObject, type JsonValue, type Registry } from "@bufbuild/protobuf";
import { base64Encode } from "@bufbuild/protobuf/wire";
import { AnySchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { httpStatusFromConnectError } from "./http-status.js";

/** A request that the transcoder rejects before dispatch. */
export class RestRequestError extends ConnectError {
  /** ConnectError's own instanceof check recognises only its prototype or duck-typed errors. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.prototype.isPrototypeOf.call(RestRequestError.prototype, value);
  }

  /**
   * @param httpStatus overrides the status of the code table (e.g. 413, 415, 405)
   * @param headers response headers to send, e.g. `Allow`
   */
  constructor(
    message: string,
    code: Code = Code.InvalidArgument,
    readonly httpStatus?: number,
    readonly headers?: Record<string, string>,
  ) {
    super(message, code);
  }
}

/** The JSON shape of google.rpc.Status. */
export interface StatusJson extends JsonObject {
  code: number;
  message: string;
  details: JsonValue[];
}

/** The HTTP status for an error: the request error's own status, else the code table's. */
export function httpStatusOf(err: ConnectError): number {
  return (err instanceof RestRequestError ? err.httpStatus : undefined) ?? httpStatusFromConnectError(err);
}

/**
 * Renders a Connect error as google.rpc.Status JSON. Details become
 * google.protobuf.Any JSON: fully decoded when the registry knows the type,
 * else from the server's debug rendering, else as raw base64 `value`.
 */
export function statusJson(err: ConnectError, registry: Registry): StatusJson {
  return {
    code: err.code,
    message: err.rawMessage,
    details: err.details.map((detail) => {
      if ("desc" in detail) {
        const message = create(detail.desc, detail.value);
        return anyJson(detail.desc.typeName, () => toJson(detail.desc, message, { registry }), undefined);
      }
      return anyJson(
        detail.type,
        () => toJson(AnySchema, create(AnySchema, { typeUrl: typeUrl(detail.type), value: detail.value }), { registry }),
        detail.debug,
        detail.value,
      );
    }),
  };
}

function anyJson(typeName: string, decode: () => JsonValue, debug: unknown, bytes?: Uint8Array): JsonValue {
  try {
    const json = decode();
    if (json !== null && typeof json === "object" && !Array.isArray(json) && "@type" in json) {
      return json;
    }
    return withType(typeName, json);
  } catch {
    // The registry does not know the type: fall back to what the server sent.
  }
  if (debug !== undefined) {
    return withType(typeName, debug as JsonValue);
  }
  return { "@type": typeUrl(typeName), value: bytes ? base64Encode(bytes) : "" };
}

function withType(typeName: string, json: JsonValue): JsonObject {
  if (json !== null && typeof json === "object" && !Array.isArray(json)) {
    return { "@type": typeUrl(typeName), ...json };
  }
  // Well-known types with a scalar JSON form nest their value, as google.protobuf.Any does.
  return { "@type": typeUrl(typeName), value: json };
}

function typeUrl(typeName: string): string {
  return `type.googleapis.com/${typeName}`;
}

/** Turns anything thrown into a ConnectError, as the Connect handlers do. */
export function asConnectError(e: unknown): ConnectError {
  return e instanceof ConnectError ? e : new ConnectError("internal error", Code.Internal, undefined, undefined, e);
}
