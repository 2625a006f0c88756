/**
 * Test fixture: the generated google.rpc error details and a registry of them, as the
 * server passes it to the transcoder.
 */
import { createRegistry } from "@bufbuild/protobuf";
import { file_google_rpc_error_details } from "../../../gen/ts/google/rpc/error_details_pb.js";

export { ErrorInfoSchema, RetryInfoSchema } from "../../../gen/ts/google/rpc/error_details_pb.js";

/** A registry with google.rpc.ErrorInfo, RetryInfo and the other standard details. */
export const errorDetailsRegistry = createRegistry(file_google_rpc_error_details);
