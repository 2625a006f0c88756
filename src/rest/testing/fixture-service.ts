/**
 * Test fixture: a service whose google.api.http bindings exercise every
 * transcoding rule our own API does not use yet (nested path fields,
 * additional_bindings, `**`, multi-segment captures, `:verb`, custom methods,
 * response_body, body "field", and request fields of every kind). Its
 * descriptor is built in code, the way protoc would describe this proto:
 *
 *     enum State { STATE_UNSPECIFIED = 0; STATE_OPEN = 1; STATE_DONE = 2; }
 *     message Inner { string office_id = 1; int32 n = 2; }
 *     message Item {
 *       string id = 1; string name = 2; State state = 3; google.protobuf.Timestamp created_at = 4;
 *       int64 size = 5; repeated string labels = 6; Inner inner = 7; bool flag = 8; double ratio = 9;
 *       bytes data = 10; google.protobuf.Int32Value wrapped = 11; map<string, string> attrs = 12;
 *       repeated State states = 13; optional int32 opt = 14; Item parent = 15; uint64 big = 16;
 *       google.protobuf.Duration ttl = 17; repeated Inner inners = 18;
 *     }
 *     message Envelope { Item item = 1; string office_id = 2; string note = 3; }
 *
 * Every method echoes its request, so tests see exactly what the transcoder built.
 */
import { create, createFileRegistry, setExtension, type DescMessage, type DescService } from "@bufbuild/protobuf";
import {
  DescriptorProtoSchema,
  FieldDescriptorProto_Type as Type,
  file_google_protobuf_duration,
  file_google_protobuf_timestamp,
  file_google_protobuf_wrappers,
  FileDescriptorProtoSchema,
  MethodOptionsSchema,
  type FieldDescriptorProto,
  type MethodDescriptorProto,
} from "@bufbuild/protobuf/wkt";
import type { ConnectRouter } from "@connectrpc/connect";
import { http } from "../../../gen/ts/google/api/annotations_pb.js";
import { HttpRuleSchema, type HttpRule } from "../../../gen/ts/google/api/http_pb.js";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { field, repeated } from "./proto-builders.js";

function method(
  name: string,
  input: string,
  output: string,
  rule: MessageInitShape<typeof HttpRuleSchema>,
  serverStreaming = false,
): Partial<MethodDescriptorProto> {
  const options = create(MethodOptionsSchema);
  setExtension(options, http, create(HttpRuleSchema, rule) as HttpRule);
  return { name, inputType: `.resttest.v1.${input}`, outputType: `.resttest.v1.${output}`, options, serverStreaming };
}

