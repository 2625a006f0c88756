import { create, createRegistry, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { errorFromJsonBytes, errorToJsonBytes } from "@connectrpc/connect/protocol-connect";
import { describe, expect, it } from "vitest";
import { httpStatusFromConnectError } from "./http-status.js";
import { httpStatusOf, RestRequestError, statusJson } from "./status.js";
import { ErrorInfoSchema, errorDetailsRegistry, RetryInfoSchema } from "./testing/error-details.js";

/** The error as a REST handler receives it: serialized by the Connect handler, parsed back. */
function overTheWire(err: ConnectError): ConnectError {
  return errorFromJsonBytes(errorToJsonBytes(err, undefined), undefined, new ConnectError("unparsable", Code.Internal));
}

const creditsError = () =>
  new ConnectError("out of credits", Code.FailedPrecondition, undefined, [
    { desc: ErrorInfoSchema, value: { reason: "INSUFFICIENT_CREDITS", domain: "mitosis.dev", metadata: { officeId: "o1" } } },
  ]);

describe("httpStatusFromConnectError", () => {
  it.each([
    [Code.Canceled, 499],
    [Code.Unknown, 500],
    [Code.InvalidArgument, 400],
    [Code.DeadlineExceeded, 504],
    [Code.NotFound, 404],
    [Code.AlreadyExists, 409],
    [Code.PermissionDenied, 403],
    [Code.ResourceExhausted, 429],
    [Code.FailedPrecondition, 400],
    [Code.Aborted, 409],
    [Code.OutOfRange, 400],
    [Code.Unimplemented, 501],
    [Code.Internal, 500],
    [Code.Unavailable, 503],
    [Code.DataLoss, 500],
    [Code.Unauthenticated, 401],
  ])("code %i -> %i", (code, status) => {
    expect(httpStatusFromConnectError(new ConnectError("x", code))).toBe(status);
  });

  it("failed_precondition with ErrorInfo INSUFFICIENT_CREDITS is 402, as thrown and as received", () => {
    expect(httpStatusFromConnectError(creditsError())).toBe(402);
    expect(httpStatusFromConnectError(overTheWire(creditsError()))).toBe(402);
  });

  it("other ErrorInfo reasons, or the reason on another code, do not make a 402", () => {
    const otherReason = new ConnectError("x", Code.FailedPrecondition, undefined, [
      { desc: ErrorInfoSchema, value: { reason: "OFFICE_SUSPENDED" } },
    ]);
    expect(httpStatusFromConnectError(overTheWire(otherReason))).toBe(400);
    const otherCode = new ConnectError("x", Code.PermissionDenied, undefined, [
      { desc: ErrorInfoSchema, value: { reason: "INSUFFICIENT_CREDITS" } },
    ]);
    expect(httpStatusFromConnectError(otherCode)).toBe(403);
  });
});

describe("httpStatusOf", () => {
  it("prefers the status of a request error", () => {
    expect(httpStatusOf(new RestRequestError("too big", Code.ResourceExhausted, 413))).toBe(413);
    expect(httpStatusOf(new RestRequestError("bad"))).toBe(400);
    expect(httpStatusOf(new ConnectError("gone", Code.NotFound))).toBe(404);
  });

  it("request errors are still ConnectErrors", () => {
    const err = new RestRequestError("bad");
    expect(err).toBeInstanceOf(ConnectError);
    expect(err).toBeInstanceOf(RestRequestError);
    expect(new ConnectError("x")).not.toBeInstanceOf(RestRequestError);
  });
});

describe("statusJson", () => {
  const expectedErrorInfo = {
    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
    reason: "INSUFFICIENT_CREDITS",
    domain: "mitosis.dev",
    metadata: { officeId: "o1" },
  };

  it("decodes details whose type the registry knows", () => {
    expect(statusJson(overTheWire(creditsError()), errorDetailsRegistry)).toEqual({
      code: 9,
      message: "out of credits",
      details: [expectedErrorInfo],
    });
  });

  it("renders details of errors raised in-process", () => {
    expect(statusJson(creditsError(), createRegistry())).toEqual({ code: 9, message: "out of credits", details: [expectedErrorInfo] });
  });

  it("falls back to the server's debug rendering when the registry lacks the type", () => {
    expect(statusJson(overTheWire(creditsError()), createRegistry()).details).toEqual([expectedErrorInfo]);
  });

  it("falls back to base64 when neither registry nor debug rendering help", () => {
    const bytes = toBinary(RetryInfoSchema, create(RetryInfoSchema, { retryDelay: { seconds: 3n } }));
    const err = new ConnectError("slow down", Code.ResourceExhausted);
    err.details.push({ type: "google.rpc.RetryInfo", value: bytes });
    expect(statusJson(err, createRegistry()).details).toEqual([
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", value: Buffer.from(bytes).toString("base64") },
    ]);
    expect(statusJson(err, errorDetailsRegistry).details).toEqual([
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "3s" },
    ]);
  });
});
