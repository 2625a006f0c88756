/**
 * `client.apiKeys`: create, list and revoke the caller's API keys. Only a hash of a key
 * is stored; the secret is returned once, by create.
 */
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { ApiKeyService, type ApiKey as ApiKeyMessage } from "../../gen/ts/mitosis/v1/auth_pb.js";
import { call } from "./errors.js";
import { required, timestampToIso } from "./mapping.js";

/** An API key's metadata (never the secret). Unset timestamps are null. */
export interface ApiKey {
  /** Key UUID. */
  id: string;
  /** Label chosen at creation. */
  name: string;
  /** First characters of the key, to recognise it (e.g. `mi_k3Xa`). */
  prefix: string;
  /** When the key was created (ISO 8601). */
  createdAt: string;
  /** When the key expires, or null if never. */
  expiresAt: string | null;
  /** When the key was revoked, or null if it is live. */
  revokedAt: string | null;
  /** Last use (updated at most once a minute), or null if never used. */
  lastUsedAt: string | null;
}

/** A newly created key together with its secret, which is shown only this once. */
export interface CreatedApiKey {
  /** The key's metadata. */
  apiKey: ApiKey;
  /** The key itself: send it as `Authorization: Bearer <secret>`. */
  secret: string;
}

/** Sub-client for API keys; reach it as `client.apiKeys`. */
export class ApiKeysClient {
  private readonly rpc: Client<typeof ApiKeyService>;

  /** Use `client.apiKeys` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(ApiKeyService, transport);
  }

  /** Creates a key for the calling account; `ttlDays` 0 or absent means it never expires. */
  async create(input: { name: string; ttlDays?: number }): Promise<CreatedApiKey> {
    const res = await call(() => this.rpc.createApiKey({ name: input.name, ttlDays: input.ttlDays ?? 0 }));
    return { apiKey: toApiKey(required(res.apiKey, "api_key")), secret: res.secret };
  }

  /** The calling account's keys, revoked ones included. */
  async list(): Promise<ApiKey[]> {
    const res = await call(() => this.rpc.listApiKeys({}));
    return res.apiKeys.map(toApiKey);
  }

  /** Revokes a key; requests made with it fail from then on. */
  async revoke(apiKeyId: string): Promise<ApiKey> {
    const res = await call(() => this.rpc.revokeApiKey({ apiKeyId }));
    return toApiKey(required(res.apiKey, "api_key"));
  }
}

function toApiKey(k: ApiKeyMessage): ApiKey {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: required(timestampToIso(k.createdAt), "api_key.created_at"),
    expiresAt: timestampToIso(k.expiresAt),
    revokedAt: timestampToIso(k.revokedAt),
    lastUsedAt: timestampToIso(k.lastUsedAt),
  };
}
