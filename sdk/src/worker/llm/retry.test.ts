import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { isTransient, withRetries } from "./retry.js";

const apiError = (status: number) => OpenAI.APIError.generate(status, { error: { message: "x" } }, "x", new Headers());

describe("withRetries", () => {
  it("retries transient failures and gives up on others", async () => {
    expect(isTransient(apiError(503))).toBe(true);
    expect(isTransient(apiError(429))).toBe(true);
    expect(isTransient(new OpenAI.APIConnectionError({ message: "reset" }))).toBe(true);
    expect(isTransient(apiError(400))).toBe(false);
    expect(isTransient(new OpenAI.APIUserAbortError())).toBe(false);

    let calls = 0;
    const value = await withRetries(
      async () => {
        if (++calls < 3) throw apiError(502);
        return "ok";
      },
      new AbortController().signal,
      { initialDelayMs: 1, maxDelayMs: 2 },
    );
    expect([value, calls]).toEqual(["ok", 3]);

    calls = 0;
    const bad = withRetries(
      async () => {
        calls++;
        throw apiError(401);
      },
      new AbortController().signal,
      { initialDelayMs: 1 },
    );
    await expect(bad).rejects.toThrow(/401/);
    expect(calls).toBe(1);
  });

  it("stops after maxAttempts, and at once when the signal aborts", async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw apiError(500);
    };
    await expect(withRetries(failing, new AbortController().signal, { maxAttempts: 2, initialDelayMs: 1 })).rejects.toThrow(/500/);
    expect(calls).toBe(2);

    const abort = new AbortController();
    calls = 0;
    const waiting = withRetries(failing, abort.signal, { initialDelayMs: 60_000, maxDelayMs: 60_000 });
    await Promise.resolve();
    abort.abort(new Error("lease lost"));
    await expect(waiting).rejects.toThrow("lease lost");
    expect(calls).toBe(1);
  });
});
