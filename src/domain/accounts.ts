import { fail } from "../errors.js";
import { mintApiKey } from "../auth/tokens.js";
import type { Principal } from "./principal.js";

/** An account: it owns offices and API keys. */
export interface Account {
  id: string;
  name: string;
  admin: boolean;
  createdAt: Date;
}

/** An API key as shown to its owner; only the SHA-256 of the secret is ever stored. */
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt?: Date | null;
  revokedAt?: Date | null;
  lastUsedAt?: Date | null;
}

/** What is stored of a freshly minted key. */
export interface NewApiKey {
  name: string;
  prefix: string;
  secretHash: string;
  expiresAt: Date | null;
}

/** A valid API key together with its account. */
export interface ApiKeyOwner {
  keyId: string;
  account: Account;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/** What accounts and API keys need from storage. */
export interface AccountStore {
  createWithApiKey(name: string, admin: boolean, key: NewApiKey): Promise<{ account: Account; apiKey: ApiKey }>;
  /** Creates the first administrator, only on an empty database; undefined otherwise. */
  bootstrapAdmin(key: NewApiKey): Promise<Account | undefined>;
  get(accountId: string): Promise<Account | null>;
  /** The account of a valid (unexpired, unrevoked) key with this secret hash. */
  ownerOfApiKey(secretHash: string, now: Date): Promise<ApiKeyOwner | undefined>;
  touchApiKey(keyId: string): Promise<void>;
  createApiKey(accountId: string, key: NewApiKey): Promise<ApiKey>;
  listApiKeys(accountId: string): Promise<ApiKey[]>;
  revokeApiKey(accountId: string, keyId: string): Promise<ApiKey | undefined>;
}

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
    const created = await this.accounts.bootstrapAdmin({ name: "first admin key", prefix: key.prefix, secretHash: key.secretHash, expiresAt: null });
    return created ? key.secret : undefined;
  }

  async current(caller: Principal): Promise<Account> {
    const account = await this.accounts.get(caller.accountId);
    if (!account) throw fail.unauthenticated("This API key's account no longer exists. Run mi login to re-authenticate.");
    return account;
  }

  async create(caller: Principal, name: string, admin: boolean): Promise<{ account: Account; secret: string }> {
    if (!caller.admin) throw fail.forbidden("only administrators can create accounts; ask an administrator of this server");
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
