import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  InviteSchema,
  type InviteService,
  type InviteStatus,
  InviteStatusSchema,
  type InviteType,
  InviteTypeSchema,
} from "../../gen/ts/mitosis/v1/invite_pb.js";
import type { Agents } from "../agents/agents.js";
import { agentToProto } from "../agents/handlers.js";
import type { OfficeScope } from "../domain/office-scope.js";
import type { Principal } from "../domain/principal.js";
import { enumWords } from "../enum-words.js";
import { fail } from "../errors.js";
import type { Office } from "../offices/model.js";
import { officeToProto } from "../offices/handlers.js";
import { callerOf, scopeOf, timestampOrUnset } from "../rpc/context.js";
import type { Invites } from "./invites.js";
import type { InviteRecord, InviteStatusName, InviteTypeName } from "./model.js";

const types = enumWords<InviteType, InviteTypeName>(InviteTypeSchema);
const statuses = enumWords<InviteStatus, InviteStatusName>(InviteStatusSchema);

/** What the invite handlers are built on. */
export interface InviteHandlerDeps {
  invites: Invites;
  agents: Agents;
  /** The office a scope acts in, as the offices domain has it. */
  office(scope: OfficeScope): Promise<Office>;
  /** The office access check: a just-joined agent's scope in its office is resolved by it like any other. */
  resolveScope(principal: Principal, officeId: string): Promise<OfficeScope>;
  heartbeatSeconds: number;
  now(): Date;
}

function inviteToProto(invite: InviteRecord, url: string) {
  return create(InviteSchema, {
    id: invite.id,
    code: invite.code,
    type: types.value(invite.type),
    name: invite.name,
    status: statuses.value(invite.status),
    officeId: invite.officeId,
    url,
    createdBy: invite.createdBy,
    createdAt: timestampOrUnset(invite.createdAt),
    expiresAt: timestampOrUnset(invite.expiresAt),
    usedAt: timestampOrUnset(invite.usedAt),
    usedByAgent: invite.usedByAgent,
    revokedAt: timestampOrUnset(invite.revokedAt),
  });
}

/** Connect handlers of mitosis.v1.InviteService: translation only, rules live in the domains. */
export function inviteHandlers(deps: InviteHandlerDeps): ServiceImpl<typeof InviteService> {
  const { invites, agents } = deps;
  const toProto = (invite: InviteRecord) => inviteToProto(invite, invites.url(invite));
  const interval = () => ({ seconds: BigInt(deps.heartbeatSeconds), nanos: 0 });
  return {
    async createInvite(req, ctx) {
      const invite = await invites.create(scopeOf(ctx), {
        type: types.word(req.type)!,
        name: req.name.trim(),
        ttlHours: req.ttlHours,
        reuseActive: req.reuseActive,
      });
      return { invite: toProto(invite) };
    },
    async listInvites(req, ctx) {
      const page = await invites.list(scopeOf(ctx), {
        status: statuses.word(req.status),
        type: types.word(req.type),
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
      return { invites: page.items.map(toProto), nextPageToken: page.next };
    },
    async getInvite(req, ctx) {
      return { invite: toProto(await invites.get(scopeOf(ctx), req.inviteId)) };
    },
    async revokeInvite(req, ctx) {
      return { invite: toProto(await invites.revoke(scopeOf(ctx), req.inviteId)) };
    },
    async joinOffice(req) {
      const { agent, accountId } = await invites.join({
        code: req.code,
        agentName: req.agentName,
        publicKey: req.publicKey,
        xmtpAddress: req.xmtpAddress,
      });
      // From here on the agent is a principal like any other: its office is resolved for it.
      const office = await deps.office(
        await deps.resolveScope(
          { kind: "agent", accountId, officeId: agent.officeId, agentId: agent.id, agentName: agent.name },
          agent.officeId,
        ),
      );
      return { agent: agentToProto(agent), office: officeToProto(office), heartbeatInterval: interval() };
    },
    async heartbeat(req, ctx) {
      const agent = await agents.heartbeat(scopeOf(ctx), req.agentName, req.working);
      return { status: agentToProto(agent).status, heartbeatInterval: interval(), serverTime: timestampOrUnset(deps.now()) };
    },
    async cloneAgent(req, ctx) {
      let scope: OfficeScope;
      let name = req.agentName;
      if (name) {
        scope = scopeOf(ctx);
      } else {
        // Named by the code it joined with: only an agent signing its own requests knows its office.
        const caller = callerOf(ctx);
        if (caller.kind !== "agent") {
          throw fail.forbidden("only the external agent itself may clone itself: sign the request with its key (mi agent clone)");
        }
        scope = await deps.resolveScope(caller, caller.officeId);
        name = await invites.joinedWith(scope, req.code);
      }
      const clone = await agents.clone(scope, name);
      return { agent: agentToProto(clone), sourceAgentName: name, officeId: scope.officeId };
    },
  };
}
