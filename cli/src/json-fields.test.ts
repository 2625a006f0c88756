import { describe, expect, it } from "vitest";
import { UsageError } from "./exit.js";
import { jsonText, parseFields, selectFields } from "./json-fields.js";
import { type Command, command } from "./spec.js";

const cmd: Command = command({
  name: "tasks list",
  summary: "",
  examples: [],
  args: {},
  flags: {},
  json: ["id", "title", "status", "parentId"],
  run: async () => [],
});

describe("--json field selection", () => {
  it("keeps only the asked fields, in the order asked, for an object or each item of a list", () => {
    const task = { id: 1, title: "Review", status: "queued", parentId: 7 };
    expect(selectFields(task, ["status", "id"])).toEqual({ status: "queued", id: 1 });
    expect(Object.keys(selectFields(task, ["status", "id"]) as object)).toEqual(["status", "id"]);
    expect(selectFields([task, { ...task, id: 2 }], ["id"])).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("prints absent optional fields as null, and everything without a field list", () => {
    expect(selectFields({ id: 1 }, ["id", "parentId"])).toEqual({ id: 1, parentId: null });
    expect(selectFields({ id: 1, extra: true }, undefined)).toEqual({ id: 1, extra: true });
    expect(selectFields(null, ["id"])).toBeNull();
    expect(jsonText([{ id: 1, title: "t" }], ["id"])).toBe('[\n  {\n    "id": 1\n  }\n]\n');
  });

  it("parses field lists, dropping repeats and empty names", () => {
    expect(parseFields("id,title,id,", cmd)).toEqual(["id", "title"]);
  });

  it("rejects unknown fields with a usage error listing the available ones, sorted", () => {
    const err = (() => {
      try {
        parseFields("id,name", cmd);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe(
      'Unknown JSON field "name" for mi tasks list.\nAvailable fields:\n  id\n  parentId\n  status\n  title',
    );
    expect((err as UsageError).usage).toBe("tasks list");
    expect(() => parseFields(",", cmd)).toThrow(/^Specify one or more comma-separated fields/);
  });
});
