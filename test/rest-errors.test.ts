/**
 * REST errors end to end: handler errors become google.rpc.Status with the
 * HTTP status of the code table, and bad requests are refused before they
 * reach a handler.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingOfficeId } from "../src/rest/testing/echo-office-service.js";
import { startEchoServer, type EchoServer } from "../src/rest/testing/echo-server.js";

const officeId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const maxBodyBytes = 1024;

let server: EchoServer;

beforeAll(async () => {
  server = await startEchoServer(maxBodyBytes);
});

afterAll(() => server.close());

const call = (...args: Parameters<EchoServer["call"]>) => server.call(...args);

describe("errors are google.rpc.Status with the HTTP status of the code table", () => {
  it.each([
    ["invalid_argument", 400, 3],
    ["out_of_range", 400, 11],
    ["unauthenticated", 401, 16],
    ["permission_denied", 403, 7],
    ["not_found", 404, 5],
    ["already_exists", 409, 6],
    ["aborted", 409, 10],
    ["failed_precondition", 400, 9],
    ["unimplemented", 501, 12],
    ["unavailable", 503, 14],
    ["deadline_exceeded", 504, 4],
    ["internal", 500, 13],
    ["unknown", 500, 2],
    ["data_loss", 500, 15],
    ["canceled", 499, 1],
  ])("%s -> %i", async (codeName, status, code) => {
    const res = await call("POST", "/api/offices", { body: JSON.stringify({ name: `fail:${codeName}` }) });
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ code, message: `failing with ${codeName} as asked`, details: [] });
  });

  it("out of credits -> 402 with the ErrorInfo detail", async () => {
    const res = await call("POST", "/api/offices", { body: '{"name":"fail:insufficient_credits"}' });
    expect(res.status).toBe(402);
    expect(res.json).toEqual({
      code: 9,
      message: "the office is out of credits; top it up with mi credits add",
      details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "INSUFFICIENT_CREDITS", domain: "mitosis.dev" }],
    });
  });

  it("rate limited -> 429 with Retry-After and RetryInfo", async () => {
    const res = await call("POST", "/api/offices", { body: '{"name":"fail:rate_limited"}' });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("600");
    expect(res.json).toEqual({
      code: 8,
      message: "hiring limit reached: 3 per 10 minutes",
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "600s" }],
    });
  });

  it("a handler's not_found -> 404", async () => {
    const res = await call("DELETE", `/api/offices/${missingOfficeId}`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ code: 5, message: `office ${missingOfficeId} not found`, details: [] });
  });
});

describe("requests refused before dispatch", () => {
  it("405 with Allow when only the method is wrong", async () => {
    const res = await call("PUT", "/api/offices");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(res.json).toEqual({ code: 12, message: "PUT is not allowed on /api/offices; allowed: GET, HEAD, POST", details: [] });
  });

  it("413 when the body is over the limit, with or without Content-Length", async () => {
    const big = JSON.stringify({ name: "x".repeat(maxBodyBytes) });
    const sized = await call("POST", "/api/offices", { body: big });
    expect(sized.status).toBe(413);
    expect(sized.json).toEqual({ code: 8, message: `request body is larger than the limit of ${maxBodyBytes} bytes`, details: [] });
    const chunks = [new TextEncoder().encode(big.slice(0, 600)), new TextEncoder().encode(big.slice(600))];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) {
          controller.enqueue(chunk);
        } else {
          controller.close();
        }
      },
    });
    const chunked = await fetch(`${server.base}/api/offices`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("415 for a body that is not JSON", async () => {
    const res = await call("POST", "/api/offices", { body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({ code: 3, message: expect.stringMatching(/^unsupported content-type/) });
  });

  it("400 for malformed JSON, with the position", async () => {
    const res = await call("POST", "/api/offices", { body: '{"name": "x" "y"}' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      code: 3,
      message: "malformed JSON in request body: Expected ',' or '}' after property value in JSON at position 13 (line 1 column 14)",
      details: [],
    });
  });

  it("400 naming an unknown field or a wrongly typed one", async () => {
    const unknown = await call("PATCH", `/api/offices/${officeId}/settings`, { body: '{"allowAgentHirin":true}' });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ message: 'invalid request body: unknown field "allowAgentHirin"' });
    const wrong = await call("PATCH", `/api/offices/${officeId}/settings`, { body: '{"agentIdleTimeoutMinutes":"soon"}' });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ message: expect.stringMatching(/^invalid request body: field "agentIdleTimeoutMinutes": /) });
  });

  it("400 for an unknown query parameter or a body where none is taken", async () => {
    const query = await call("GET", "/api/offices?page=2");
    expect(query.status).toBe(400);
    expect(query.json).toMatchObject({ message: 'unknown query parameter "page": mitosis.v1.ListOfficesRequest has no field "page"' });
    const body = await call("DELETE", `/api/offices/${officeId}`, { body: "{}" });
    expect(body.status).toBe(400);
    expect(body.json).toMatchObject({
      message: "DELETE /api/offices/{office_id} takes no request body; send its parameters in the path and query string",
    });
  });

  it("resolves false (so the server answers 404) when no binding matches the path", async () => {
    const res = await fetch(`${server.base}/api/nothing-here`);
    expect(res.status).toBe(404);
  });
});
