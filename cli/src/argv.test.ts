import { describe, expect, it } from "vitest";
import { cac } from "cac";
import { rawOptionValues, resolveCommandPath } from "./argv.js";
import { renderDetails, renderTable } from "./output.js";

const names = ["offices list", "colonies list", "offices settings", "offices settings set", "login"];

describe("resolveCommandPath", () => {
  it("joins the longest run of leading words that names a command", () => {
    expect(resolveCommandPath(["offices", "settings", "set", "ID", "--json"], names)).toMatchObject({
      argv: ["offices settings set", "ID", "--json"],
      command: "offices settings set",
    });
    expect(resolveCommandPath(["offices", "settings", "ID"], names).argv).toEqual(["offices settings", "ID"]);
    expect(resolveCommandPath(["colonies", "list"], names).command).toBe("colonies list");
    expect(resolveCommandPath(["login", "--token", "offices"], names).argv).toEqual(["login", "--token", "offices"]);
  });

  it("reports the leading words when nothing matches", () => {
    expect(resolveCommandPath(["offices", "--help"], names)).toEqual({
      argv: ["offices", "--help"],
      command: undefined,
      words: ["offices"],
    });
    expect(resolveCommandPath(["--version"], names).words).toEqual([]);
  });
});

describe("rawOptionValues", () => {
  const cli = cac("mi");
  cli.option("--office, --colony <id>", "office");
  const create = cli.command("offices create").option("--name <name>", "name").option("--json", "json");

  it("keeps values exactly as typed, in both --flag value and --flag=value forms", () => {
    expect(rawOptionValues(["--name", "007", "--json"], [cli.globalCommand, create])).toEqual({ name: "007" });
    expect(rawOptionValues(["--name=1e3"], [create])).toEqual({ name: "1e3" });
  });

  it("fills every alias of an option and lets the last occurrence win", () => {
    expect(rawOptionValues(["--colony", "0123", "--office", "0456"], [cli.globalCommand])).toEqual({ office: "0456", colony: "0456" });
  });

  it("leaves a flag without a value to cac's own check", () => {
    expect(rawOptionValues(["--name", "--json"], [create])).toEqual({});
  });
});

describe("output", () => {
  it("aligns table columns under upper-case headers without trailing spaces", () => {
    expect(
      renderTable(
        ["id", "name"],
        [
          ["1", "a"],
          ["22", "bbb"],
        ],
      ),
    ).toBe("ID  NAME\n1   a\n22  bbb\n");
  });

  it("aligns detail values", () => {
    expect(
      renderDetails([
        ["id", "1"],
        ["status", "active"],
      ]),
    ).toBe("id:      1\nstatus:  active\n");
  });
});
