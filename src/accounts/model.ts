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
