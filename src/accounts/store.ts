import { randomUUID } from "node:crypto";
import { LockMode, type EntityManager } from "@mikro-orm/postgresql";
import { dateOf, dateOrNull } from "../store/sql.js";
import type { Account, AccountStore, ApiKey, ApiKeyOwner, NewApiKey } from "./model.js";
import { AccountEntity, ApiKeyEntity } from "./entities.js";

/** Queries on accounts and API keys. */
export class AccountRepository implements AccountStore {
  constructor(private readonly em: EntityManager) {}

  /** Creates an account and its first key in one transaction. */
  async createWithApiKey(name: string, admin: boolean, key: NewApiKey): Promise<{ account: Account; apiKey: ApiKey }> {
    return this.em.fork().transactional(async (tx) => {
      const account = tx.create(AccountEntity, { id: randomUUID(), name, admin, createdAt: new Date() });
      await tx.flush(); // keys reference the account row
      const apiKey = tx.create(ApiKeyEntity, newKeyRow(account.id, key));
      return { account, apiKey };
    });
  }

  /**
   * Creates the first administrator if, and only if, no account exists yet. An advisory lock
   * makes this safe when several replicas start on an empty database at once.
   */
  async bootstrapAdmin(key: NewApiKey): Promise<Account | undefined> {
    return this.em.fork().transactional(async (tx) => {
      await tx.execute("select pg_advisory_xact_lock(7243002)");
      if ((await tx.count(AccountEntity, {})) > 0) return undefined;
      const account = tx.create(AccountEntity, { id: randomUUID(), name: "admin", admin: true, createdAt: new Date() });
      await tx.flush(); // keys reference the account row
      tx.create(ApiKeyEntity, newKeyRow(account.id, key));
      return account;
    });
  }

  async get(accountId: string): Promise<Account | null> {
    return this.em.fork().findOne(AccountEntity, { id: accountId });
  }

  /** The account of an unrevoked, unexpired key with this secret hash. */
  async ownerOfApiKey(secretHash: string, now: Date): Promise<ApiKeyOwner | undefined> {
    const rows = await this.em.fork().execute<
      {
        key_id: string;
        last_used_at: string | Date | null;
        expires_at: string | Date | null;
        id: string;
        name: string;
        admin: boolean;
        created_at: string | Date;
      }[]
    >(
      `select k.id as key_id, k.last_used_at, k.expires_at, a.id, a.name, a.admin, a.created_at
         from api_key k join account a on a.id = k.account_id
        where k.secret_hash = ? and k.revoked_at is null and (k.expires_at is null or k.expires_at > ?)`,
      [secretHash, now],
    );
    const row = rows[0];
    if (!row) return undefined;
    const account = Object.assign(new AccountEntity(), {
      id: row.id,
      name: row.name,
      admin: row.admin,
      createdAt: dateOf(row.created_at),
    });
    return { keyId: row.key_id, account, lastUsedAt: dateOrNull(row.last_used_at), expiresAt: dateOrNull(row.expires_at) };
  }

  /** Records use of a key, at most once a minute so hot keys do not write on every request. */
  async touchApiKey(keyId: string): Promise<void> {
    await this.em.fork().execute(
      `update api_key set last_used_at = now()
        where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
      [keyId],
    );
  }

  async createApiKey(accountId: string, key: NewApiKey): Promise<ApiKey> {
    const em = this.em.fork();
    const row = em.create(ApiKeyEntity, newKeyRow(accountId, key));
    await em.flush();
    return row;
  }

  async listApiKeys(accountId: string): Promise<ApiKey[]> {
    return this.em.fork().find(ApiKeyEntity, { accountId }, { orderBy: { createdAt: "asc", id: "asc" } });
  }

  /** Revokes one of the account's keys; undefined when the account has no such key. */
  async revokeApiKey(accountId: string, keyId: string): Promise<ApiKey | undefined> {
    return this.em.fork().transactional(async (tx) => {
      const key = await tx.findOne(ApiKeyEntity, { id: keyId, accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!key) return undefined;
      key.revokedAt ??= new Date();
      return key;
    });
  }
}

function newKeyRow(accountId: string, key: NewApiKey) {
  return {
    id: randomUUID(),
    accountId,
    name: key.name,
    prefix: key.prefix,
    secretHash: key.secretHash,
    createdAt: new Date(),
    expiresAt: key.expiresAt,
    revokedAt: null,
    lastUsedAt: null,
  };
}
