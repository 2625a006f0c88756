import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { fail } from "../errors.js";

/**
 * Agent request signatures (scheme MI-SIG-V2).
 *
 * Every hosted or external agent holds an Ed25519 key pair; the server keeps only the public
 * key. Each request of an agent carries:
 *   x-mi-agent-id   the agent's id
 *   x-mi-office-id  the office it acts in
 *   x-mi-timestamp  unix milliseconds when the request was signed
 *   x-mi-nonce      16 random bytes, hex; never reused by the same agent
 *   x-mi-signature  base64 Ed25519 signature of the canonical string below
 * The canonical string binds the HTTP method, the host, the request path (with query), the
 * agent and office ids of the headers, the time, the nonce and the SHA-256 of the exact body
 * bytes, so no header of a signed request can be swapped (V1 left the id headers unsigned). A request is refused when the timestamp is
 * more than MAX_SKEW_MS away from the server clock, when the nonce was already seen for that
 * agent within the window (replay), or when the signature does not verify.
 */
export const SIGNATURE_SCHEME = "MI-SIG-V2";

/** How far a signed timestamp may be from the server clock, either way. */
export const MAX_SKEW_MS = 5 * 60_000;

/** The exact bytes that are signed. */
export function canonicalSigningString(parts: {
  method: string;
  host: string;
  path: string;
  agentId: string;
  officeId: string;
  timestamp: string;
  nonce: string;
  /** The exact body bytes, or their SHA-256 in hex when the caller hashed them as they streamed by. */
  body: Uint8Array | { sha256: string };
}): string {
  const bodyHash = "sha256" in parts.body ? parts.body.sha256 : createHash("sha256").update(parts.body).digest("hex");
  return [
    SIGNATURE_SCHEME,
    parts.method.toUpperCase(),
    parts.host.toLowerCase(),
    parts.path,
    parts.agentId,
    parts.officeId,
    parts.timestamp,
    parts.nonce,
    bodyHash,
  ].join("\n");
}

/** Remembers nonces for the skew window; `remember` is false when the nonce was already used. */
export interface NonceStore {
  remember(officeId: string, agentId: string, nonce: string, expiresAtMs: number): Promise<boolean>;
}

/** Nonces in this process's memory; enough for one replica (a Postgres store serves several). */
export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();

  async remember(officeId: string, agentId: string, nonce: string, expiresAtMs: number): Promise<boolean> {
    const now = Date.now();
    if (this.seen.size > 10_000) for (const [k, exp] of this.seen) if (exp < now) this.seen.delete(k);
    const key = `${officeId}\u0000${agentId}\u0000${nonce}`;
    const existing = this.seen.get(key);
    if (existing !== undefined && existing >= now) return false;
    this.seen.set(key, expiresAtMs);
    return true;
  }
}

/** The signature headers of a request, as received. */
export interface SignedRequest {
  method: string;
  /** The Host header (HTTP/1.1) or :authority (HTTP/2) the request was sent to. */
  host: string;
  path: string;
  headers: { get(name: string): string | null };
  body: Uint8Array | { sha256: string };
}

/** Turns a raw 32-byte Ed25519 public key (hex) into a key object. */
export function ed25519PublicKey(hex: string): KeyObject {
  const raw = Buffer.from(hex, "hex");
  if (raw.length !== 32) throw fail.invalid("public_key must be 32 bytes of Ed25519 public key, hex encoded");
  // SubjectPublicKeyInfo prefix for Ed25519 followed by the raw key.
  const der = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]);
  return createPublicKey({ key: der, format: "der", type: "spki" });
}

/**
 * Verifies an agent's signed request and returns the agent and office ids it claims. The caller
 * must still check that the agent exists, belongs to that office and that `publicKeyOf` is its key.
 */
export async function verifyAgentSignature(
  req: SignedRequest,
  publicKeyOf: (agentId: string, officeId: string) => Promise<KeyObject | undefined>,
  nonces: NonceStore,
  nowMs = Date.now(),
): Promise<{ agentId: string; officeId: string }> {
  const header = (name: string) => req.headers.get(name) ?? "";
  const agentId = header("x-mi-agent-id");
  const officeId = header("x-mi-office-id");
  const timestamp = header("x-mi-timestamp");
  const nonce = header("x-mi-nonce");
  const signature = header("x-mi-signature");
  if (!agentId || !officeId || !timestamp || !nonce || !signature) {
    throw fail.unauthenticated(
      "signed agent request is missing one of x-mi-agent-id, x-mi-office-id, x-mi-timestamp, x-mi-nonce, x-mi-signature",
    );
  }
  const signedAt = Number(timestamp);
  if (!Number.isSafeInteger(signedAt) || Math.abs(nowMs - signedAt) > MAX_SKEW_MS) {
    throw fail.unauthenticated(
      "signed agent request has a stale or invalid x-mi-timestamp; check the agent's clock (allowed skew is 5 minutes)",
    );
  }
  if (!/^[0-9a-f]{32}$/.test(nonce)) throw fail.unauthenticated("x-mi-nonce must be 16 random bytes in lowercase hex");
  const key = await publicKeyOf(agentId, officeId);
  const message = Buffer.from(
    canonicalSigningString({ method: req.method, host: req.host, path: req.path, agentId, officeId, timestamp, nonce, body: req.body }),
  );
  if (!key || !verify(null, message, key, Buffer.from(signature, "base64"))) {
    throw fail.unauthenticated("agent signature does not verify; the agent must sign with the key it registered");
  }
  if (!(await nonces.remember(officeId, agentId, nonce, signedAt + MAX_SKEW_MS))) {
    throw fail.unauthenticated("this signed request was already used (replay); sign every request with a fresh nonce");
  }
  return { agentId, officeId };
}
