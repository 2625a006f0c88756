import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createHttp2Server, type Http2Server, type Http2ServerRequest } from "node:http2";
import type { AddressInfo } from "node:net";
import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, toBinary } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { GetOfficeRequestSchema, GetOfficeResponseSchema, OfficeService } from "../../gen/ts/mitosis/v1/office_pb.js";
import { TaskService } from "../../gen/ts/mitosis/v1/task_pb.js";
import { OS1Client } from "./client.js";
import {
  canonicalSigningString,
  lengthPrefixed,
  privateKeyFromSeedHex,
  publicKeyHex,
  SIGNATURE_HEADERS,
  signingInterceptor,
  signRequest,
} from "./signing.js";

const ZERO_SEED = "00".repeat(32);
/** The canonical string of src/auth/agent-signature.test.ts's vector: both sides must build it. */
const SERVER_VECTOR =
  "MI-SIG-V2\nPOST\napi.example.com\n/a\nagent-1\noffice-1\n1700000000000\n" +
  "00".repeat(16) +
  "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const vectorParts = {
  method: "POST",
  host: "127.0.0.1:8080",
  path: "/mitosis.v1.OfficeService/GetOffice",
  agentId: "agent-7",
  officeId: "0b7f3c1e-5d2a-4e8f-9a6b-1c2d3e4f5a6b",
  timestamp: "1767225600000",
  nonce: "000102030405060708090a0b0c0d0e0f",
  body: toBinary(GetOfficeRequestSchema, create(GetOfficeRequestSchema, { officeId: "0b7f3c1e-5d2a-4e8f-9a6b-1c2d3e4f5a6b" })),
};

