import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SecretsConfig } from "../config.js";
import type { Logger } from "../log.js";
import { type MasterKey, masterKey, SecretBox } from "./secret-box.js";

/**
 * The secret box of this server. Without a configured key, one is made on first start and kept
 * in `<data dir>/secrets.key` (mode 0600): fine for one machine; replicas must share one key
 * through MI_SECRETS_KEY_FILE (or MI_SECRETS_KEY), or each would seal with its own.
 */
export async function loadSecretBox(config: SecretsConfig, dataDir: string, log: Logger): Promise<SecretBox> {
  let current: MasterKey;
  if (config.key) current = masterKey(decodeKey(Buffer.from(config.key, "utf8"), "MI_SECRETS_KEY"));
  else if (config.keyFile) current = await keyFromFile(config.keyFile, "MI_SECRETS_KEY_FILE");
  else {
    const file = path.join(dataDir, "secrets.key");
    const existing = await readFile(file).catch(() => undefined);
    if (existing) current = masterKey(decodeKey(existing, file));
    else {
      const key = randomBytes(32);
      await mkdir(dataDir, { recursive: true });
      await writeFile(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" }).catch(async (err) => {
        if ((err as { code?: string }).code !== "EEXIST") throw err;
      });
      await chmod(file, 0o600);
      current = masterKey(decodeKey(await readFile(file), file));
      log.info({ file, keyId: current.id }, "created the secrets master key");
    }
  }
  const previous = await Promise.all(config.previousKeyFiles.map((f) => keyFromFile(f, "MI_SECRETS_PREVIOUS_KEY_FILES")));
  return new SecretBox(current, previous);
}

async function keyFromFile(file: string, setting: string): Promise<MasterKey> {
  const bytes = await readFile(file).catch((err) => {
    throw new Error(`${setting}: cannot read ${file}: ${(err as Error).message}`);
  });
  return masterKey(decodeKey(bytes, `${setting} (${file})`));
}

/** 32 raw bytes, or their base64 (with or without a trailing newline). */
function decodeKey(bytes: Buffer, where: string): Buffer {
  if (bytes.length === 32) return bytes;
  const decoded = Buffer.from(bytes.toString("utf8").trim(), "base64");
  if (decoded.length !== 32) throw new Error(`${where} must hold a 32-byte key, raw or base64 (openssl rand -base64 32)`);
  return decoded;
}
