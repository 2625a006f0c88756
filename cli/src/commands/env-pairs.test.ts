import { describe, expect, it } from "vitest";
import { fakeIO } from "../../../test/support/fake-io.js";
import { envKey } from "../../../sdk/src/env.js";
import { InvalidArgumentError } from "../../../sdk/src/errors.js";
import { CommandContext } from "../context.js";
import { UsageError } from "../exit.js";
import { parseCommand } from "../parse.js";
import { checkEnvKey, parseAssignments, pipedValue } from "./env-pairs.js";
import { deleteEnv, setEnv, withValues } from "./env.js";

const OFFICE = "0b7c6a3e-5f1d-4c2a-9e8b-1d2c3b4a5f60";

describe("parseAssignments (mi env set's KEY=value words)", () => {
  it("splits at the first '=': the value may contain '=' or be empty, and keeps spaces", () => {
    expect(parseAssignments(["API_BASE_URL=https://api.example.com/?a=b", "EMPTY=", "_X= two words "], false)).toEqual([
      { key: "API_BASE_URL", value: "https://api.example.com/?a=b" },
      { key: "EMPTY", value: "" },
      { key: "_X", value: " two words " },
    ]);
  });

  it("with --secret, KEY alone or KEY=- leaves the value to be read; without it KEY=- is the literal '-'", () => {
    expect(parseAssignments(["GITHUB_TOKEN", "NPM_TOKEN=-", "PLAIN=x"], true)).toEqual([
      { key: "GITHUB_TOKEN", value: undefined },
      { key: "NPM_TOKEN", value: undefined },
      { key: "PLAIN", value: "x" },
    ]);
    expect(parseAssignments(["DASH=-"], false)).toEqual([{ key: "DASH", value: "-" }]);
  });

  it("refuses a key without a value (unless --secret), bad or reserved names, and a key given twice", () => {
    expect(() => parseAssignments(["GITHUB_TOKEN"], false)).toThrow(
      /GITHUB_TOKEN needs a value: write GITHUB_TOKEN=value, or pass --secret/,
    );
    for (const bad of ["1ABC=x", "WITH-DASH=x", "A B=x", "=x", `${"K".repeat(257)}=x`, "ÄPFEL=x"]) {
      expect(() => parseAssignments([bad], false), bad).toThrow(UsageError);
      expect(() => parseAssignments([bad], false), bad).toThrow(/Invalid variable name/);
    }
    expect(() => parseAssignments(["MI_AGENT_ID=x"], false)).toThrow(/MI_AGENT_ID is reserved/);
    expect(() => parseAssignments(["A=1", "A=2"], false)).toThrow(/A is given twice/);
  });

  it("never puts a value in an error message", () => {
    for (const words of [["1BAD=s3cr3t"], ["MI_X=s3cr3t"], ["A=s3cr3t", "A=s3cr3t"]]) {
      expect(() => parseAssignments(words, true)).toThrow(expect.objectContaining({ message: expect.not.stringContaining("s3cr3t") }));
    }
  });

  it("accepts the same names as the SDK (and the server)", () => {
    for (const key of ["A", "_", "a_1", "LOG_LEVEL", "1A", "A-B", "", "MI_X", "K".repeat(256), "K".repeat(257)]) {
      const cli = (() => {
        try {
          checkEnvKey(key, "env set", { set: true });
          return true;
        } catch {
          return false;
        }
      })();
      const sdk = (() => {
        try {
          envKey(key, { set: true });
          return true;
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidArgumentError);
          return false;
        }
      })();
      expect(cli, key).toBe(sdk);
    }
    // Deleting a reserved name is not refused: it simply finds nothing.
    expect(() => checkEnvKey("MI_X", "env delete")).not.toThrow();
  });

  it("drops one trailing line break of a piped value, nothing else", () => {
    expect(pipedValue("tok\n")).toBe("tok");
    expect(pipedValue("tok\r\n")).toBe("tok");
    expect(pipedValue(" tok \n\n")).toBe(" tok \n");
    expect(pipedValue("tok")).toBe("tok");
  });
});

describe("mi env set / delete command lines", () => {
  it("takes several pairs after --colony, or the office as the first word", () => {
    expect(parseCommand(setEnv, ["--colony", OFFICE, "A=1", "B=2"]).args).toEqual({ officeId: OFFICE, pairs: ["A=1", "B=2"] });
    expect(parseCommand(setEnv, [OFFICE, "A=1"]).args).toEqual({ officeId: OFFICE, pairs: ["A=1"] });
    expect(parseCommand(setEnv, ["A=1", "--colony", OFFICE, "--secret", "--agent", "coder"])).toMatchObject({
      args: { officeId: OFFICE, pairs: ["A=1"] },
      flags: { secret: true, agent: "coder" },
    });
  });

  it("fails before running on a missing pair, a bad key or a key without a value", () => {
    expect(() => parseCommand(setEnv, ["--colony", OFFICE])).toThrow(/Missing argument <pairs\.\.\.>/);
    expect(() => parseCommand(setEnv, ["--colony", OFFICE, "BAD-KEY=1"])).toThrow(/Invalid variable name "BAD-KEY"/);
    expect(() => parseCommand(setEnv, ["--colony", OFFICE, "TOKEN"])).toThrow(/TOKEN needs a value/);
    expect(() => parseCommand(deleteEnv, ["--colony", OFFICE, "BAD-KEY"])).toThrow(/Invalid variable name/);
    expect(parseCommand(deleteEnv, ["--colony", OFFICE, "KEY", "--agent", "coder"])).toMatchObject({
      args: { officeId: OFFICE, key: "KEY" },
      flags: { agent: "coder" },
    });
  });
});

describe("withValues (the values --secret reads)", () => {
  it("on a terminal asks for each missing value with echo off, and prints none of them", async () => {
    const io = fakeIO({ tty: true });
    const filled = withValues(new CommandContext(io), [
      { key: "A", value: "given" },
      { key: "GITHUB_TOKEN", value: undefined },
      { key: "NPM_TOKEN", value: undefined },
    ]);
    io.type("s3cr3t-1\r");
    await new Promise((r) => setTimeout(r, 10));
    io.type("s3cr3t-2\r");
    expect(await filled).toEqual([
      { key: "A", value: "given" },
      { key: "GITHUB_TOKEN", value: "s3cr3t-1" },
      { key: "NPM_TOKEN", value: "s3cr3t-2" },
    ]);
    expect(io.rawModes).toEqual([true, false, true, false]);
    expect(io.err()).toBe("Value of GITHUB_TOKEN (input hidden): \nValue of NPM_TOKEN (input hidden): \n");
    expect(io.out()).toBe("");
  });

  it("in a pipe reads the one missing value from stdin, less one trailing line break", async () => {
    const io = fakeIO({ input: "tok en\n" });
    expect(await withValues(new CommandContext(io), [{ key: "T", value: undefined }])).toEqual([{ key: "T", value: "tok en" }]);
    expect(io.err()).toBe("");
    await expect(withValues(new CommandContext(fakeIO({ input: "" })), [{ key: "T", value: undefined }])).rejects.toThrow(
      /No value was read for T/,
    );
    const two = [
      { key: "A", value: undefined },
      { key: "B", value: undefined },
    ];
    await expect(withValues(new CommandContext(fakeIO({ input: "a\nb\n" })), two)).rejects.toThrow(/Only one value can be read from stdin/);
  });
});
