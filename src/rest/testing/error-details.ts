/**
 * Test fixture: google.rpc.ErrorInfo and google.rpc.RetryInfo, described as
 * in google/rpc/error_details.proto, for servers that attach them to errors
 * the way ours will (INSUFFICIENT_CREDITS, rate limits).
 */
import { create, createFileRegistry, type DescMessage, type Registry } from "@bufbuild/protobuf";
import {
  DescriptorProtoSchema,
  FieldDescriptorProto_Type as Type,
  file_google_protobuf_duration,
  FileDescriptorProtoSchema,
  type FieldDescriptorProto,
} from "@bufbuild/protobuf/wkt";
import { field, repeated } from "./proto-builders.js";

const fileProto = create(FileDescriptorProtoSchema, {
  name: "google/rpc/error_details.proto",
  package: "google.rpc",
  syntax: "proto3",
  dependency: ["google/protobuf/duration.proto"],
  messageType: [
    {
      name: "ErrorInfo",
      field: [
        field("reason", 1, Type.STRING),
        field("domain", 2, Type.STRING),
        repeated(field("metadata", 3, Type.MESSAGE, { typeName: ".google.rpc.ErrorInfo.MetadataEntry" })),
      ] as FieldDescriptorProto[],
      nestedType: [
        create(DescriptorProtoSchema, {
          name: "MetadataEntry",
          field: [field("key", 1, Type.STRING), field("value", 2, Type.STRING)] as FieldDescriptorProto[],
          options: { mapEntry: true },
        }),
      ],
    },
    {
      name: "RetryInfo",
      field: [field("retry_delay", 1, Type.MESSAGE, { typeName: ".google.protobuf.Duration" })] as FieldDescriptorProto[],
    },
  ],
});

/** A registry holding google.rpc.ErrorInfo and google.rpc.RetryInfo. */
export const errorDetailsRegistry: Registry = createFileRegistry(fileProto, (name) =>
  name == "google/protobuf/duration.proto" ? file_google_protobuf_duration : undefined,
);

/** google.rpc.ErrorInfo. */
export const ErrorInfoSchema: DescMessage = errorDetailsRegistry.getMessage("google.rpc.ErrorInfo")!;
/** google.rpc.RetryInfo. */
export const RetryInfoSchema: DescMessage = errorDetailsRegistry.getMessage("google.rpc.RetryInfo")!;
