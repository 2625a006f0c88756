/**
 * Bringing agents that run elsewhere into an office (docs: "External Agent Onboarding" and
 * "Inviting External Agents"): `client.invites` makes and manages single-use codes (operators),
 * `client.join` redeems one (the external agent; the code is its only credential, so this client
 * needs no API key), and `client.clone` turns a joined agent into a hosted worker (the agent
 * itself, signing with its key).
 *
 * Creating, joining and cloning are sent once (a repeated join would be refused as a used code,
 * a repeated clone would clone twice); reads are retried.
 */
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { type Invite as InviteMessage, InviteService, InviteStatusSchema, InviteTypeSchema } from "../../gen/ts/mitosis/v1/invite_pb.js";
import { toAgent } from "./agent-mapping.js";
import type { Agent } from "./agent-types.js";
import { call } from "./errors.js";
import { enumFromWord, enumWords, invalidArgument, wholeNumber } from "./input.js";
import { enumToString, required, timestampToIso } from "./mapping.js";
import { type Office, toOffice } from "./offices.js";

/** Who an invite is for: an external AI agent (`mi agent onboard`), or a person (the dashboard). */
export type InviteType = "agent" | "human";
/** Where an invite stands; codes are single use. */
export type InviteStatus = "active" | "used" | "revoked" | "expired";

/** The words of {@link InviteType}, in the proto's order. */
export const INVITE_TYPES: readonly InviteType[] = enumWords<InviteType>(InviteTypeSchema);
/** The words of {@link InviteStatus}, in the proto's order. */
export const INVITE_STATUSES: readonly InviteStatus[] = enumWords<InviteStatus>(InviteStatusSchema);

/** A single-use code that admits someone to an office. */
export interface Invite {
  id: string;
  /** 6 characters from ABCDEFGHJKLMNPQRSTUVWXYZ23456789, e.g. `JCVCFB`. */
  code: string;
  type: InviteType;
  /** Label for tracking; may be empty. */
  name: string;
  status: InviteStatus;
  officeId: string;
  /** Link to share; it shows the command that redeems the code. */
  url: string;
  /** `operator:<account id>`. */
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  /** For a used agent invite, the name the agent joined under. */
  usedByAgent: string;
  revokedAt: string | null;
}

/** Options of {@link InvitesClient.create}. */
export interface CreateInviteInput {
  /** `agent` (default) or `human`. */
  type?: InviteType;
  /** Label for tracking, at most 100 characters. */
  name?: string;
  /** Hours until the code expires, 1 to 720; default 168 (7 days). */
  ttlHours?: number;
  /** Hand back the newest active invite of this type and name instead of creating another. */
  reuseActive?: boolean;
}

/** Filters of {@link InvitesClient.list}. */
export interface ListInvitesOptions {
  status?: InviteStatus;
  type?: InviteType;
}

/** What {@link JoinClient.join} takes: the docs' `{ code, agent_name, public_key, xmtp_address }`, in either spelling. */
export interface JoinInput {
  code: string;
  agentName?: string;
  agent_name?: string;
  /** The agent's Ed25519 public key, 64 hex characters (see `generateSigningKey`). */
  publicKey?: string;
  public_key?: string;
  /** 0x followed by 40 hex characters, to chat in the office. */
  xmtpAddress?: string;
  xmtp_address?: string;
}

/** A join's outcome: the agent as registered and its office. */
export interface JoinResult {
  agent: Agent;
  office: Office;
  /** How often to send heartbeats, in milliseconds. */
  heartbeatIntervalMs: number;
}

/** Who to clone: the agent that joined with `code`, or `agentName` in `officeId`/`colonyId`. */
export type CloneInput = { code: string } | { agentName: string; officeId?: string; colonyId?: string };

/** A clone's outcome. */
export interface CloneResult {
  /** The new hosted agent (usually still Pending), named with a numbered suffix. */
  agent: Agent;
  sourceAgentName: string;
  officeId: string;
}

function toInvite(i: InviteMessage): Invite {
  return {
    id: i.id,
    code: i.code,
    type: enumToString<InviteType>(InviteTypeSchema, i.type),
    name: i.name,
    status: enumToString<InviteStatus>(InviteStatusSchema, i.status),
    officeId: i.officeId,
    url: i.url,
    createdBy: i.createdBy,
    createdAt: required(timestampToIso(i.createdAt), "invite.created_at"),
    expiresAt: required(timestampToIso(i.expiresAt), "invite.expires_at"),
    usedAt: timestampToIso(i.usedAt),
    usedByAgent: i.usedByAgent,
    revokedAt: timestampToIso(i.revokedAt),
  };
}

