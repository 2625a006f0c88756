import { fail } from "../errors.js";
import { mintApiKey } from "./api-key-secret.js";
import type { Account, AccountStore, ApiKey } from "./model.js";
import type { Principal } from "../domain/principal.js";

/** Accounts and their API keys. */
export class Accounts {
  constructor(
    private readonly accounts: AccountStore,
    /** Told about revoked keys, so a key cache drops them at once. */
    private readonly onKeyRevoked: (keyId: string) => void = () => {},
  ) {}

  /**
   * On an empty database, creates the first administrator and returns its key (the only
   * time it is ever visible). Returns undefined when accounts already exist.
   */
  async bootstrapAdmin(): Promise<string | undefined> {
    const key = mintApiKey();
    const created = await this.accounts.bootstrapAdmin({
      name: "first admin key",
      prefix: key.prefix,
      secretHash: key.secretHash,
      expiresAt: null,
    });
    return created ? key.secret : undefined;
  }

  async current(caller: Principal): Promise<Account> {
    const account = await this.accounts.get(caller.accountId);
    if (!account) throw fail.unauthenticated("This API key's account no longer exists. Run mi login to re-authenticate.");
    return account;
  }

  async create(caller: Principal, name: string, admin: boolean): Promise<{ account: Account; secret: string }> {
    if (caller.kind !== "operator" || !caller.admin)
      throw fail.forbidden("only administrators can create accounts; ask an administrator of this server");
    const key = mintApiKey();
    const { account } = await this.accounts.createWithApiKey(name.trim(), admin, {
      name: "first key",
      prefix: key.prefix,
      secretHash: key.secretHash,
      expiresAt: null,
    });
    return { account, secret: key.secret };
  }

  async createApiKey(caller: Principal, name: string, ttlDays: number): Promise<{ apiKey: ApiKey; secret: string }> {
    const key = mintApiKey();
    const expiresAt = ttlDays > 0 ? new Date(Date.now() + ttlDays * 86_400_000) : null;
    const apiKey = await this.accounts.createApiKey(caller.accountId, { name, prefix: key.prefix, secretHash: key.secretHash, expiresAt });
    return { apiKey, secret: key.secret };
  }

  listApiKeys(caller: Principal): Promise<ApiKey[]> {
    return this.accounts.listApiKeys(caller.accountId);
  }

  async revokeApiKey(caller: Principal, keyId: string): Promise<ApiKey> {
    const key = await this.accounts.revokeApiKey(caller.accountId, keyId);
    if (!key) throw fail.notFound(`API key ${keyId} not found; list your keys with mi api-keys list`);
    this.onKeyRevoked(key.id);
    return key;
  }
}
