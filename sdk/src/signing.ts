/**
 * Agent request signing (ARCHITECTURE.md §5). An agent holds an Ed25519 key pair; every
 * request it makes carries its identity, a timestamp, a nonce and a signature over the
 * request, so the server can refuse forged, stale and replayed requests.
 *
 * Canonical string (UTF-8), signed with Ed25519:
 *
 *     MI-SIG-V1\n<HTTP method>\n<URL path>\n<timestamp>\n<nonce>\n<hex sha256(body)>
 *
 * `body` is the request message in protobuf binary encoding, not the bytes on the
 * wire: the same call goes out as Connect JSON, Connect binary, gRPC or REST, and the
 * server only ever holds the decoded message. Both sides re-encode it with
 * protobuf-es `toBinary`, which is deterministic for a given message. Streaming calls
 * sign an empty body.
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from "node:crypto";
import { toBinary } from "@bufbuild/protobuf";
import type { Interceptor } from "@connectrpc/connect";

/** Version tag on the first line of the canonical string. */
export const SIGNATURE_VERSION = "MI-SIG-V1";

/** Header names of a signed request. */
export const SIGNATURE_HEADERS = {
  agentId: "x-mi-agent-id",
  officeId: "x-mi-office-id",
  timestamp: "x-mi-timestamp",
  nonce: "x-mi-nonce",
  signature: "x-mi-signature",
} as const;

/** The parts of a request that the signature covers. */
export interface SignedRequestParts {
  /** HTTP method, upper case (`POST`). */
  method: string;
  /** URL path without query, e.g. `/mitosis.v1.OfficeService/GetOffice`. */
  path: string;
  /** Unix time in milliseconds, as sent in `x-mi-timestamp`. */
  timestamp: string;
  /** 32 lowercase hex characters (16 random bytes), as sent in `x-mi-nonce`. */
  nonce: string;
  /** The signed body: the request message in protobuf binary encoding. */
  body: Uint8Array;
}

/** Builds the exact string that is signed; exported so servers and tests share it. */
export function canonicalSigningString(parts: SignedRequestParts): string {
  const bodyHash = createHash("sha256").update(parts.body).digest("hex");
  return [SIGNATURE_VERSION, parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, bodyHash].join("\n");
}

// DER prefix of a PKCS#8 Ed25519 private key (RFC 8410); the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** Loads an Ed25519 private key from its 32-byte seed in hex (64 characters). */
export function privateKeyFromSeedHex(seedHex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(seedHex)) {
    throw new TypeError("signingKey must be an Ed25519 private key seed: 64 hex characters (32 bytes).");
  }
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, "hex")]),
    format: "der",
    type: "pkcs8",
  });
}

/** The raw 32-byte Ed25519 public key (hex) for a seed; this is what the server stores. */
export function publicKeyHex(seedHex: string): string {
  const spki = createPublicKey(privateKeyFromSeedHex(seedHex)).export({ format: "der", type: "spki" });
  return spki.subarray(spki.length - 32).toString("hex");
}

/** Creates a fresh Ed25519 key pair: the seed (keep secret) and the public key, both hex. */
export function generateSigningKey(): { signingKey: string; publicKey: string } {
  const signingKey = randomBytes(32).toString("hex");
  return { signingKey, publicKey: publicKeyHex(signingKey) };
}

/** Signs request parts; returns the base64 signature sent in `x-mi-signature`. */
export function signRequest(key: KeyObject, parts: SignedRequestParts): string {
  return sign(null, Buffer.from(canonicalSigningString(parts), "utf8"), key).toString("base64");
}

/** Options of {@link signingInterceptor}. */
export interface SigningOptions {
  /** Ed25519 private key seed, 64 hex characters. */
  signingKey: string;
  /** The agent's id, sent as `x-mi-agent-id`. */
  agentId: string;
  /** The agent's office, sent as `x-mi-office-id`. */
  officeId: string;
  /** Clock in unix ms; injectable for tests. */
  now?: () => number;
  /** Nonce source; injectable for tests. */
  nonce?: () => string;
}

/** A Connect interceptor that signs every outgoing request as the given agent. */
export function signingInterceptor(options: SigningOptions): Interceptor {
  const key = privateKeyFromSeedHex(options.signingKey);
  const now = options.now ?? Date.now;
  const nonce = options.nonce ?? (() => randomBytes(16).toString("hex"));
  return (next) => async (req) => {
    const parts: SignedRequestParts = {
      method: req.requestMethod,
      path: new URL(req.url).pathname,
      timestamp: String(now()),
      nonce: nonce(),
      body: req.stream ? new Uint8Array(0) : toBinary(req.method.input, req.message),
    };
    req.header.set(SIGNATURE_HEADERS.agentId, options.agentId);
    req.header.set(SIGNATURE_HEADERS.officeId, options.officeId);
    req.header.set(SIGNATURE_HEADERS.timestamp, parts.timestamp);
    req.header.set(SIGNATURE_HEADERS.nonce, parts.nonce);
    req.header.set(SIGNATURE_HEADERS.signature, signRequest(key, parts));
    return next(req);
  };
}