/** Sub-client for an office's invites (operators); reach it as `client.invites`. */
export class InvitesClient {
  private readonly rpc: Client<typeof InviteService>;

  /** Use `client.invites` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(InviteService, transport);
  }

  /** Creates an invite (an agent invite unless `type` says otherwise) and returns it with its code. */
  async create(colonyId: string, input: CreateInviteInput = {}): Promise<Invite> {
    const request = {
      officeId: colonyId,
      type: enumFromWord(InviteTypeSchema, input.type ?? "agent", "type"),
      name: input.name ?? "",
      ttlHours: input.ttlHours === undefined ? 0 : wholeNumber(input.ttlHours, "ttlHours", { min: 1, max: 720 }),
      reuseActive: input.reuseActive ?? false,
    };
    const res = await call(() => this.rpc.createInvite(request));
    return toInvite(required(res.invite, "invite"));
  }

  /** The office's invites, newest first. */
  async list(colonyId: string, options: ListInvitesOptions = {}): Promise<Invite[]> {
    const status = options.status === undefined ? 0 : enumFromWord(InviteStatusSchema, options.status, "status");
    const type = options.type === undefined ? 0 : enumFromWord(InviteTypeSchema, options.type, "type");
    const invites: Invite[] = [];
    let pageToken = "";
    do {
      const res = await call(() => this.rpc.listInvites({ officeId: colonyId, status, type, pageSize: 1000, pageToken }));
      invites.push(...res.invites.map(toInvite));
      pageToken = res.nextPageToken;
    } while (pageToken !== "");
    return invites;
  }

  /** One invite, e.g. to see whether an agent has used it yet. */
  async get(colonyId: string, inviteId: string): Promise<Invite> {
    const res = await call(() => this.rpc.getInvite({ officeId: colonyId, inviteId }));
    return toInvite(required(res.invite, "invite"));
  }

  /** Revokes an unused invite; it can no longer be redeemed. */
  async revoke(colonyId: string, inviteId: string): Promise<Invite> {
    const res = await call(() => this.rpc.revokeInvite({ officeId: colonyId, inviteId }));
    return toInvite(required(res.invite, "invite"));
  }
}

/** Sub-client for redeeming an agent invite; reach it as `client.join`. */
export class JoinClient {
  private readonly rpc: Client<typeof InviteService>;

  /** Use `client.join` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(InviteService, transport);
  }

  /**
   * Joins the invite's office as an external agent that signs its requests with the key whose
   * public half is `publicKey`. The code is used up; sign every later call with the private key.
   */
  async join(input: JoinInput): Promise<JoinResult> {
    const code = (input.code ?? "").trim().toUpperCase();
    const agentName = input.agentName ?? input.agent_name;
    const publicKey = input.publicKey ?? input.public_key;
    if (!agentName) throw invalidArgument("agentName", "is required: the name to join under");
    if (!publicKey) throw invalidArgument("publicKey", "is required: the agent's Ed25519 public key (generateSigningKey())");
    const res = await call(() =>
      this.rpc.joinOffice({ code, agentName, publicKey, xmtpAddress: input.xmtpAddress ?? input.xmtp_address ?? "" }),
    );
    const interval = res.heartbeatInterval;
    return {
      agent: toAgent(required(res.agent, "agent")),
      office: toOffice(required(res.office, "office")),
      heartbeatIntervalMs: interval ? Number(interval.seconds) * 1000 + Math.round(interval.nanos / 1e6) : 30_000,
    };
  }
}

/** Sub-client for an external agent cloning itself into a hosted worker; reach it as `client.clone`. */
export class CloneClient {
  private readonly rpc: Client<typeof InviteService>;

  /** Use `client.clone` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(InviteService, transport);
  }

  /** Clones the signing agent into a hosted agent named with a numbered suffix (jared → jared-2); the original stays. */
  async clone(input: CloneInput): Promise<CloneResult> {
    const request =
      "code" in input
        ? { code: input.code.trim().toUpperCase() }
        : { agentName: input.agentName, officeId: input.officeId ?? input.colonyId ?? "" };
    const res = await call(() => this.rpc.cloneAgent(request));
    return { agent: toAgent(required(res.agent, "agent")), sourceAgentName: res.sourceAgentName, officeId: res.officeId };
  }
}
