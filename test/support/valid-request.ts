import { randomUUID } from "node:crypto";
import { create, ScalarType, type DescField, type DescMessage, type Message } from "@bufbuild/protobuf";
import { createValidator, type Violation } from "@bufbuild/protovalidate";

const validator = createValidator();

/** Values tried for a string field, in order, until its rules (protovalidate, CEL included) are met. */
const STRINGS = () => [
  "a",
  "agent-1",
  randomUUID(),
  "docs/a.txt",
  "https://example.com/a",
  "a@example.com",
  "Ab1_x-y",
  "MY_VAR",
  "sonnet",
  "x".repeat(32),
  "/a",
];

function candidates(field: DescField): unknown[] {
  if (field.fieldKind === "list") {
    const element =
      field.listKind === "message"
        ? [create(field.message)]
        : field.listKind === "enum"
          ? [field.enum.values.at(-1)!.number]
          : field.scalar === ScalarType.STRING
            ? ["a"]
            : [1];
    return [element];
  }
  // Maps with a minimum size (credentials by key): one entry whose key looks like a variable name.
  if (field.fieldKind === "map") return field.mapKind === "scalar" && field.scalar === ScalarType.STRING ? [{ MY_VAR: "a" }] : [];
  if (field.fieldKind === "enum") return field.enum.values.filter((v) => v.number !== 0).map((v) => v.number);
  if (field.fieldKind === "message") {
    if (field.message.typeName === "google.protobuf.Duration") return [create(field.message, { seconds: 60n } as never)];
    if (field.message.typeName === "google.protobuf.Timestamp") return [create(field.message, { seconds: 1_800_000_000n } as never)];
    return [create(field.message)];
  }
  if (field.fieldKind !== "scalar") return [];
  switch (field.scalar) {
    case ScalarType.STRING:
      return STRINGS();
    case ScalarType.BOOL:
      return [true];
    case ScalarType.BYTES:
      return [new Uint8Array([1])];
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return [1n, 10n, 100n, 1000n];
    default:
      return [1, 10, 100, 1000];
  }
}

/** The message and field a violation points at (undefined for message-level rules). */
function target(root: Message, violation: Violation): { parent: Record<string, unknown>; field: DescField } | undefined {
  let parent = root as unknown as Record<string, unknown>;
  const fields = violation.field.filter((p): p is DescField => (p as { kind?: string }).kind === "field");
  for (const [i, field] of fields.entries()) {
    if (i === fields.length - 1) return { parent, field };
    const holder = field.oneof ? (parent[field.oneof.localName] as { value: unknown }).value : parent[field.localName];
    parent = holder as Record<string, unknown>;
  }
  return undefined;
}

function assign(parent: Record<string, unknown>, field: DescField, value: unknown): void {
  if (field.oneof) parent[field.oneof.localName] = { case: field.localName, value };
  else parent[field.localName] = value;
}

function isSet(message: Message, field: DescField): boolean {
  const value = (message as unknown as Record<string, unknown>)[field.oneof ? field.oneof.localName : field.localName];
  if (field.oneof) return (value as { case?: unknown }).case !== undefined;
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== "" && value !== 0 && value !== 0n && value !== false;
}

function violationsOf(schema: DescMessage, message: Message): Violation[] {
  const result = validator.validate(schema, message);
  if (result.kind === "error") throw result.error;
  return result.kind === "valid" ? [] : result.violations;
}

/**
 * A request of `schema` that passes its protovalidate rules, starting from `init`: each field
 * a rule complains about gets the first plausible value that satisfies it. Used to reach the
 * checks behind validation (office scope) on every method without writing each request out.
 */
export function validRequest<T extends Message>(schema: DescMessage, init: Record<string, unknown>): T {
  const message = create(schema, init as never) as unknown as T;
  for (let round = 0; round < 100; round++) {
    const violations = violationsOf(schema, message);
    if (violations.length === 0) return message;
    const first = violations[0]!;
    const same = (v: Violation) => v.ruleId === first.ruleId && String(v.field) === String(first.field);
    const aim = target(message, first);
    // A rule on the whole message (CEL across fields): give unset fields values until it holds.
    const tries = aim
      ? [aim]
      : schema.fields.filter((f) => !isSet(message, f)).map((field) => ({ parent: message as unknown as Record<string, unknown>, field }));
    const fixed = tries.some(({ parent, field }) =>
      candidates(field).some((value) => {
        const before = field.oneof ? parent[field.oneof.localName] : parent[field.localName];
        assign(parent, field, value);
        if (!violationsOf(schema, message).some(same)) return true;
        if (!aim) parent[field.oneof ? field.oneof.localName : field.localName] = before;
        return false;
      }),
    );
    if (!fixed) throw new Error(`cannot build a valid ${schema.typeName}: no value meets "${first.toString()}"`);
  }
  throw new Error(`cannot build a valid ${schema.typeName}`);
}
