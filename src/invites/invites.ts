import { randomInt, randomUUID } from "node:crypto";
import type { AgentRecord } from "../agents/model.js";
import { withPresence } from "../agents/rules.js";
import { ed25519PublicKey } from "../auth/agent-signature.js";
import type { Clock } from "../domain/clock.js";
import type { OfficeScope } from "../domain/office-scope.js";
import { keysetPage, numberKey, type Page, type PageRequest } from "../domain/paging.js";
import { actorOf } from "../domain/principal.js";
import { DomainError, fail } from "../errors.js";
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  INVALID_CODE,
  type InviteRecord,
  type InviteStatusName,
  type InviteStore,
  type InviteTypeName,
  WRONG_INVITE_TYPE,
} from "./model.js";

/** An invite as the operator asked for it. */
export interface InviteInput {
  type: InviteTypeName;
  name: string;
  /** Hours until it expires; 0 means {@link DEFAULT_TTL_HOURS}. */
  ttlHours: number;
  /** Hand back the newest active invite of this type and name instead of making another. */
  reuseActive: boolean;
}

/** A join as the external agent asked for it. */
export interface JoinInput {
  code: string;
  agentName: string;
  /** Its Ed25519 public key, hex: what its signed requests are checked against from now on. */
  publicKey: string;
  xmtpAddress: string;
}

/** How long an invite stays redeemable when its creator names no time: 7 days. */
export const DEFAULT_TTL_HOURS = 168;

/**
 * Failed joins this server answers before it refuses joins for a while: a code is the only
 * credential of a join, and 32^6 codes are few enough to guess at speed. A burst of this many
 * is allowed, then one more per second.
 */
export const FAILED_JOIN_BURST = 30;

/** Tries at drawing a code nobody holds before giving up (with 32^6 codes, one collision is already rare). */
const CODE_ATTEMPTS = 10;

const BY_NEWEST = numberKey<InviteRecord>((i) => i.seq);

/**
 * Invites: an operator makes single-use codes for an office; an agent running elsewhere joins
 * with one (the code is its only credential) and from then on signs its requests with the key it
 * registered. A join admits the agent and uses up the code in one transaction.
 */
export class Invites {
  /** Failed joins still allowed now (a token bucket, refilled one per second up to the burst). */
  private failedJoinsLeft = FAILED_JOIN_BURST;
  private refilledAt = Date.now();

  constructor(
    private readonly store: InviteStore,
    private readonly clock: Clock,
    /** Base URL of the share links (`<base>/r/<code>`), the address agents reach this server on. */
    private readonly linkBase: () => string,
  ) {}

