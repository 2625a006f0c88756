/**
 * Agent request signing (ARCHITECTURE.md §5, scheme MI-SIG-V2; the server's verifier is
 * src/auth/agent-signature.ts). An agent holds an Ed25519 key pair; every request it makes
 * carries its identity, a timestamp, a nonce and a signature over the request, so the
 * server can refuse forged, stale and replayed requests.
 *
 * Canonical string (UTF-8), signed with Ed25519:
 *
 *     MI-SIG-V2\n<HTTP method>\n<host>\n<path with query>\n<agent id>\n<office id>\n<timestamp>\n<nonce>\n<hex sha256(body)>
 *
 * Every header that says who is asking (agent and office ids) and where (host) is signed, so
 * none can be swapped on a captured request.
 *
 * `body` is the exact request body on the wire, so any client (curl, Python, Go) can sign
 * what it sends without protobuf. Connect interceptors run before serialisation, so the
 * interceptor rebuilds those bytes as the protocols define them: a Connect unary call
 * sends the binary message; gRPC and Connect streaming calls send it length-prefixed
 * (1 flag byte, 4-byte big-endian length). The transport must therefore use binary
 * format without request compression (sdk/src/transport.ts does). Client- and
 * bidi-streaming calls cannot know their body up front and sign an empty one.
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from "node:crypto";
import { toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import type { Interceptor, StreamRequest } from "@connectrpc/connect";

/** Version tag on the first line of the canonical string. */
export const SIGNATURE_VERSION = "MI-SIG-V2";

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
  /** Host and port the request goes to, as in the Host header (`api.example.com`, `127.0.0.1:8080`). */
  host: string;
  /** URL path with query string, e.g. `/mitosis.v1.OfficeService/GetOffice`. */
  path: string;
  /** The agent's id, as sent in `x-mi-agent-id`. */
  agentId: string;
  /** The office it acts in, as sent in `x-mi-office-id`. */
  officeId: string;
  /** Unix time in milliseconds, as sent in `x-mi-timestamp`. */
  timestamp: string;
  /** 32 lowercase hex characters (16 random bytes), as sent in `x-mi-nonce`. */
  nonce: string;
  /**
   * The exact request body bytes, or, for a body that streams (a REST file upload), its SHA-256
   * in hex as also sent in `x-mi-content-sha256`; the server refuses a body that hashes otherwise.
   */
  body: Uint8Array | { sha256: string };
}

/** Builds the exact string that is signed; exported so servers and tests share it. */
export function canonicalSigningString(parts: SignedRequestParts): string {
  const bodyHash = parts.body instanceof Uint8Array ? createHash("sha256").update(parts.body).digest("hex") : parts.body.sha256;
  return [
    SIGNATURE_VERSION,
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
  /** Wire protocol of the transport, which decides the body framing. */
  protocol: "connect" | "grpc";
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
  const attach = (req: { requestMethod: string; url: string; header: Headers }, body: Uint8Array) => {
    const url = new URL(req.url);
    const parts: SignedRequestParts = {
      method: req.requestMethod,
      host: url.host,
      path: url.pathname + url.search,
      agentId: options.agentId,
      officeId: options.officeId,
      timestamp: String(now()),
      nonce: nonce(),
      body,
    };
    req.header.set(SIGNATURE_HEADERS.agentId, options.agentId);
    req.header.set(SIGNATURE_HEADERS.officeId, options.officeId);
    req.header.set(SIGNATURE_HEADERS.timestamp, parts.timestamp);
    req.header.set(SIGNATURE_HEADERS.nonce, parts.nonce);
    req.header.set(SIGNATURE_HEADERS.signature, signRequest(key, parts));
  };
  return (next) => async (req) => {
    if (!req.stream) {
      const bytes = toBinary(req.method.input, req.message);
      attach(req, options.protocol === "grpc" ? lengthPrefixed(bytes) : bytes);
      return next(req);
    }
    if (req.method.methodKind !== "server_streaming") {
      attach(req, new Uint8Array(0));
      return next(req);
    }
    // A server-streaming call sends exactly one message: read it, sign, then send it on.
    const [message] = await collect(req);
    attach(req, message === undefined ? new Uint8Array(0) : lengthPrefixed(toBinary(req.method.input, message)));
    return next({ ...req, message: replay(message) });
  };
}

/** gRPC / Connect streaming framing of one uncompressed message. */
export function lengthPrefixed(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + message.length);
  new DataView(out.buffer).setUint32(1, message.length, false);
  out.set(message, 5);
  return out;
}

async function collect<I extends DescMessage, O extends DescMessage>(req: StreamRequest<I, O>): Promise<MessageShape<I>[]> {
  const messages: MessageShape<I>[] = [];
  for await (const m of req.message) messages.push(m);
  return messages;
}

async function* replay<T>(message: T | undefined): AsyncIterable<T> {
  if (message !== undefined) yield message;
}
