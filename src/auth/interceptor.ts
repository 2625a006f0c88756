import { createHash } from "node:crypto";
import type { Interceptor, StreamRequest, UnaryRequest } from "@connectrpc/connect";
import { createAsyncIterable } from "@connectrpc/connect/protocol";
import { fail } from "../errors.js";
import type { AccountStore } from "../accounts/model.js";
import type { ApiKeyResolver } from "./api-key-resolver.js";
import { principalKey, wireBodyKey } from "../rpc/context.js";
import { restRequestKey } from "../rest/rest-context.js";
import { hashApiKey } from "../accounts/api-key-secret.js";
import type { AgentPrincipal } from "../domain/principal.js";
import { type NonceStore, verifyAgentSignature } from "./agent-signature.js";
import { agentMayCall } from "./agent-rights.js";
import type { KeyObject } from "node:crypto";

/** Where signed requests find their agent: its key, and the nonces it used. */
export interface AgentSigners {
  /** The live agent `name` of office `officeId` (a UUID, already checked), or undefined. */
  identify(officeId: string, name: string): Promise<{ agentId: string; accountId: string; publicKey: KeyObject } | undefined>;
  nonces: NonceStore;
  /** Server time in unix ms, which signed timestamps are checked against. */
  now(): number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** SHA-256 of no bytes: what client-streaming calls sign (their body is not known up front). */
const EMPTY_SHA256 = createHash("sha256").digest("hex");

/** Services anyone may call without credentials (health checks, reflection). */
const PUBLIC_PREFIXES = ["grpc.health.", "grpc.reflection."];
/** Methods whose request carries its own credential: joining with an invite code (the agent has no key the server knows yet). */
const PUBLIC_METHODS = new Set(["mitosis.v1.InviteService/JoinOffice"]);

/**
 * Resolves the caller once per request and stores it under `principalKey`. Requests to our
 * API without a valid key fail with unauthenticated before any handler runs.
 */
export function authInterceptor(keys: ApiKeyResolver, accounts: Pick<AccountStore, "touchApiKey">, signers: AgentSigners): Interceptor {
  return (next) => async (req) => {
    if (PUBLIC_PREFIXES.some((p) => req.service.typeName.startsWith(p))) return next(req);
    if (PUBLIC_METHODS.has(`${req.service.typeName}/${req.method.name}`)) return next(req);
    if (req.header.has("x-mi-signature")) {
      // A signed request is an agent's, whatever else it carries: the signature decides.
      const { principal, request } = await verifySigned(req, signers);
      if (!agentMayCall(req.service.typeName, req.method.name)) {
        throw fail.forbidden(
          `agents may not call ${req.service.typeName}/${req.method.name}; it needs an operator's API key (Authorization: Bearer <key>)`,
        );
      }
      request.contextValues.set(principalKey, principal);
      return next(request as typeof req);
    }
    const token = bearerToken(req.header.get("authorization"));
    if (!token) {
      throw fail.unauthenticated("Missing API key: send 'Authorization: Bearer <key>'. Run mi login to authenticate.");
    }
    const owner = await keys.resolve(hashApiKey(token));
    if (!owner) throw fail.unauthenticated("Invalid or expired API key. Run mi login to re-authenticate.");
    if (!owner.lastUsedAt || Date.now() - owner.lastUsedAt.getTime() > 60_000) {
      owner.lastUsedAt = new Date(); // also in the cached entry: one touch a minute, not one per request
      void accounts.touchApiKey(owner.keyId).catch(() => {});
    }
    req.contextValues.set(principalKey, {
      kind: "operator",
      accountId: owner.account.id,
      admin: owner.account.admin,
      keyId: owner.keyId,
    });
    return next(req);
  };
}

/** The key in an `Authorization: Bearer <key>` header, or undefined. */
function bearerToken(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}

/**
 * Checks an agent's signature over the request as it was sent: the REST request before
 * transcoding, or the RPC's method, path and body bytes. Returns the agent and the request to
 * pass on (a server-streaming request's message is read here, so it is handed on anew).
 */
async function verifySigned(
  req: UnaryRequest | StreamRequest,
  signers: AgentSigners,
): Promise<{ principal: AgentPrincipal; request: UnaryRequest | StreamRequest }> {
  const url = new URL(req.url);
  let request = req;
  let method = req.requestMethod;
  let path = url.pathname + url.search;
  let sha256: string;
  const rest = req.contextValues.get(restRequestKey);
  if (rest) {
    method = rest.method;
    path = rest.url;
    sha256 = rest.bodySha256 ?? createHash("sha256").update(rest.body).digest("hex");
  } else if (req.stream && req.method.methodKind === "server_streaming") {
    const messages = [];
    for await (const m of req.message) messages.push(m);
    request = { ...req, message: createAsyncIterable(messages) };
    sha256 = (await req.contextValues.get(wireBodyKey)) ?? EMPTY_SHA256;
  } else if (req.stream) {
    sha256 = EMPTY_SHA256;
  } else {
    sha256 = (await req.contextValues.get(wireBodyKey)) ?? EMPTY_SHA256;
  }
  let found: Awaited<ReturnType<AgentSigners["identify"]>>;
  const { agentId: agentName, officeId } = await verifyAgentSignature(
    { method, host: url.host, path, headers: req.header, body: { sha256 } },
    async (name, office) => {
      if (!UUID.test(office)) return undefined;
      found = await signers.identify(office, name);
      return found?.publicKey;
    },
    signers.nonces,
    signers.now(),
  );
  return {
    principal: { kind: "agent", accountId: found!.accountId, officeId, agentId: found!.agentId, agentName },
    request,
  };
}
