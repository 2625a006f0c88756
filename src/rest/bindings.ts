/**
 * Compiles the google.api.http options of every registered method into
 * bindings: HTTP method, parsed path template, the fields the path binds,
 * and how the body and response map onto the messages. Runs once at start-up;
 * an invalid option throws, naming the method.
 */
import { getOption, hasOption, ScalarType, type DescField, type DescMethod } from "@bufbuild/protobuf";
import type { UniversalHandler } from "@connectrpc/connect/protocol";
import { http } from "../../gen/ts/google/api/annotations_pb.js";
import type { HttpRule } from "../../gen/ts/google/api/http_pb.js";
import { isParameterField, resolveFieldPath } from "./field-path.js";
import { parsePathTemplate, type PathTemplate, type PathVariable } from "./path-template.js";

/** Where the request body goes: nowhere, the whole request message, or one top-level field. */
export type BodyRule = { kind: "none" } | { kind: "all" } | { kind: "field"; field: DescField };

/** A path variable together with the request fields it names. */
export interface PathField {
  variable: PathVariable;
  fields: DescField[];
}

/** One REST binding of one RPC method. */
export interface Binding {
  handler: UniversalHandler;
  method: DescMethod;
  /** Fully qualified method name, e.g. `mitosis.v1.OfficeService.GetOffice`. */
  name: string;
  /** Unique per binding: `OfficeService_GetOffice`, with `_1`, `_2`... for additional bindings. */
  operationId: string;
  /** Upper-case HTTP method, or "*" for a custom binding that accepts any method. */
  httpMethod: string;
  template: PathTemplate;
  pathFields: PathField[];
  body: BodyRule;
  /** The response field sent as the body (`response_body`), or undefined for the whole message. */
  responseField: DescField | undefined;
  /**
   * Set on a streaming method's binding: the `bytes` field (a oneof member) whose values, in
   * order, are the HTTP body as it is. Client streaming: `body` names it, and the first
   * message is built from the path and query. Server streaming: `response_body` names it,
   * and the messages before the bytes go into an `X-Mi-<Member>` response header as JSON.
   */
  byteStream: DescField | undefined;
}

/** All bindings, plus notes on methods that were skipped. */
export interface CompiledBindings {
  bindings: Binding[];
  warnings: string[];
}

/**
 * Compiles the bindings of all handlers. Methods without a google.api.http
 * option are not reachable over REST; a client- or server-streaming method's
 * binding is a byte stream (see Binding.byteStream); bidi-streaming methods
 * with one are skipped with a warning. Throws on an invalid option.
 */
export function compileBindings(handlers: readonly UniversalHandler[]): CompiledBindings {
  const bindings: Binding[] = [];
  const warnings: string[] = [];
  for (const handler of handlers) {
    const method = handler.method;
    if (!hasOption(method, http)) {
      continue;
    }
    const name = `${method.parent.typeName}.${method.name}`;
    if (method.methodKind === "bidi_streaming") {
      warnings.push(
        `${name}: ${method.methodKind.replace("_", "-")} methods are not transcoded to REST; its google.api.http binding is ignored`,
      );
      continue;
    }
    if (!handler.protocolNames.includes("connect")) {
      throw new Error(
        `${name}: REST transcoding needs the Connect protocol, but the handler only serves ${handler.protocolNames.join(", ")}`,
      );
    }
    const rule = getOption(method, http);
    const rules = [rule, ...rule.additionalBindings];
    rules.forEach((r, index) => {
      if (index > 0 && r.additionalBindings.length > 0) {
        warnings.push(`${name}: additional_bindings inside additional_bindings are ignored`);
      }
      try {
        bindings.push(compileRule(handler, name, r, index));
      } catch (e) {
        if (e instanceof SkippedBinding) {
          warnings.push(
            `${name}: ${method.methodKind.replace("_", "-")} methods are transcoded to REST only as byte streams; ${e.message}; its google.api.http binding is ignored`,
          );
          return;
        }
        throw new Error(`${name}: invalid google.api.http option: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    });
  }
  return { bindings, warnings };
}

function compileRule(handler: UniversalHandler, name: string, rule: HttpRule, index: number): Binding {
  const method = handler.method;
  const [httpMethod, source] = patternOf(rule);
  const template = parsePathTemplate(source);
  const body = bodyRule(handler, rule.body);
  const responseField = rule.responseBody === "" ? undefined : topLevelField(method.output.fields, rule.responseBody, "response_body");
  const pathFields = template.variables.map((variable) => {
    const fields = withContext(`path variable {${variable.fieldPath}}`, () => resolveFieldPath(method.input, variable.fieldPath, "proto"));
    const leaf = fields[fields.length - 1]!;
    if (!isParameterField(leaf, false)) {
      throw new Error(`path variable {${variable.fieldPath}} must name a singular scalar, enum or scalar well-known-type field`);
    }
    return { variable, fields };
  });
  return {
    handler,
    method,
    name,
    operationId: `${method.parent.name}_${method.name}` + (index > 0 ? `_${index}` : ""),
    httpMethod,
    template,
    pathFields,
    body,
    responseField,
    byteStream: byteStreamOf(method, body, responseField),
  };
}

/** Why a streaming method's binding is left out (a warning, not an error). */
class SkippedBinding extends Error {}

/** The bytes field a streaming binding streams raw; throws when the option does not name one. */
function byteStreamOf(method: DescMethod, body: BodyRule, responseField: DescField | undefined): DescField | undefined {
  if (method.methodKind === "unary") return undefined;
  const [field, option] =
    method.methodKind === "client_streaming" ? [body.kind === "field" ? body.field : undefined, "body"] : [responseField, "response_body"];
  if (field === undefined || field.fieldKind !== "scalar" || field.scalar !== ScalarType.BYTES || field.oneof === undefined) {
    throw new SkippedBinding(`its ${option} does not name a bytes field in a oneof, so it is not a byte stream`);
  }
  return field;
}

function patternOf(rule: HttpRule): [string, string] {
  const pattern = rule.pattern;
  switch (pattern.case) {
    case "get":
    case "put":
    case "post":
    case "delete":
    case "patch":
      return [pattern.case.toUpperCase(), pattern.value];
    case "custom":
      if (pattern.value.kind === "") {
        throw new Error("custom pattern has no kind");
      }
      return [pattern.value.kind.toUpperCase(), pattern.value.path];
    case undefined:
      throw new Error("no HTTP method and path");
  }
}

function bodyRule(handler: UniversalHandler, body: string): BodyRule {
  if (body === "") {
    return { kind: "none" };
  }
  if (body === "*") {
    return { kind: "all" };
  }
  return { kind: "field", field: topLevelField(handler.method.input.fields, body, "body") };
}

function topLevelField(fields: readonly DescField[], name: string, option: string): DescField {
  const field = fields.find((f) => f.name === name);
  if (!field) {
    throw new Error(`${option} "${name}" is not a top-level field of the message`);
  }
  return field;
}

function withContext<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
