/**
 * The context value that tells interceptors a call arrived over REST, with
 * the request exactly as the client sent it. Agent request signatures cover
 * the method, path and body the agent sent, which for a REST call differ
 * from the transcoded Connect request; auth verifies against this instead.
 */
import { createContextKey } from "@connectrpc/connect";

/** The original REST request behind a transcoded call. */
export interface RestRequestInfo {
  /** HTTP method as sent, e.g. "PATCH". */
  method: string;
  /** Path and query string as sent, still percent-encoded, e.g. "/api/offices/1/settings?x=y". */
  url: string;
  /** The raw request body (empty if none, and for a byte-stream upload, which streams). */
  body: Uint8Array;
  /** A byte-stream upload's SHA-256 as stated in X-Mi-Content-Sha256, checked as the body streams. */
  bodySha256?: string;
  /** The binding that matched: its HTTP method, path template and OpenAPI operationId. */
  binding: { httpMethod: string; template: string; operationId: string };
}

/** Set on every call the REST transcoder dispatches; undefined for other protocols. */
export const restRequestKey = createContextKey<RestRequestInfo | undefined>(undefined, {
  description: "the REST request transcoded into this call",
});