const fileProto = create(FileDescriptorProtoSchema, {
  name: "resttest/v1/fixture.proto",
  package: "resttest.v1",
  syntax: "proto3",
  dependency: ["google/protobuf/timestamp.proto", "google/protobuf/wrappers.proto", "google/protobuf/duration.proto"],
  enumType: [
    {
      name: "State",
      value: [
        { name: "STATE_UNSPECIFIED", number: 0 },
        { name: "STATE_OPEN", number: 1 },
        { name: "STATE_DONE", number: 2 },
      ],
    },
  ],
  messageType: [
    { name: "Inner", field: [field("office_id", 1, Type.STRING), field("n", 2, Type.INT32)] as FieldDescriptorProto[] },
    {
      name: "Item",
      field: [
        field("id", 1, Type.STRING),
        field("name", 2, Type.STRING),
        field("state", 3, Type.ENUM, { typeName: ".resttest.v1.State" }),
        field("created_at", 4, Type.MESSAGE, { typeName: ".google.protobuf.Timestamp" }),
        field("size", 5, Type.INT64),
        repeated(field("labels", 6, Type.STRING)),
        field("inner", 7, Type.MESSAGE, { typeName: ".resttest.v1.Inner" }),
        field("flag", 8, Type.BOOL),
        field("ratio", 9, Type.DOUBLE),
        field("data", 10, Type.BYTES),
        field("wrapped", 11, Type.MESSAGE, { typeName: ".google.protobuf.Int32Value" }),
        repeated(field("attrs", 12, Type.MESSAGE, { typeName: ".resttest.v1.Item.AttrsEntry" })),
        repeated(field("states", 13, Type.ENUM, { typeName: ".resttest.v1.State" })),
        field("opt", 14, Type.INT32, { proto3Optional: true, oneofIndex: 0 }),
        field("parent", 15, Type.MESSAGE, { typeName: ".resttest.v1.Item" }),
        field("big", 16, Type.UINT64),
        field("ttl", 17, Type.MESSAGE, { typeName: ".google.protobuf.Duration" }),
        repeated(field("inners", 18, Type.MESSAGE, { typeName: ".resttest.v1.Inner" })),
      ] as FieldDescriptorProto[],
      oneofDecl: [{ name: "_opt" }],
      nestedType: [
        create(DescriptorProtoSchema, {
          name: "AttrsEntry",
          field: [field("key", 1, Type.STRING), field("value", 2, Type.STRING)] as FieldDescriptorProto[],
          options: { mapEntry: true },
        }),
      ],
    },
    {
      name: "Envelope",
      field: [
        field("item", 1, Type.MESSAGE, { typeName: ".resttest.v1.Item" }),
        field("office_id", 2, Type.STRING),
        field("note", 3, Type.STRING),
      ] as FieldDescriptorProto[],
    },
  ],
  service: [
    {
      name: "FixtureService",
      method: [
        method("GetItem", "Item", "Item", {
          pattern: { case: "get", value: "/v1/offices/{inner.office_id}/items/{id}" },
          additionalBindings: [{ pattern: { case: "get", value: "/v1/items/{id}" } }],
        }),
        method("ListItems", "Item", "Item", { pattern: { case: "get", value: "/v1/items" } }),
        method("CreateItem", "Envelope", "Envelope", {
          pattern: { case: "post", value: "/v1/offices/{office_id}/items" },
          body: "item",
        }),
        method("UpdateItem", "Envelope", "Envelope", { pattern: { case: "patch", value: "/v1/items/{item.id}" }, body: "item" }),
        method("ReplaceItem", "Envelope", "Envelope", { pattern: { case: "put", value: "/v1/items/{item.id}" }, body: "*" }),
        method("ClaimItem", "Item", "Item", { pattern: { case: "post", value: "/v1/items/{id}:claim" }, body: "*" }),
        method("GetFile", "Item", "Item", { pattern: { case: "get", value: "/v1/files/{name=**}" } }),
        method("GetBook", "Item", "Item", { pattern: { case: "get", value: "/v1/{name=shelves/*/books/*}" } }),
        method("GetItemName", "Item", "Item", { pattern: { case: "get", value: "/v1/items/{id}/name" }, responseBody: "name" }),
        method("GetItemBySize", "Item", "Item", { pattern: { case: "get", value: "/v1/sizes/{size}/{state}/{flag}" } }),
        method("PurgeItem", "Item", "Item", { pattern: { case: "custom", value: { kind: "PURGE", path: "/v1/items/{id}" } } }),
        method("WatchItems", "Item", "Item", { pattern: { case: "get", value: "/v1/items:watch" } }, true),
      ] as MethodDescriptorProto[],
    },
  ],
});

const registry = createFileRegistry(
  fileProto,
  (name) =>
    ({
      "google/protobuf/timestamp.proto": file_google_protobuf_timestamp,
      "google/protobuf/wrappers.proto": file_google_protobuf_wrappers,
      "google/protobuf/duration.proto": file_google_protobuf_duration,
    })[name],
);

/** resttest.v1.FixtureService. */
export const FixtureService: DescService = registry.getService("resttest.v1.FixtureService")!;
/** resttest.v1.Item: the request and response of most fixture methods. */
export const ItemSchema: DescMessage = registry.getMessage("resttest.v1.Item")!;
/** resttest.v1.Envelope: an Item plus fields bound by path and body. */
export const EnvelopeSchema: DescMessage = registry.getMessage("resttest.v1.Envelope")!;

let extraFiles = 0;

/**
 * A one-off service on the fixture's messages (Item, Envelope) whose methods
 * have the given google.api.http rules, e.g. to test invalid options.
 */
export function serviceWithRules(
  rules: Record<string, MessageInitShape<typeof HttpRuleSchema> & { input?: string; streaming?: boolean }>,
): DescService {
  const name = `resttest/v1/extra_${++extraFiles}.proto`;
  const proto = create(FileDescriptorProtoSchema, {
    name,
    package: "resttest.v1",
    syntax: "proto3",
    dependency: ["resttest/v1/fixture.proto"],
    service: [
      {
        name: `ExtraService${extraFiles}`,
        method: Object.entries(rules).map(([methodName, { input = "Item", streaming = false, ...rule }]) =>
          method(methodName, input, input, rule, streaming),
        ) as MethodDescriptorProto[],
      },
    ],
  });
  const files = createFileRegistry(proto, (dep) => (dep === "resttest/v1/fixture.proto" ? FixtureService.file : undefined));
  return files.getService(`resttest.v1.ExtraService${extraFiles}`)!;
}

/** Registers FixtureService (or another service on the fixture's messages) with every method echoing its request. */
export function registerEchoFixtureService(router: ConnectRouter, service: DescService = FixtureService): void {
  for (const m of service.methods) {
    if (m.methodKind === "server_streaming") {
      router.rpc(m, async function* (req: unknown) {
        yield req;
      } as never);
    } else {
      router.rpc(m, ((req: unknown) => req) as never);
    }
  }
}
