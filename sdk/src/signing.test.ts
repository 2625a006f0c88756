import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttp2Server, type Http2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, toBinary } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import { createClient, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter, createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { GetOfficeRequestSchema, OfficeService } from "../../gen/ts/mitosis/v1/office_pb.js";
import {
  canonicalSigningString,
  privateKeyFromSeedHex,
  publicKeyHex,
  SIGNATURE_HEADERS,
  signingInterceptor,
  signRequest,
} from "./signing.js";

const ZERO_SEED = "00".repeat(32);
const vectorParts = {
  method: "POST",
  path: "/mitosis.v1.OfficeService/GetOffice",
  timestamp: "1767225600000",
  nonce: "000102030405060708090a0b0c0d0e0f",
  body: toBinary(GetOfficeRequestSchema, create(GetOfficeRequestSchema, { officeId: "0b7f3c1e-5d2a-4e8f-9a6b-1c2d3e4f5a6b" })),
};

describe("signing test vector (the server's verifier must agree)", () => {
  it("builds the canonical string from method, path, timestamp, nonce and the body hash", () => {
    expect(canonicalSigningString(vectorParts)).toBe(
      "MI-SIG-V1\nPOST\n/mitosis.v1.OfficeService/GetOffice\n1767225600000\n000102030405060708090a0b0c0d0e0f\n" +
        "ec0279812dade78d7ce847a40dec8c74a1c612f7c3d9f50e44cc0efc7a9badf6",
    );
  });

  it("signs with the 32-zero-byte seed to a pinned signature", () => {
    expect(publicKeyHex(ZERO_SEED)).toBe("3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29");
    expect(signRequest(privateKeyFromSeedHex(ZERO_SEED), vectorParts)).toBe(
      "eKNb2yewW+HmsX2aMX+yu9KP6B6A2Zgru0wH3LkXHfs08oxFkF2hsLznDiNeeIVRTiefGNbNsu+rpKBGXZGSDw==",
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
    expect(signRequest(key, { ...vectorParts, timestamp: "1767225600001" })).not.toBe(base);
    expect(signRequest(key, { ...vectorParts, nonce: "f".repeat(32) })).not.toBe(base);
    expect(signRequest(key, { ...vectorParts, body: new Uint8Array([1]) })).not.toBe(base);
  });
});

/**
 * A real Connect server that verifies signatures the way the platform's server is
 * specified to: from the decoded request message, so every protocol signs the same body.
 */
describe("signingInterceptor on the wire", () => {
  const seed = "11".repeat(32);
  const publicKey = createPublicKey(privateKeyFromSeedHex(seed));
  const seen: { verified: boolean; headers: Record<string, string | null> }[] = [];
  let http1: Server;
  let http2: Http2Server;

  const routes = (router: ConnectRouter) =>
    router.service(OfficeService, {
      getOffice(req, ctx) {
        const h = ctx.requestHeader;
        const canonical = canonicalSigningString({
          method: ctx.requestMethod,
          path: new URL(ctx.url).pathname,
          timestamp: h.get(SIGNATURE_HEADERS.timestamp) ?? "",
          nonce: h.get(SIGNATURE_HEADERS.nonce) ?? "",
          body: toBinary(GetOfficeRequestSchema, req),
        });
        const signature = Buffer.from(h.get(SIGNATURE_HEADERS.signature) ?? "", "base64");
        seen.push({
          verified: verify(null, Buffer.from(canonical), publicKey, signature),
          headers: Object.fromEntries(Object.values(SIGNATURE_HEADERS).map((n) => [n, h.get(n)])),
        });
        return { office: { id: req.officeId, name: "signed", createdAt: timestampNow() } };
      },
    });

  beforeAll(async () => {
    http1 = createHttpServer(connectNodeAdapter({ routes }));
    http2 = createHttp2Server(connectNodeAdapter({ routes }));
    await new Promise<void>((r) => http1.listen(0, "127.0.0.1", r));
    await new Promise<void>((r) => http2.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    await new Promise((r) => http1.close(r));
    await new Promise((r) => http2.close(r));
  });

  const url = (s: Server | Http2Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  for (const protocol of ["connect", "grpc"] as const) {
    it(`signs ${protocol} requests so the server can verify them from the decoded message`, async () => {
      const interceptors = [signingInterceptor({ signingKey: seed, agentId: "agent-7", officeId: "office-1" })];
      const transport =
        protocol === "connect"
          ? createConnectTransport({ baseUrl: url(http1), httpVersion: "1.1", interceptors })
          : createGrpcTransport({ baseUrl: url(http2), interceptors });
      const client = createClient(OfficeService, transport);
      seen.length = 0;
      const before = Date.now();
      await client.getOffice({ officeId: "0b7f3c1e-5d2a-4e8f-9a6b-1c2d3e4f5a6b" });
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
  }
});
