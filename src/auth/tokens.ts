import { createHash, randomBytes } from "node:crypto";

/** Every API key starts with this, so leaked keys are easy to recognise and scan for. */
export const KEY_PREFIX = "mi_";

/** A new key: the secret (shown once) and what is stored of it. */
export interface MintedKey {
  secret: string;
  prefix: string;
  secretHash: string;
}

/** Mints a key with 256 bits of randomness. */
export function mintApiKey(): MintedKey {
  const secret = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, KEY_PREFIX.length + 5), secretHash: hashKey(secret) };
}

/** Keys are random, not passwords, so one SHA-256 is enough to store them safely. */
export function hashKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The key in an `Authorization: Bearer <key>` header, or undefined. */
export function bearerToken(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
