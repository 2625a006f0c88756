import { describe, expect, it } from "vitest";
import { createLogger, type LogLevel } from "./log.js";

/** A logger whose lines are kept, parsed, for the test to read. */
function capture(level: LogLevel = "debug") {
  const text: string[] = [];
  const log = createLogger(level, { write: (line: string) => void text.push(line) });
  return { log, text, lines: () => text.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("createLogger", () => {
  it("writes one JSON line with the level as a word, an ISO time, the fields and the message", () => {
    const { log, text, lines } = capture();
    log.info({ port: 5432 }, "embedded postgres started");
    expect(text).toHaveLength(1);
    expect(text[0]).toMatch(/^\{"level":"info","time":"\d{4}-\d\d-\d\dT[\d:.]+Z",.*\}\n$/);
    expect(lines()[0]).toEqual({ level: "info", time: expect.any(String), port: 5432, msg: "embedded postgres started" });
  });

  it("drops lines below its level", () => {
    const { log, lines } = capture("warn");
    log.debug("a");
    log.info("b");
    log.warn("c");
    log.error("d");
    expect(lines().map((l) => [l.level, l.msg])).toEqual([
      ["warn", "c"],
      ["error", "d"],
    ]);
    expect(log.isLevelEnabled("info")).toBe(false);
  });

  it("keeps an error's cause chain: type, message, stack and code of every error in it", () => {
    const { log, text, lines } = capture();
    const inner = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const middle = new TypeError("could not open the pool", { cause: inner });
    const outer = new Error("database ready check failed", { cause: middle });
    log.error({ err: outer }, "unexpected error");

    for (const message of [outer.message, middle.message, inner.message]) expect(text[0]).toContain(message);
    type SerializedError = { type: string; message: string; stack: string; code?: string; cause?: SerializedError };
    const err = lines()[0]!.err as SerializedError;
    expect(err).toMatchObject({
      type: "Error",
      message: "database ready check failed",
      stack: expect.stringContaining("Error: database ready check failed"),
    });
    expect(err.cause).toMatchObject({ type: "TypeError", message: "could not open the pool", stack: expect.stringContaining("TypeError") });
    expect(err.cause?.cause).toMatchObject({ type: "Error", message: inner.message, code: "ECONNREFUSED", stack: expect.any(String) });
  });

  it("censors secrets at the top level, one level down, and in logged request headers", () => {
    const { log, text, lines } = capture();
    const secrets = {
      apiKey: "mi_top-level-key",
      leaseToken: "lease-token-1",
      password: "pw-1",
      databaseUrl: "postgres://mitosis:pw-2@db:5432/mitosis",
    };
    log.info(
      {
        ...secrets,
        key: { secret: "mi_nested-secret", prefix: "mi_abcde" },
        claim: { token: "lease-token-2", taskId: "t1" },
        minio: { endpoint: "http://minio:9000", secretKey: "minio-secret" },
        headers: { authorization: "Bearer mi_header-key", "x-mi-signature": "c2lnbmF0dXJl", "x-mi-agent-id": "a1" },
        req: { headers: { authorization: "Bearer mi_req-key", cookie: "session=abc", "x-mi-signature": "c2ln" } },
        err: Object.assign(new Error("boom"), { password: "pw-3" }),
      },
      "something happened",
    );
    for (const secret of [
      ...Object.values(secrets),
      "mi_nested-secret",
      "lease-token-2",
      "minio-secret",
      "mi_header-key",
      "c2lnbmF0dXJl",
      "mi_req-key",
      "session=abc",
      "c2ln",
      "pw-3",
    ]) {
      expect(text[0]).not.toContain(secret);
    }
    const line = lines()[0]!;
    expect(line).toMatchObject({
      apiKey: "[Redacted]",
      key: { secret: "[Redacted]", prefix: "mi_abcde" },
      claim: { token: "[Redacted]", taskId: "t1" },
      minio: { endpoint: "http://minio:9000", secretKey: "[Redacted]" },
      headers: { authorization: "[Redacted]", "x-mi-signature": "[Redacted]", "x-mi-agent-id": "a1" },
      req: { headers: { authorization: "[Redacted]", cookie: "[Redacted]", "x-mi-signature": "[Redacted]" } },
      err: { message: "boom", password: "[Redacted]" },
      msg: "something happened",
    });
  });

  it("child loggers add their fields to every line", () => {
    const { log, lines } = capture();
    log.child({ component: "lease reaper" }).info({ count: 2 }, "expired task leases handled");
    expect(lines()[0]).toMatchObject({ component: "lease reaper", count: 2, msg: "expired task leases handled" });
  });
});
