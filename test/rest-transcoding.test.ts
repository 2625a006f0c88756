/**
 * REST transcoding end to end: a real HTTP server on port 0 with a Connect
 * router (echoing OfficeService and FixtureService) behind the transcoder,
 * called the way curl would call it.
 */
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { echoCreatedAt, echoCreditBalance, waitingOfficeId, watchWaitingCall } from "../src/rest/testing/echo-office-service.js";
import { startEchoServer, type EchoServer } from "../src/rest/testing/echo-server.js";

const officeId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

let server: EchoServer;

beforeAll(async () => {
  server = await startEchoServer(1024);
});

afterAll(() => server.close());

const call = (...args: Parameters<EchoServer["call"]>) => server.call(...args);

describe("REST calls reach the handler", () => {
  it("GET with a path variable, forwarding identity headers", async () => {
    const res = await call("GET", `/api/offices/${officeId}`, {
      headers: { authorization: "Bearer mi_key", "x-mi-agent-id": "agent-7", "x-mi-signature": "sig" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.json).toEqual({
      office: { id: officeId, name: "Bearer mi_key|agent-7|sig", status: "OFFICE_STATE_PROVISIONING" },
    });
    // The handler saw the REST request as sent, through restRequestKey.
    expect(res.headers.get("x-rest-request")).toBe(`GET /api/offices/${officeId} OfficeService_GetOffice`);
  });

  it('POST with body "*"', async () => {
    const res = await call("POST", "/api/offices", { body: JSON.stringify({ name: "Research" }) });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      office: { id: "11111111-1111-1111-1111-111111111111", name: "Research", status: "OFFICE_STATE_ACTIVE", createdAt: echoCreatedAt },
    });
  });

  it("PATCH with a partial body sets only the fields sent, and the reply shows defaults", async () => {
    const res = await call("PATCH", `/api/offices/${officeId}/settings`, { body: '{"defaultModelTier":"opus"}' });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-fields-present")).toBe("defaultModelTier");
    expect(res.json).toEqual({ settings: { allowAgentHiring: false, agentIdleTimeoutMinutes: 0, defaultModelTier: "opus" } });
  });

  it("DELETE, passing the handler's response headers through", async () => {
    const res = await call("DELETE", `/api/offices/${officeId}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    expect(res.headers.get("x-deleted")).toBe(officeId);
  });

  it("GET with query parameters by JSON and proto name", async () => {
    const res = await call("GET", "/api/offices?pageSize=5&page_token=abc%20d");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ offices: [], nextPageToken: "pageSize=5;pageToken=abc d" });
  });

  it("keeps int64 exact, as a string", async () => {
    const res = await call("GET", `/api/offices/${officeId}/status`);
    expect(res.json).toEqual({
      status: {
        officeId,
        status: "OFFICE_STATE_SUSPENDED",
        agentCount: 0,
        runningAgentCount: 0,
        openTaskCount: 0,
        creditBalance: echoCreditBalance.toString(),
      },
    });
  });

  it("HEAD is answered like GET, without a body", async () => {
    const res = await fetch(`${server.base}/api/offices/${officeId}`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it(":verb, ** paths, response_body and custom methods", async () => {
    const claim = await call("POST", "/v1/items/i1:claim", { body: '{"name":"n"}' });
    expect(claim.json).toMatchObject({ id: "i1", name: "n" });
    const file = await call("GET", "/v1/files/docs/a%20b/c.md");
    expect(file.json).toMatchObject({ name: "docs/a b/c.md" });
    const name = await call("GET", "/v1/items/i1/name?name=just%20the%20name");
    expect(name.json).toBe("just the name");
    const purge = await call("PURGE", "/v1/items/i9");
    expect(purge.json).toMatchObject({ id: "i9" });
  });

  it("also serves HTTP/2", async () => {
    const h2server = http2.createServer(server.listener);
    await new Promise<void>((resolve) => h2server.listen(0, "127.0.0.1", resolve));
    const client = http2.connect(`http://127.0.0.1:${(h2server.address() as AddressInfo).port}`);
    try {
      const req = client.request({ ":method": "PATCH", ":path": `/api/offices/${officeId}/settings`, "content-type": "application/json" });
      req.end('{"allowAgentHiring":true}');
      const [status, body] = await new Promise<[number, string]>((resolve, reject) => {
        let status = 0;
        let body = "";
        req.on("response", (headers) => (status = Number(headers[":status"])));
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => resolve([status, body]));
        req.on("error", reject);
      });
      expect(status).toBe(200);
      expect(JSON.parse(body)).toMatchObject({ settings: { allowAgentHiring: true } });
    } finally {
      client.close();
      await new Promise((resolve) => h2server.close(resolve));
    }
  });
});

describe("the call's lifetime", () => {
  it("a client that goes away aborts the handler's signal", async () => {
    const probe = watchWaitingCall();
    const controller = new AbortController();
    const pending = fetch(`${server.base}/api/offices/${waitingOfficeId}/settings`, { signal: controller.signal }).catch((e: unknown) => e);
    await probe.started;
    controller.abort();
    await probe.aborted;
    expect(await pending).toBeInstanceOf(Error);
  });

  it("Connect-Timeout-Ms is forwarded: the deadline ends the call with 504", async () => {
    watchWaitingCall();
    const res = await call("GET", `/api/offices/${waitingOfficeId}/settings`, { headers: { "connect-timeout-ms": "50" } });
    expect(res.status).toBe(504);
    expect(res.json).toMatchObject({ code: 4 });
  });
});

describe("GET /openapi.json material", () => {
  it("describes every unary binding and skips the streaming one with a warning", () => {
    const doc = server.transcoder.openapi() as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths["/api/offices/{office_id}/settings"]?.patch?.operationId).toBe("OfficeService_UpdateOfficeSettings");
    expect(doc.paths["/v1/items:watch"]).toBeUndefined();
    expect(server.transcoder.warnings).toEqual([
      "resttest.v1.FixtureService.WatchItems: server-streaming methods are transcoded to REST only as byte streams; its response_body does not name a bytes field in a oneof, so it is not a byte stream; its google.api.http binding is ignored",
    ]);
  });
});
