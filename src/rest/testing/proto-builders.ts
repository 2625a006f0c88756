/**
 * Helpers that describe proto fields the way protoc does, for fixtures whose
 * descriptors are built in code.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  FieldDescriptorProto_Label as Label,
  type FieldDescriptorProto_Type as Type,
  type FieldDescriptorProtoSchema,
} from "@bufbuild/protobuf/wkt";

/** Initializer of a FieldDescriptorProto. */
export type FieldInit = Partial<MessageInitShape<typeof FieldDescriptorProtoSchema>>;

/** A singular field with the json_name protoc would compute. */
export function field(name: string, number: number, type: Type, extra: FieldInit = {}): FieldInit {
  const jsonName = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return { name, number, type, label: Label.OPTIONAL, jsonName, ...extra };
}

/** The same field, repeated. */
export function repeated(f: FieldInit): FieldInit {
  return { ...f, label: Label.REPEATED };
}
