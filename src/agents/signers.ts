import type { KeyObject } from "node:crypto";
import { ed25519PublicKey } from "../auth/agent-signature.js";
import type { AgentSigners } from "../auth/interceptor.js";
import type { AgentStore } from "./model.js";

/**
 * Agents as signers of requests: their public keys and the nonces they used, both in Postgres,
 * so every replica refuses a replay another one has seen. Signed timestamps are checked against
 * the real clock (the agent's clock is real too), never a test's moved one.
 */
export function agentSigners(store: AgentStore): AgentSigners {
  const keys = new Map<string, KeyObject>();
  return {
    async identify(officeId, name) {
      const signer = await store.signer(officeId, name);
      if (!signer) return undefined;
      let publicKey = keys.get(signer.publicKey);
      if (!publicKey) {
        if (keys.size > 10_000) keys.clear();
        publicKey = ed25519PublicKey(signer.publicKey);
        keys.set(signer.publicKey, publicKey);
      }
      return { agentId: signer.id, accountId: signer.accountId, publicKey };
    },
    nonces: {
      remember: (officeId, agentName, nonce, expiresAtMs) => store.rememberNonce(officeId, agentName, nonce, new Date(expiresAtMs)),
    },
    now: () => Date.now(),
  };
}