  async create(scope: OfficeScope, input: InviteInput): Promise<InviteRecord> {
    const now = this.clock.now();
    if (input.reuseActive) {
      const active = await this.store.newestActive(scope.officeId, input.type, input.name, now);
      if (active) return active;
    }
    const expiresAt = new Date(now.getTime() + (input.ttlHours || DEFAULT_TTL_HOURS) * 3_600_000);
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const invite = await this.store.create(
        {
          id: randomUUID(),
          officeId: scope.officeId,
          code: newCode(),
          type: input.type,
          name: input.name,
          createdBy: actorOf(scope.principal),
          createdAt: now,
          expiresAt,
        },
        now,
      );
      if (invite) return invite;
    }
    throw new Error(`no free invite code found in ${CODE_ATTEMPTS} draws`);
  }

  list(scope: OfficeScope, opts: { status?: InviteStatusName; type?: InviteTypeName } & PageRequest): Promise<Page<InviteRecord>> {
    const now = this.clock.now();
    return keysetPage(opts, BY_NEWEST, (limit, beforeSeq) =>
      this.store.list(scope.officeId, now, { limit, beforeSeq, status: opts.status, type: opts.type }),
    );
  }

  async get(scope: OfficeScope, id: string): Promise<InviteRecord> {
    return (await this.store.get(scope.officeId, id, this.clock.now())) ?? notFound(scope.officeId, id);
  }

  /** Revokes an active invite; revoking a revoked one again is a no-op. Used or expired ones cannot be revoked. */
  async revoke(scope: OfficeScope, id: string): Promise<InviteRecord> {
    const invite = (await this.store.revoke(scope.officeId, id, this.clock.now())) ?? notFound(scope.officeId, id);
    if (invite.status === "used") {
      throw fail.precondition(
        `invite ${id} was already used by agent ${invite.usedByAgent}; to remove that agent, fire it (mi agents fire --colony ${scope.officeId} ${invite.usedByAgent})`,
      );
    }
    if (invite.status === "expired") throw fail.precondition(`invite ${id} already expired; it can no longer be redeemed anyway`);
    return invite;
  }

  /** The link to share: it shows the command that redeems the code. */
  url(invite: InviteRecord): string {
    return `${this.linkBase().replace(/\/+$/, "")}/r/${invite.code}`;
  }

  /**
   * Admits an external agent with an agent invite: it is listed Online (the join counts as its
   * first heartbeat), hired by whoever made the invite, and the code is used up. A taken name
   * refuses the join and leaves the code unused.
   */
  async join(input: JoinInput): Promise<{ agent: AgentRecord; accountId: string }> {
    checkPublicKey(input.publicKey); // a malformed key is refused before the code is spent
    this.checkJoinRate();
    const now = this.clock.now();
    try {
      return await this.redeem(input, now);
    } catch (err) {
      // Every answer that tells something about a code counts: a human code found is a code found.
      if (err instanceof DomainError && (err.reason === INVALID_CODE || err.reason === WRONG_INVITE_TYPE)) this.failedJoinsLeft--;
      throw err;
    }
  }

  /** Refuses joins while guessing codes has used up the failed joins allowed (every replica counts its own). */
  private checkJoinRate(): void {
    const now = Date.now();
    this.failedJoinsLeft = Math.min(FAILED_JOIN_BURST, this.failedJoinsLeft + Math.floor((now - this.refilledAt) / 1000));
    this.refilledAt = now - ((now - this.refilledAt) % 1000);
    if (this.failedJoinsLeft <= 0) {
      throw fail.rateLimited("Too many joins with wrong codes on this server; wait a moment and try again with a valid code.", 1);
    }
  }

  private redeem(input: JoinInput, now: Date): Promise<{ agent: AgentRecord; accountId: string }> {
    return this.store.redeem(input.code, now, async (invite, tx) => {
      if (!invite) throw invalidCode(`invite code ${input.code} does not exist; check it, or ask the office's operator for a new one`);
      if (invite.type !== "agent") {
        throw new DomainError(
          "failed_precondition",
          `invite code ${input.code} is a human invite; agents join with an agent invite (mi invite --colony <colonyId>)`,
          WRONG_INVITE_TYPE,
        );
      }
      if (invite.status !== "active")
        throw invalidCode(`invite code ${input.code} was ${invite.status}; ask the office's operator for a new one`);
      const agent = await tx.insert(
        {
          id: randomUUID(),
          officeId: invite.officeId,
          name: input.agentName,
          employeeType: "external",
          modelTier: "",
          provider: "",
          role: "",
          skills: [],
          systemPrompt: "",
          hiredBy: invite.createdBy,
          hiredByAgentId: null,
          spawnDepth: 0,
          budget: null,
          publicKey: input.publicKey.toLowerCase(),
          xmtpAddress: input.xmtpAddress,
          now,
        },
        "Online",
      );
      if (!agent) {
        throw fail.exists(
          `An agent named ${input.agentName} already exists in the office. Choose a different name (-n); the code is still unused.`,
        );
      }
      await tx.addActivity(
        agent.id,
        { category: "lifecycle", type: "lifecycle.joined", summary: `joined with invite ${invite.code}`, details: { invite: invite.id } },
        now,
      );
      await tx.markUsed(invite.id, agent, now);
      return { agent: withPresence(agent, now), accountId: invite.accountId };
    });
  }

  /** The agent that joined the scope's office with `code` (an agent names itself by its code to clone itself). */
  async joinedWith(scope: OfficeScope, code: string): Promise<string> {
    const invite = await this.store.byCode(code, this.clock.now());
    if (!invite || invite.officeId !== scope.officeId || !invite.usedByAgent) {
      throw invalidCode(`no agent of office ${scope.officeId} joined with invite code ${code}`);
    }
    return invite.usedByAgent;
  }
}

/** An Ed25519 public key the server can verify signatures with, or invalid_argument naming public_key. */
function checkPublicKey(hex: string): void {
  try {
    ed25519PublicKey(hex);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw fail.invalid(`public_key: not an Ed25519 public key (${(err as Error).message})`);
  }
}

/** A code: {@link CODE_LENGTH} characters drawn uniformly from {@link CODE_ALPHABET} by a CSPRNG. */
export function newCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

function invalidCode(message: string): DomainError {
  return new DomainError("failed_precondition", message, INVALID_CODE);
}

function notFound(officeId: string, id: string): never {
  throw fail.notFound(`invite ${id} not found in office ${officeId}; list the office's invites with mi invites list --colony ${officeId}`);
}
