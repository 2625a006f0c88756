import { createHash, randomBytes } from "node:crypto";

/** Every API key starts with this, so leaked keys are easy to recognise and scan for. */
export const KEY_PREFIX = "mi_";

/** A new key: the secret (shown once) and what is stored of it. */
export interface MintedApiKey {
  secret: string;
  prefix: string;
  secretHash: string;
}

/** Mints a key with 256 bits of randomness. */
export function mintApiKey(): MintedApiKey {
  const secret = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, KEY_PREFIX.length + 5), secretHash: hashApiKey(secret) };
}

/** Keys are random, not passwords, so one SHA-256 is enough to store them safely. */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
