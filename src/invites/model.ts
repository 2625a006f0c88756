import type { AgentRecord, HireTransaction } from "../agents/model.js";

/**
 * The invite model, owned by the domain: single-use codes that admit someone to an office. Agent
 * invites admit an agent running elsewhere (JoinOffice); human invites are redeemed in the
 * dashboard. An invite's status is derived from its timestamps, so it is never stored twice.
 */

/** Who an invite is for; held to the proto enum by a unit test. */
export const INVITE_TYPES = ["agent", "human"] as const;
export type InviteTypeName = (typeof INVITE_TYPES)[number];

/** Where an invite stands (redeemable, redeemed, revoked, or past its expiry unredeemed); held to the proto enum by a unit test. */
export const INVITE_STATUSES = ["active", "used", "revoked", "expired"] as const;
export type InviteStatusName = (typeof INVITE_STATUSES)[number];

/** The characters of a code: uppercase letters and digits without the ambiguous ones (I, O, 0, 1). */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;

/** The ErrorInfo reasons of refused joins and clones, as the docs' troubleshooting names them (lowercase in the CLI). */
export const INVALID_CODE = "INVALID_CODE";
export const WRONG_INVITE_TYPE = "WRONG_INVITE_TYPE";

/** An invite as stored, with its status as of the read. */
export interface InviteRecord {
  /** Insertion order, for paging newest first. */
  seq: number;
  id: string;
  officeId: string;
  code: string;
  type: InviteTypeName;
  name: string;
  status: InviteStatusName;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedByAgent: string;
  revokedAt: Date | null;
}

/** A new invite, as the domain decided it. */
export type NewInvite = Pick<InviteRecord, "id" | "officeId" | "code" | "type" | "name" | "createdBy" | "createdAt" | "expiresAt">;

/** What a join does while it holds the invite's row (one transaction): admit the agent, then use up the code. */
export interface RedeemTransaction extends Pick<HireTransaction, "insert" | "addActivity"> {
  markUsed(inviteId: string, agent: AgentRecord, now: Date): Promise<void>;
}

/** Invites in storage. Reads take `now`, against which expiry is judged. */
export interface InviteStore {
  /** Inserts the invite; false when its code is taken (the caller draws another). */
  create(invite: NewInvite, now: Date): Promise<InviteRecord | false>;
  /** The newest active invite of the office with this type and name. */
  newestActive(officeId: string, type: InviteTypeName, name: string, now: Date): Promise<InviteRecord | undefined>;
  /** Newest first, before `beforeSeq`, optionally of one status and type. */
  list(
    officeId: string,
    now: Date,
    opts: { limit: number; beforeSeq?: number; status?: InviteStatusName; type?: InviteTypeName },
  ): Promise<InviteRecord[]>;
  get(officeId: string, id: string, now: Date): Promise<InviteRecord | undefined>;
  /** Revokes the invite if it is active; returns it as it is afterwards (revoked, or why not). */
  revoke(officeId: string, id: string, now: Date): Promise<InviteRecord | undefined>;
  /** The invite with this code, of any office. */
  byCode(code: string, now: Date): Promise<InviteRecord | undefined>;
  /**
   * Runs `fn` holding the invite with this code (undefined if there is none), with the account
   * that owns its office; commits when it returns.
   */
  redeem<T>(
    code: string,
    now: Date,
    fn: (invite: (InviteRecord & { accountId: string }) | undefined, tx: RedeemTransaction) => Promise<T>,
  ): Promise<T>;
}
