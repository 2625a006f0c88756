import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, toBinary } from "@bufbuild/protobuf";
import { BinaryWriter } from "@bufbuild/protobuf/wire";
import { Code, ConnectError } from "@connectrpc/connect";
import { ViolationsSchema } from "../../gen/ts/buf/validate/validate_pb.js";
import { OS1Client } from "./client.js";
import {
  AlreadyExistsError,
  InsufficientCreditsError,
  InvalidArgumentError,
  MitosisError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitedError,
  toMitosisError,
  UnauthenticatedError,
  UnavailableError,
  DeadlineExceededError,
} from "./errors.js";

describe("toMitosisError", () => {
  const cases = [
    [Code.Unauthenticated, UnauthenticatedError, "unauthenticated", 401],
    [Code.NotFound, NotFoundError, "not_found", 404],
    [Code.PermissionDenied, PermissionDeniedError, "permission_denied", 403],
    [Code.AlreadyExists, AlreadyExistsError, "already_exists", 409],
    [Code.InvalidArgument, InvalidArgumentError, "invalid_argument", 400],
    [Code.ResourceExhausted, RateLimitedError, "resource_exhausted", 429],
    [Code.FailedPrecondition, MitosisError, "failed_precondition", 400],
    [Code.Unavailable, UnavailableError, "unavailable", 503],
    [Code.DeadlineExceeded, DeadlineExceededError, "deadline_exceeded", 504],
    [Code.Internal, MitosisError, "internal", 500],
  ] as const;

  for (const [code, cls, name, status] of cases) {
    it(`maps ${name} to ${cls.name} with status ${status}`, () => {
      const err = toMitosisError(new ConnectError("office is gone", code));
      expect(err).toBeInstanceOf(cls);
      expect(err).toBeInstanceOf(MitosisError);
      expect(err.name).toBe(cls.name);
      expect(err.code).toBe(name);
      expect(err.status).toBe(status);
      expect(err.message.startsWith("office is gone")).toBe(true);
    });
  }

  it("appends the login hint to 401s unless the server already gave it", () => {
    expect(toMitosisError(new ConnectError("invalid or expired API key", Code.Unauthenticated)).message).toBe(
      "invalid or expired API key. Run mi login to re-authenticate.",
    );
    expect(toMitosisError(new ConnectError("Key expired.", Code.Unauthenticated)).message).toBe(
      "Key expired. Run mi login to re-authenticate.",
    );
    const already = "Your API key is invalid or expired. Run mi login to re-authenticate.";
    expect(toMitosisError(new ConnectError(already, Code.Unauthenticated)).message).toBe(already);
  });

  it("keeps the server's message without Connect's [code] prefix", () => {
    expect(toMitosisError(new ConnectError("no such office", Code.NotFound)).message).toBe("no such office");
  });

  it("passes MitosisErrors through and wraps plain errors as unknown", () => {
    const mine = new NotFoundError("x", { code: "not_found", status: 404 });
    expect(toMitosisError(mine)).toBe(mine);
    const wrapped = toMitosisError(new Error("boom"));
    expect(wrapped.code).toBe("unknown");
    expect(wrapped.status).toBe(500);
  });
});

/**
 * Error details travel inside the Connect protocol's JSON error body. A raw HTTP server
 * answers with exactly those bytes so the SDK's whole decode path runs, as with a real server.
 */
