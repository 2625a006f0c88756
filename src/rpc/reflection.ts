import { create, type DescFile } from "@bufbuild/protobuf";
import { Code, type ConnectRouter } from "@connectrpc/connect";
import * as v1 from "../../gen/ts/grpc/reflection/v1/reflection_pb.js";
import * as v1alpha from "../../gen/ts/grpc/reflection/v1alpha/reflection_pb.js";
import { DescriptorIndex } from "./reflection-index.js";

/** One reflection question; v1 and v1alpha requests share this shape. */
export type ReflectionQuery =
  | { case: "fileByFilename" | "fileContainingSymbol" | "allExtensionNumbersOfType" | "listServices"; value: string }
  | { case: "fileContainingExtension"; value: { containingType: string; extensionNumber: number } }
  | { case: undefined; value?: undefined };

/** One reflection answer; v1 and v1alpha responses share this shape. */
export type ReflectionAnswer =
  | { case: "fileDescriptorResponse"; value: { fileDescriptorProto: Uint8Array[] } }
  | { case: "allExtensionNumbersResponse"; value: { baseTypeName: string; extensionNumber: number[] } }
  | { case: "listServicesResponse"; value: { service: { name: string }[] } }
  | { case: "errorResponse"; value: { errorCode: number; errorMessage: string } };

/**
 * Serves gRPC server reflection (`grpc.reflection.v1` and the older `v1alpha` that many
 * tools still ask first), so grpcurl, buf curl and Postman work without our .proto files.
 * Lists the services the router serves (read when a stream starts, so services registered
 * later count) and describes `files`, the files of served services, and all their imports.
 */
export function registerReflection(router: ConnectRouter, files: DescFile[]): void {
  let cached: { handlers: number; index: DescriptorIndex; services: string[] } | undefined;
  const current = () => {
    if (cached?.handlers !== router.handlers.length) {
      const served = router.handlers.map((h) => h.service);
      cached = {
        handlers: router.handlers.length,
        index: new DescriptorIndex([...files, ...served.map((s) => s.file)]),
        services: [...new Set(served.map((s) => s.typeName))].sort(),
      };
    }
    return cached;
  };
  const answer = (query: ReflectionQuery) => {
    const { index, services } = current();
    return answerQuery(index, services, query);
  };
  router.service(v1.ServerReflection, {
    async *serverReflectionInfo(requests) {
      for await (const req of requests) {
        yield create(v1.ServerReflectionResponseSchema, {
          validHost: req.host,
          originalRequest: req,
          messageResponse: answer(req.messageRequest),
        });
      }
    },
  });
  router.service(v1alpha.ServerReflection, {
    async *serverReflectionInfo(requests) {
      for await (const req of requests) {
        yield create(v1alpha.ServerReflectionResponseSchema, {
          validHost: req.host,
          originalRequest: req,
          messageResponse: answer(req.messageRequest),
        });
      }
    },
  });
}

/** Answers one query from the index; unknown names are a not_found error response. */
export function answerQuery(index: DescriptorIndex, services: string[], query: ReflectionQuery): ReflectionAnswer {
  const files = (file: DescFile | undefined, what: string): ReflectionAnswer =>
    file
      ? { case: "fileDescriptorResponse", value: { fileDescriptorProto: index.withDependencies(file) } }
      : error(Code.NotFound, `${what} not found`);
  switch (query.case) {
    case "listServices":
      return { case: "listServicesResponse", value: { service: services.map((name) => ({ name })) } };
    case "fileByFilename":
      return files(index.fileByName(query.value), `file ${query.value}`);
    case "fileContainingSymbol":
      return files(index.fileContainingSymbol(query.value), `symbol ${query.value}`);
    case "fileContainingExtension": {
      const { containingType, extensionNumber } = query.value;
      return files(index.fileContainingExtension(containingType, extensionNumber), `extension ${extensionNumber} of ${containingType}`);
    }
    case "allExtensionNumbersOfType": {
      const numbers = index.extensionNumbersOf(query.value);
      return numbers
        ? { case: "allExtensionNumbersResponse", value: { baseTypeName: query.value, extensionNumber: numbers } }
        : error(Code.NotFound, `message type ${query.value} not found`);
    }
    default:
      return error(Code.InvalidArgument, "empty reflection request: set one of its message_request fields");
  }
}

function error(code: Code, message: string): ReflectionAnswer {
  return { case: "errorResponse", value: { errorCode: code, errorMessage: message } };
}
