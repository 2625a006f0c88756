import { create, createFileRegistry, fromBinary, getOption } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, createClient, createRouterTransport, type ConnectRouter } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { http } from "../../gen/ts/google/api/annotations_pb.js";
import * as v1 from "../../gen/ts/grpc/reflection/v1/reflection_pb.js";
import * as v1alpha from "../../gen/ts/grpc/reflection/v1alpha/reflection_pb.js";
import { OfficeService, file_mitosis_v1_office } from "../../gen/ts/mitosis/v1/office_pb.js";
import { HealthState, registerHealth } from "./health.js";
import { registerReflection } from "./reflection.js";

type Query = v1.ServerReflectionRequest["messageRequest"];

function routes(router: ConnectRouter) {
  registerReflection(router, [file_mitosis_v1_office]);
  // Registered after reflection on purpose: the listing must still include them.
  router.service(OfficeService, {});
  registerHealth(router, new HealthState());
}

/** Sends every query on one bidi stream and returns the answers in order. */
async function ask(queries: Query[], host = "") {
  const client = createClient(v1.ServerReflection, createRouterTransport(routes));
  async function* requests() {
    for (const messageRequest of queries) yield { host, messageRequest };
  }
  const answers: v1.ServerReflectionResponse[] = [];
  for await (const res of client.serverReflectionInfo(requests())) answers.push(res);
  return answers;
}

async function askOne(query: Query) {
  const [answer] = await ask([query]);
  return answer!.messageResponse;
}

/** File names in a file_descriptor_response, requested file first. */
async function fileNames(query: Query) {
  const res = await askOne(query);
  if (res.case !== "fileDescriptorResponse") throw new Error(`expected files, got ${res.case}: ${JSON.stringify(res.value)}`);
  return res.value.fileDescriptorProto.map((b) => fromBinary(FileDescriptorProtoSchema, b).name);
}

