/**
 * `client.account`: who the caller is, and (for administrators) creating accounts.
 */
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { AccountService, type Account as AccountMessage } from "../../gen/ts/mitosis/v1/auth_pb.js";
import { call } from "./errors.js";
import { required, timestampToIso } from "./mapping.js";

/** An account: it owns offices and API keys. */
export interface Account {
  /** Account UUID. */
  id: string;
  /** Display name. */
  name: string;
  /** Administrators can create accounts. */
  admin: boolean;
  /** When the account was created (ISO 8601). */
  createdAt: string;
}

/** A new account and its first API key, which is shown only this once. */
export interface CreatedAccount {
  /** The account. */
  account: Account;
  /** Its first API key. */
  apiKey: string;
}

/** Sub-client for accounts; reach it as `client.account`. */
export class AccountClient {
  private readonly rpc: Client<typeof AccountService>;

  /** Use `client.account` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(AccountService, transport);
  }

  /** The account behind the client's API key (also a cheap way to check the key). */
  async get(): Promise<Account> {
    const res = await call(() => this.rpc.getCurrentAccount({}));
    return toAccount(required(res.account, "account"));
  }

  /** Creates an account and its first API key. Administrators only. */
  async create(input: { name: string; admin?: boolean }): Promise<CreatedAccount> {
    const res = await call(() => this.rpc.createAccount({ name: input.name, admin: input.admin ?? false }));
    return { account: toAccount(required(res.account, "account")), apiKey: res.apiKey };
  }
}

function toAccount(a: AccountMessage): Account {
  return {
    id: a.id,
    name: a.name,
    admin: a.admin,
    createdAt: required(timestampToIso(a.createdAt), "account.created_at"),
  };
}
