import { ConnectionException } from "@mikro-orm/core";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { freePort } from "./ports.js";
import { isDatabaseUnavailable } from "./unavailable.js";

describe("isDatabaseUnavailable", () => {
  it("recognises a refused connection, as pg reports it", async () => {
    const client = new pg.Client({ host: "127.0.0.1", port: await freePort(), connectionTimeoutMillis: 2_000 });
    const err = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it("recognises Postgres shutting down or refusing more clients, also wrapped by the ORM", () => {
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
    expect(isDatabaseUnavailable(shutdown)).toBe(true);
    expect(isDatabaseUnavailable(new ConnectionException(shutdown))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("sorry, too many clients already"), { code: "53300" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: new Error("Connection terminated unexpectedly") }))).toBe(true);
  });

  it("leaves query errors alone: they are bugs or bad input, not an outage", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key value"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("syntax error"), { code: "42601" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("something else"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
