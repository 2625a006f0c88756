import type { AccountStore, ApiKeyOwner } from "../accounts/model.js";

interface Entry {
  owner: ApiKeyOwner;
  cachedUntil: number;
}

/**
 * Resolves API keys to their owners, remembering answers for `ttlMs` so a busy client costs one
 * key lookup per interval instead of one per request. Revoking a key through this server drops
 * it at once; another replica stops accepting it within `ttlMs`.
 */
export class ApiKeyResolver {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly accounts: Pick<AccountStore, "ownerOfApiKey">,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The owner of the key with this hash, or undefined when it is unknown, revoked or expired. */
  async resolve(secretHash: string, now = new Date()): Promise<ApiKeyOwner | undefined> {
    const hit = this.entries.get(secretHash);
    if (hit && hit.cachedUntil > now.getTime() && (!hit.owner.expiresAt || hit.owner.expiresAt > now)) return hit.owner;
    this.entries.delete(secretHash);
    const owner = await this.accounts.ownerOfApiKey(secretHash, now);
    if (owner) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(secretHash, { owner, cachedUntil: now.getTime() + this.ttlMs });
    }
    return owner;
  }

  /** Forgets a key (after it was revoked), so the next request with it is checked again. */
  forget(keyId: string): void {
    for (const [hash, entry] of this.entries) if (entry.owner.keyId === keyId) this.entries.delete(hash);
  }
}
