/**
 * REST transcoding (google.api.http) onto the Connect handlers, and the
 * OpenAPI document of the REST API.
 */
export { createRestTranscoder, type RestTranscoder, type RestTranscoderOptions } from "./transcoder.js";
export { httpStatusFromConnectError, insufficientCreditsReason } from "./http-status.js";
export { restRequestKey, type RestRequestInfo } from "./rest-context.js";
export type { OpenApiInfo } from "./openapi.js";
