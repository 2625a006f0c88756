import { createPrivateKey, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { canonicalSigningString, ed25519PublicKey, MemoryNonceStore, verifyAgentSignature } from "./agent-signature.js";

// Test vector shared with the SDK's signer: seed of 32 zero bytes.
const SEED_HEX = "00".repeat(32);
const PKCS8_PREFIX = "302e020100300506032b657004220420";
const privateKey = createPrivateKey({ key: Buffer.from(PKCS8_PREFIX + SEED_HEX, "hex"), format: "der", type: "pkcs8" });
const publicHex = privateKey.export({ format: "jwk" }).x!;
const publicKey = ed25519PublicKey(Buffer.from(publicHex, "base64url").toString("hex"));

function signed(overrides: Partial<Record<string, string>> = {}, body = Buffer.from('{"name":"x"}'), now = Date.now()) {
  const headers: Record<string, string> = {
    "x-mi-agent-id": "agent-1",
    "x-mi-office-id": "office-1",
    "x-mi-timestamp": String(now),
    "x-mi-nonce": "0123456789abcdef0123456789abcdef",
  };
  const message = canonicalSigningString({
    method: "POST",
    host: "127.0.0.1:8080",
    path: "/mitosis.v1.TaskService/ClaimTask",
    agentId: headers["x-mi-agent-id"]!,
    officeId: headers["x-mi-office-id"]!,
    timestamp: headers["x-mi-timestamp"]!,
    nonce: headers["x-mi-nonce"]!,
    body,
  });
  headers["x-mi-signature"] = sign(null, Buffer.from(message), privateKey).toString("base64");
  Object.assign(headers, overrides);
  return {
    method: "POST",
    host: "127.0.0.1:8080",
    path: "/mitosis.v1.TaskService/ClaimTask",
    body,
    headers: { get: (n: string) => headers[n] ?? null },
  };
}

const keyOf = async (agentId: string) => (agentId === "agent-1" ? publicKey : undefined);

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).kind).toBe("unauthenticated");
    return (err as DomainError).message;
  }
}

describe("agent request signatures", () => {
  it("canonical string is stable (test vector shared with the SDK)", () => {
    const s = canonicalSigningString({
      method: "post",
      host: "API.example.com",
      path: "/a",
      agentId: "agent-1",
      officeId: "office-1",
      timestamp: "1700000000000",
      nonce: "00".repeat(16),
      body: new Uint8Array(),
    });
    expect(s).toBe(
      "MI-SIG-V2\nPOST\napi.example.com\n/a\nagent-1\noffice-1\n1700000000000\n" +
        "00".repeat(16) +
        "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("accepts a correctly signed request once", async () => {
    const nonces = new MemoryNonceStore();
    const req = signed();
    expect(await verifyAgentSignature(req, keyOf, nonces)).toEqual({ agentId: "agent-1", officeId: "office-1" });
    expect(await reason(verifyAgentSignature(req, keyOf, nonces))).toMatch(/replay/);
  });

  it("refuses a tampered body, path, unknown agent, stale and future timestamps, missing headers", async () => {
    const nonces = new MemoryNonceStore();
    expect(await reason(verifyAgentSignature({ ...signed(), body: Buffer.from('{"name":"y"}') }, keyOf, nonces))).toMatch(
      /does not verify/,
    );
    expect(await reason(verifyAgentSignature({ ...signed(), path: "/other" }, keyOf, nonces))).toMatch(/does not verify/);
    // Sent to another host than it was signed for (a captured request replayed elsewhere).
    expect(await reason(verifyAgentSignature({ ...signed(), host: "other.example" }, keyOf, nonces))).toMatch(/does not verify/);
    expect(await reason(verifyAgentSignature(signed({ "x-mi-agent-id": "agent-2" }), keyOf, nonces))).toMatch(/does not verify/);
    expect(await reason(verifyAgentSignature(signed({}, undefined, Date.now() - 6 * 60_000), keyOf, nonces))).toMatch(/stale/);
    expect(await reason(verifyAgentSignature(signed({}, undefined, Date.now() + 6 * 60_000), keyOf, nonces))).toMatch(/stale/);
    expect(await reason(verifyAgentSignature(signed({ "x-mi-nonce": "" }), keyOf, nonces))).toMatch(/missing/);
    expect(await reason(verifyAgentSignature(signed({ "x-mi-signature": "AAAA" }), keyOf, nonces))).toMatch(/does not verify/);
  });

  it("refuses a valid signature sent with another agent's or another office's id headers", async () => {
    const nonces = new MemoryNonceStore();
    // The same key serves two agents here, so only the signed ids can tell the requests apart.
    const anyAgent = async () => publicKey;
    const signedAsAgent1 = signed();
    for (const [header, value] of [
      ["x-mi-agent-id", "agent-2"],
      ["x-mi-office-id", "office-2"],
    ] as const) {
      const headers = { get: (n: string) => (n === header ? value : signedAsAgent1.headers.get(n)) };
      expect(await reason(verifyAgentSignature({ ...signedAsAgent1, headers }, anyAgent, nonces))).toMatch(/does not verify/);
    }
    // Untouched, it still verifies: the refusals above came from the swapped ids alone.
    expect(await verifyAgentSignature(signedAsAgent1, anyAgent, nonces)).toEqual({ agentId: "agent-1", officeId: "office-1" });
  });
});