describe("error details over the wire", () => {
  let server: Server;
  let reply: { status: number; body: unknown; headers?: Record<string, string> };
  let client: OS1Client;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    // One attempt: these tests read how a failure is mapped; retry.test.ts covers the retries.
    client = new OS1Client({ endpoint: `http://127.0.0.1:${port}`, auth: { type: "token", token: "t" }, retry: { maxAttempts: 1 } });
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64").replace(/=+$/, "");

  it("reads field violations from buf.validate.Violations", async () => {
    const violations = create(ViolationsSchema, {
      violations: [
        {
          field: { elements: [{ fieldNumber: 1, fieldName: "name" }] },
          ruleId: "string.min_len",
          message: "value length must be at least 1 characters",
        },
      ],
    });
    reply = {
      status: 400,
      body: {
        code: "invalid_argument",
        message: "name: value length must be at least 1 characters",
        details: [{ type: "buf.validate.Violations", value: b64(toBinary(ViolationsSchema, violations)) }],
      },
    };
    const err = await client.offices.create({ name: "" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).violations).toEqual([{ field: "name", message: "value length must be at least 1 characters" }]);
    expect((err as InvalidArgumentError).message).toBe("name: value length must be at least 1 characters");
  });

  it("reads field violations from google.rpc.BadRequest", async () => {
    const w = new BinaryWriter();
    w.tag(1, 2).fork().tag(1, 2).string("office_id").tag(2, 2).string("must be a UUID").join();
    reply = {
      status: 400,
      body: { code: "invalid_argument", message: "bad office id", details: [{ type: "google.rpc.BadRequest", value: b64(w.finish()) }] },
    };
    const err = (await client.offices.get("nope").catch((e: unknown) => e)) as InvalidArgumentError;
    expect(err.violations).toEqual([{ field: "office_id", message: "must be a UUID" }]);
  });

  it("turns failed_precondition with reason INSUFFICIENT_CREDITS into a 402 InsufficientCreditsError", async () => {
    const w = new BinaryWriter().tag(1, 2).string("INSUFFICIENT_CREDITS").tag(2, 2).string("mitosis");
    reply = {
      status: 400,
      body: {
        code: "failed_precondition",
        message: "office has no credits",
        details: [{ type: "google.rpc.ErrorInfo", value: b64(w.finish()) }],
      },
    };
    const err = (await client.offices.status("x").catch((e: unknown) => e)) as InsufficientCreditsError;
    expect(err).toBeInstanceOf(InsufficientCreditsError);
    expect(err.status).toBe(402);
    expect(err.code).toBe("failed_precondition");
    expect(err.hint).toMatch(/mi credits add/);
  });

  it("keeps other failed_precondition errors generic", async () => {
    const w = new BinaryWriter().tag(1, 2).string("OFFICE_SUSPENDED");
    reply = {
      status: 400,
      body: { code: "failed_precondition", message: "suspended", details: [{ type: "google.rpc.ErrorInfo", value: b64(w.finish()) }] },
    };
    const err = (await client.offices.status("x").catch((e: unknown) => e)) as MitosisError;
    expect(err).not.toBeInstanceOf(InsufficientCreditsError);
    expect(err.status).toBe(400);
  });

  it("reads retryAfter from RetryInfo, rounding up", async () => {
    const duration = new BinaryWriter().tag(1, 0).int64(41).tag(2, 0).int32(500_000_000).finish();
    const w = new BinaryWriter().tag(1, 2).bytes(duration);
    reply = {
      status: 429,
      body: {
        code: "resource_exhausted",
        message: "hire limit: 3 per 10 minutes",
        details: [{ type: "google.rpc.RetryInfo", value: b64(w.finish()) }],
      },
    };
    const err = (await client.offices.list().catch((e: unknown) => e)) as RateLimitedError;
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAfter).toBe(42);
    expect(err.hint).toBe("Wait 42 s and retry.");
  });

  it("falls back to the Retry-After header", async () => {
    reply = { status: 429, body: { code: "resource_exhausted", message: "slow down" }, headers: { "retry-after": "7" } };
    const err = (await client.offices.list().catch((e: unknown) => e)) as RateLimitedError;
    expect(err.retryAfter).toBe(7);
  });

  it("leaves retryAfter undefined when the server gave no delay", async () => {
    reply = { status: 429, body: { code: "resource_exhausted", message: "slow down" } };
    const err = (await client.offices.list().catch((e: unknown) => e)) as RateLimitedError;
    expect(err.retryAfter).toBeUndefined();
    expect(err.hint).toBe("Wait and retry.");
  });
});
