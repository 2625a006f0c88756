import { describe, expect, it } from "vitest";
import { parseArguments, TOOL_SCHEMAS, toolSchema } from "./tool-schemas.js";

const schema = (name: string) => toolSchema(name)!;

describe("tool schemas", () => {
  it("declares every tool the brief names, each an object schema whose required fields exist", () => {
    expect(TOOL_SCHEMAS.map((t) => t.name)).toEqual([
      "create_subtask",
      "comment",
      "send_message",
      "list_files",
      "read_file",
      "write_file",
      "add_artifact",
      "shell",
      "hire_agent",
      "http_request",
      "complete_task",
      "fail_task",
    ]);
    for (const t of TOOL_SCHEMAS) {
      expect(t.name).toMatch(/^[a-z_]{1,64}$/);
      expect(t.parameters.type).toBe("object");
      const properties = Object.keys(t.parameters.properties as object);
      for (const r of t.parameters.required as string[]) expect(properties).toContain(r);
    }
  });
});

describe("parseArguments", () => {
  it("accepts well-formed arguments", () => {
    expect(parseArguments(schema("write_file"), '{"path":"a.md","content":"x"}')).toEqual({ path: "a.md", content: "x" });
    expect(parseArguments(schema("list_files"), "")).toEqual({});
    expect(parseArguments(schema("create_subtask"), '{"title":"t","priority":10,"kind":"code"}')).toMatchObject({ priority: 10 });
    expect(parseArguments(schema("http_request"), '{"integration":"github","path":"/x","headers":{"a":"b"}}')).toMatchObject({
      headers: { a: "b" },
    });
  });

  it("explains bad arguments in words the model can act on", () => {
    expect(() => parseArguments(schema("write_file"), "{path:")).toThrow("arguments of write_file are not valid JSON: {path:");
    expect(() => parseArguments(schema("write_file"), "[1]")).toThrow("arguments of write_file must be a JSON object");
    expect(() => parseArguments(schema("write_file"), '{"path":"a"}')).toThrow("write_file needs content");
    expect(() => parseArguments(schema("complete_task"), '{"result":null}')).toThrow("complete_task needs result");
    expect(() => parseArguments(schema("shell"), '{"command":"ls","cwd":"/"}')).toThrow(
      "shell has no argument cwd; it takes command, timeout_seconds",
    );
    expect(() => parseArguments(schema("shell"), '{"command":"ls","timeout_seconds":1.5}')).toThrow(
      "shell: timeout_seconds must be an integer",
    );
    expect(() => parseArguments(schema("comment"), '{"message":3}')).toThrow("comment: message must be a string");
    expect(() => parseArguments(schema("create_subtask"), '{"title":"t","kind":"chat"}')).toThrow(
      "create_subtask: kind must be one of general, code, research, browser, review, verify",
    );
  });
});