describe("signing test vector (the server's verifier must agree)", () => {
  it("builds the canonical string from method, host, path, agent and office ids, timestamp, nonce and the body hash", () => {
    expect(canonicalSigningString(vectorParts)).toBe(
      "MI-SIG-V2\nPOST\n127.0.0.1:8080\n/mitosis.v1.OfficeService/GetOffice\nagent-7\n0b7f3c1e-5d2a-4e8f-9a6b-1c2d3e4f5a6b\n" +
        "1767225600000\n000102030405060708090a0b0c0d0e0f\n" +
        "ec0279812dade78d7ce847a40dec8c74a1c612f7c3d9f50e44cc0efc7a9badf6",
    );
  });

  it("signs with the 32-zero-byte seed to a pinned signature", () => {
    expect(publicKeyHex(ZERO_SEED)).toBe("3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29");
    expect(signRequest(privateKeyFromSeedHex(ZERO_SEED), vectorParts)).toBe(
      "OWLsnReiYzJO1iK5T/lmP+1rmNUcPhaEesWuIpv7PUCbrf4syK+i2A68RgxWnGPPIB9AOk30djmJLEc6hC3RAw==",
    );
  });

  it("loads seeds as RFC 8032 Ed25519 keys (test 1 vector)", () => {
    const seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    expect(publicKeyHex(seed)).toBe("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  });

  it("rejects a signing key that is not 64 hex characters", () => {
    expect(() => privateKeyFromSeedHex("abcd")).toThrow(/64 hex characters/);
  });

  it("changes the signature when any signed part changes", () => {
    const key = privateKeyFromSeedHex(ZERO_SEED);
    const base = signRequest(key, vectorParts);
    expect(signRequest(key, { ...vectorParts, method: "GET" })).not.toBe(base);
    expect(signRequest(key, { ...vectorParts, path: "/mitosis.v1.OfficeService/DeleteOffice" })).not.toBe(base);
    expect(signRequest(key, { ...vectorParts, host: "evil.example:8080" })).not.toBe(base);
    expect(signRequest(key, { ...vectorParts, agentId: "agent-8" })).not.toBe(base);
    expect(signRequest(key, { ...vectorParts, officeId: "office-2" })).not.toBe(base);
    expect(signRequest(key, { ...vectorParts, timestamp: "1767225600001" })).not.toBe(base);
    expect(signRequest(key, { ...vectorParts, nonce: "f".repeat(32) })).not.toBe(base);
    expect(signRequest(key, { ...vectorParts, body: new Uint8Array([1]) })).not.toBe(base);
  });
});

/**
 * A raw HTTP server that checks signatures over the exact request bytes it receives, the
 * way the platform's verifier (src/auth/agent-signature.ts) does, and answers with minimal
 * valid Connect / gRPC responses.
 */
describe("signingInterceptor on the wire", () => {
  const seed = "11".repeat(32);
  const publicKey = createPublicKey(privateKeyFromSeedHex(seed));
  const seen: { verified: boolean; bodyLength: number; authorization?: string; headers: Record<string, string | undefined> }[] = [];
  let http1: Server;
  let http2: Http2Server;

  const officeReply = toBinary(
    GetOfficeResponseSchema,
    create(GetOfficeResponseSchema, { office: { id: "o", name: "signed", createdAt: timestampNow() } }),
  );

  async function check(req: IncomingMessage | Http2ServerRequest): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const header = (name: string) => req.headers[name] as string | undefined;
    const canonical = canonicalSigningString({
      method: req.method ?? "",
      host: header(":authority") ?? header("host") ?? "",
      path: req.url ?? "",
      agentId: header(SIGNATURE_HEADERS.agentId) ?? "",
      officeId: header(SIGNATURE_HEADERS.officeId) ?? "",
      timestamp: header(SIGNATURE_HEADERS.timestamp) ?? "",
      nonce: header(SIGNATURE_HEADERS.nonce) ?? "",
      body,
    });
    const signature = Buffer.from(header(SIGNATURE_HEADERS.signature) ?? "", "base64");
    seen.push({
      verified: verify(null, Buffer.from(canonical), publicKey, signature),
      bodyLength: body.length,
      authorization: header("authorization"),
      headers: Object.fromEntries(Object.values(SIGNATURE_HEADERS).map((n) => [n, header(n)])),
    });
  }

  beforeAll(async () => {
    http1 = createHttpServer(async (req, res) => {
      await check(req);
      if (req.headers["content-type"] === "application/proto") {
        res.writeHead(200, { "content-type": "application/proto" });
        return res.end(officeReply);
      }
      // Connect streaming: no messages, then the end-of-stream frame (flag 0x02, "{}").
      const endStream = lengthPrefixed(Buffer.from("{}"));
      endStream[0] = 0x02;
      res.writeHead(200, { "content-type": "application/connect+proto" });
      res.end(endStream);
    });
    http2 = createHttp2Server(async (req, res) => {
      await check(req);
      res.writeHead(200, { "content-type": "application/grpc" });
      res.addTrailers({ "grpc-status": "0" });
      if (req.url.endsWith("/GetOffice")) res.end(lengthPrefixed(officeReply));
      else res.end();
    });
    await new Promise<void>((r) => http1.listen(0, "127.0.0.1", r));
    await new Promise<void>((r) => http2.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    await new Promise((r) => http1.close(r));
    await new Promise((r) => http2.close(r));
  });

  const url = (s: Server | Http2Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  const transportFor = (protocol: "connect" | "grpc") => {
    const interceptors = [signingInterceptor({ signingKey: seed, agentId: "agent-7", officeId: "office-1", protocol })];
    return protocol === "connect"
      ? createConnectTransport({ baseUrl: url(http1), httpVersion: "1.1", useBinaryFormat: true, interceptors })
      : createGrpcTransport({ baseUrl: url(http2), interceptors });
  };

  for (const protocol of ["connect", "grpc"] as const) {
    it(`signs the exact bytes of ${protocol} unary requests`, async () => {
      const client = createClient(OfficeService, transportFor(protocol));
      seen.length = 0;
      const before = Date.now();
      const res = await client.getOffice({ officeId: "0b7f3c1e-5d2a-4e8f-9a6b-1c2d3e4f5a6b" });
      expect(res.office?.name).toBe("signed");
      await client.getOffice({ officeId: "0b7f3c1e-5d2a-4e8f-9a6b-1c2d3e4f5a6b" });

      expect(seen.map((s) => s.verified)).toEqual([true, true]);
      const [first, second] = seen.map((s) => s.headers);
      expect(first?.[SIGNATURE_HEADERS.agentId]).toBe("agent-7");
      expect(first?.[SIGNATURE_HEADERS.officeId]).toBe("office-1");
      expect(Number(first?.[SIGNATURE_HEADERS.timestamp])).toBeGreaterThanOrEqual(before);
      expect(first?.[SIGNATURE_HEADERS.nonce]).toMatch(/^[0-9a-f]{32}$/);
      // A fresh nonce per request is what lets the server refuse replays.
      expect(second?.[SIGNATURE_HEADERS.nonce]).not.toBe(first?.[SIGNATURE_HEADERS.nonce]);
    });

    it(`signs the exact bytes of ${protocol} server-streaming requests`, async () => {
      const client = createClient(TaskService, transportFor(protocol));
      seen.length = 0;
      const events = [];
      for await (const e of client.watchTasks({ officeId: "0b7f3c1e-5d2a-4e8f-9a6b-1c2d3e4f5a6b", assignedAgent: "agent-7" }))
        events.push(e);
      expect(events).toEqual([]);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.verified).toBe(true);
      expect(seen[0]?.bodyLength).toBeGreaterThan(5);
    });
  }

  it("OS1Client signs as the agent given by signingKey, agentId and colonyId, next to its token", async () => {
    for (const [transport, server] of [
      ["connect", http1],
      ["grpc", http2],
    ] as const) {
      const client = new OS1Client({
        endpoint: url(server),
        auth: { type: "token", token: "mi_agent_key" },
        signingKey: seed,
        agentId: "analyst",
        colonyId: "office-9",
        transport,
      });
      seen.length = 0;
      expect((await client.offices.get("0b7f3c1e-5d2a-4e8f-9a6b-1c2d3e4f5a6b")).name).toBe("signed");
      expect(seen[0]).toMatchObject({ verified: true, authorization: "Bearer mi_agent_key" });
      expect(seen[0]?.headers).toMatchObject({ [SIGNATURE_HEADERS.agentId]: "analyst", [SIGNATURE_HEADERS.officeId]: "office-9" });
    }
    expect(() => new OS1Client({ endpoint: url(http1), auth: { type: "token", token: "k" }, signingKey: seed })).toThrow(
      /agentId and officeId \(or colonyId\)/,
    );
  });

  it("agrees with the server's published vector (empty body)", () => {
    expect(
      canonicalSigningString({
        method: "post",
        host: "API.example.com",
        path: "/a",
        agentId: "agent-1",
        officeId: "office-1",
        timestamp: "1700000000000",
        nonce: "00".repeat(16),
        body: new Uint8Array(),
      }),
    ).toBe(SERVER_VECTOR);
  });
});
