import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Format tag of sealed values; a new tag means a new layout, never a reinterpretation. */
const FORMAT = "v1";
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A 256-bit master key and its id (the first 8 bytes of its SHA-256, hex): sealed values name the key that sealed them. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Makes a master key from 32 raw bytes. */
export function masterKey(key: Buffer): MasterKey {
  if (key.length !== KEY_BYTES) throw new Error(`a secrets master key is ${KEY_BYTES} bytes, got ${key.length}`);
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 16), key };
}

/**
 * Seals secrets for storage with AES-256-GCM: a fresh 96-bit nonce per value, the master key's id
 * in the result (so old values still open after a rotation, with the old key configured as a
 * previous one), and "additional data" naming what the value belongs to (office, variable...),
 * so a sealed value copied onto another row does not open there. Postgres only ever holds
 * `v1:<key id>:<nonce>:<ciphertext+tag>` (base64url).
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly current: MasterKey,
    previous: readonly MasterKey[] = [],
  ) {
    this.keys = new Map([current, ...previous].map((k) => [k.id, k.key]));
  }

  seal(plaintext: string, context: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.current.key, nonce);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return [FORMAT, this.current.id, nonce.toString("base64url"), body.toString("base64url")].join(":");
  }

  open(sealed: string, context: string): string {
    const [format, keyId, nonce, body] = sealed.split(":");
    if (format !== FORMAT || !keyId || !nonce || body === undefined) throw new Error("not a sealed secret");
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`secret sealed with master key ${keyId}, which is not configured (MI_SECRETS_PREVIOUS_KEY_FILES)`);
    const bytes = Buffer.from(body, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  }

  /** Whether a sealed value was sealed with an older key (and should be sealed again). */
  isStale(sealed: string): boolean {
    return sealed.split(":")[1] !== this.current.id;
  }
}
