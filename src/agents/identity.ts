import { generateKeyPairSync } from "node:crypto";
import type { AgentIdentity } from "./runtime/port.js";

/** A fresh Ed25519 key pair as hex: the 32-byte seed (the runtime keeps it) and the 32-byte public key (Postgres keeps it). */
export function newAgentIdentity(): AgentIdentity {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  // PKCS#8 and SPKI DER of Ed25519 end with the raw 32-byte seed and key.
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32);
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  return { privateKey: seed.toString("hex"), publicKey: raw.toString("hex") };
}
