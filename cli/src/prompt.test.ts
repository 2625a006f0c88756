import { describe, expect, it } from "vitest";
import { fakeIO } from "../../test/support/fake-io.js";
import { CancelledError } from "./exit.js";
import { ask, askSecret, readAll } from "./prompt.js";

describe("ask", () => {
  it("writes the question to stderr and returns the line typed, without the line break", async () => {
    const io = fakeIO({ tty: true, input: "code-review\r\n" });
    expect(await ask(io, "Name? ")).toBe("code-review");
    expect(io.err()).toBe("Name? ");
    expect(io.out()).toBe("");
    expect(io.stdin.isPaused()).toBe(true);
  });

  it("waits for the line to be finished, and returns undefined when the input ends first", async () => {
    const io = fakeIO({ tty: true });
    const answer = ask(io, "? ");
    io.type("co");
    io.type("de\n");
    expect(await answer).toBe("code");
    expect(await ask(fakeIO({ input: "" }), "? ")).toBeUndefined();
    expect(await ask(fakeIO({ input: "no newline" }), "? ")).toBe("no newline");
  });
});

describe("askSecret", () => {
  it("turns echo off (raw mode) while reading, so the key is never shown, and restores it", async () => {
    const io = fakeIO({ tty: true, input: "mi_secret\r" });
    expect(await askSecret(io, "Paste your API key (input hidden): ")).toBe("mi_secret");
    expect(io.rawModes).toEqual([true, false]);
    expect(io.err()).toBe("Paste your API key (input hidden): \n");
    expect(io.out()).toBe("");
  });

  it("edits with backspace and Ctrl-U and ignores arrow keys", async () => {
    const io = fakeIO({ tty: true });
    const secret = askSecret(io, "key: ");
    io.type("wrong\u0015mi_k");
    io.type("\u001b[D");
    io.type("ez\u007f\u007fey\r");
    expect(await secret).toBe("mi_key");
  });

  it("cancels on Ctrl-C, on Ctrl-D with nothing typed, and when the input ends, restoring the terminal", async () => {
    for (const input of ["mi_\u0003", "\u0004"]) {
      const io = fakeIO({ tty: true, input });
      await expect(askSecret(io, "key: ")).rejects.toBeInstanceOf(CancelledError);
      expect(io.rawModes).toEqual([true, false]);
    }
    await expect(askSecret(fakeIO({ input: "mi_partial" }), "key: ")).rejects.toThrow(/input ended/);
  });
});

describe("readAll", () => {
  it("reads everything piped in", async () => {
    expect(await readAll(fakeIO({ input: "mi_key\n" }))).toBe("mi_key\n");
    expect(await readAll(fakeIO({ input: "" }))).toBe("");
  });
});