describe("grpc.reflection.v1.ServerReflection", () => {
  it("lists the services the router serves, including ones registered after it", async () => {
    const res = await askOne({ case: "listServices", value: "" });
    expect(res.case === "listServicesResponse" && res.value.service.map((s) => s.name)).toEqual([
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
      "mitosis.v1.OfficeService",
    ]);
  });

  it("returns a file with every transitive import, enough to rebuild its services and options", async () => {
    const res = await askOne({ case: "fileByFilename", value: "mitosis/v1/office.proto" });
    if (res.case !== "fileDescriptorResponse") throw new Error(res.case);
    const protos = res.value.fileDescriptorProto.map((b) => fromBinary(FileDescriptorProtoSchema, b));
    expect(protos[0]!.name).toBe("mitosis/v1/office.proto");
    expect(protos.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "buf/validate/validate.proto",
        "google/api/annotations.proto",
        "google/api/http.proto",
        "google/protobuf/descriptor.proto",
        "google/protobuf/timestamp.proto",
      ]),
    );
    // createFileRegistry throws when an import is missing.
    const registry = createFileRegistry(protos[0]!, (name) => protos.find((p) => p.name === name));
    const method = registry.getService("mitosis.v1.OfficeService")?.methods.find((m) => m.name === "CreateOffice");
    expect(method && getOption(method, http)).toMatchObject({ pattern: { case: "post", value: "/api/offices" }, body: "*" });
  });

  it.each([
    ["service", "mitosis.v1.OfficeService", "mitosis/v1/office.proto"],
    ["method", "mitosis.v1.OfficeService.CreateOffice", "mitosis/v1/office.proto"],
    ["message", "mitosis.v1.CreateOfficeRequest", "mitosis/v1/office.proto"],
    ["field", "mitosis.v1.Office.name", "mitosis/v1/office.proto"],
    ["enum", "mitosis.v1.OfficeState", "mitosis/v1/office.proto"],
    ["enum value", "mitosis.v1.OFFICE_STATE_ACTIVE", "mitosis/v1/office.proto"],
    ["leading dot", ".mitosis.v1.Office", "mitosis/v1/office.proto"],
    ["nested message", "google.protobuf.DescriptorProto.ExtensionRange", "google/protobuf/descriptor.proto"],
    ["nested enum", "grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc/health/v1/health.proto"],
    ["extension", "google.api.http", "google/api/annotations.proto"],
    ["imported message", "buf.validate.FieldRules", "buf/validate/validate.proto"],
  ])("finds the file containing a %s", async (_kind, symbol, file) => {
    expect((await fileNames({ case: "fileContainingSymbol", value: symbol }))[0]).toBe(file);
  });

  it("finds extensions by extendee and number, and lists a type's extension numbers", async () => {
    const found = await fileNames({
      case: "fileContainingExtension",
      value: create(v1.ExtensionRequestSchema, { containingType: "google.protobuf.MethodOptions", extensionNumber: 72295728 }),
    });
    expect(found[0]).toBe("google/api/annotations.proto");
    const numbers = await askOne({ case: "allExtensionNumbersOfType", value: "google.protobuf.FieldOptions" });
    expect(numbers).toEqual({
      case: "allExtensionNumbersResponse",
      value: expect.objectContaining({ baseTypeName: "google.protobuf.FieldOptions", extensionNumber: [1159, 1160] }),
    });
  });

  it.each<[string, Query, Code]>([
    ["file", { case: "fileByFilename", value: "mitosis/v1/nope.proto" }, Code.NotFound],
    ["symbol", { case: "fileContainingSymbol", value: "mitosis.v1.Nope" }, Code.NotFound],
    [
      "extension",
      {
        case: "fileContainingExtension",
        value: create(v1.ExtensionRequestSchema, { containingType: "google.protobuf.MethodOptions", extensionNumber: 1 }),
      },
      Code.NotFound,
    ],
    ["message type", { case: "allExtensionNumbersOfType", value: "mitosis.v1.OfficeService" }, Code.NotFound],
    ["empty request", { case: undefined, value: undefined }, Code.InvalidArgument],
  ])("answers an unknown %s with an error response and keeps the stream open", async (_what, query, code) => {
    const [bad, good] = await ask([query, { case: "fileContainingSymbol", value: "mitosis.v1.Office" }]);
    expect(bad!.messageResponse).toEqual({ case: "errorResponse", value: expect.objectContaining({ errorCode: code }) });
    expect(good!.messageResponse.case).toBe("fileDescriptorResponse");
  });

  it("echoes the host and the original request", async () => {
    const [answer] = await ask([{ case: "fileByFilename", value: "mitosis/v1/office.proto" }], "api.example:443");
    expect(answer!.validHost).toBe("api.example:443");
    expect(answer!.originalRequest?.messageRequest).toEqual({ case: "fileByFilename", value: "mitosis/v1/office.proto" });
  });
});

describe("grpc.reflection.v1alpha.ServerReflection", () => {
  it("answers like v1 for tools that still ask the older version first", async () => {
    const client = createClient(v1alpha.ServerReflection, createRouterTransport(routes));
    async function* requests() {
      yield { messageRequest: { case: "listServices" as const, value: "" } };
      yield { messageRequest: { case: "fileContainingSymbol" as const, value: "mitosis.v1.OfficeService" } };
    }
    const answers: v1alpha.ServerReflectionResponse[] = [];
    for await (const res of client.serverReflectionInfo(requests())) answers.push(res);
    const [list, file] = answers.map((a) => a.messageResponse);
    expect(list?.case === "listServicesResponse" && list.value.service.map((s) => s.name)).toContain("mitosis.v1.OfficeService");
    expect(file?.case === "fileDescriptorResponse" && fromBinary(FileDescriptorProtoSchema, file.value.fileDescriptorProto[0]!).name).toBe(
      "mitosis/v1/office.proto",
    );
  });
});
