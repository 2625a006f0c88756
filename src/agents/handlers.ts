import { create } from "@bufbuild/protobuf";
import type { JsonObject } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type ActivityCategory,
  ActivityCategorySchema,
  AgentActivitySchema,
  type AgentLogLine,
  AgentLogLineSchema,
  type AgentPhase,
  AgentPhaseSchema,
  AgentSchema,
  type AgentService,
  type EmployeeType,
  EmployeeTypeSchema,
  type LogStream,
  LogStreamSchema,
} from "../../gen/ts/mitosis/v1/agent_pb.js";
import { sleep } from "../lifecycle/backoff.js";
import { enumWords } from "../enum-words.js";
import { decodePageToken, encodePageToken, numberKey } from "../domain/paging.js";
import { scopeOf, timestampOrUnset } from "../rpc/context.js";
import type { Agents } from "./agents.js";
import type {
  ActivityCategoryName,
  AgentActivityRecord,
  AgentLogRecord,
  AgentPhaseName,
  AgentRecord,
  EmployeeTypeName,
  LogStreamName,
} from "./model.js";

// The domain's words for the proto enums, read from the descriptors.
const phases = enumWords<AgentPhase, AgentPhaseName>(AgentPhaseSchema);
const employeeTypes = enumWords<EmployeeType, EmployeeTypeName>(EmployeeTypeSchema);
const streams = enumWords<LogStream, LogStreamName>(LogStreamSchema);
const categories = enumWords<ActivityCategory, ActivityCategoryName>(ActivityCategorySchema);

/** How often a log follower looks for new lines, and how long silence lasts before a keep-alive. */
const FOLLOW_POLL_MS = 500;
const KEEP_ALIVE_MS = 15_000;

export function agentToProto(a: AgentRecord) {
  return create(AgentSchema, {
    name: a.name,
    status: {
      phase: phases.value(a.phase),
      reason: a.phaseReason,
      message: a.phaseMessage,
      updatedAt: timestampOrUnset(a.phaseUpdatedAt),
    },
    employeeType: employeeTypes.value(a.employeeType),
    modelTier: a.modelTier,
    provider: a.provider,
    role: a.role,
    skills: a.skills,
    systemPrompt: a.systemPrompt,
    hiredBy: a.hiredBy,
    createdAt: timestampOrUnset(a.createdAt),
    lastHeartbeatAt: timestampOrUnset(a.lastHeartbeatAt),
    publicKey: a.publicKey,
    budget: a.budget ?? undefined,
    creditsUsed: a.creditsUsed,
    spawnDepth: a.spawnDepth,
    xmtpAddress: a.xmtpAddress,
    clonedFrom: a.clonedFrom,
  });
}

function lineToProto(l: AgentLogRecord): AgentLogLine {
  return create(AgentLogLineSchema, { time: timestampOrUnset(l.time), stream: streams.value(l.stream), text: l.text });
}

function activityToProto(a: AgentActivityRecord) {
  return create(AgentActivitySchema, {
    id: BigInt(a.id),
    time: timestampOrUnset(a.time),
    category: categories.value(a.category),
    type: a.type,
    summary: a.summary,
    taskId: a.taskId === null ? undefined : BigInt(a.taskId),
    details: a.details as JsonObject,
  });
}

/** Log pages continue after the id of the last line returned. */
const BY_LINE_ID = numberKey<AgentLogRecord>((l) => l.id);

/** Connect handlers of mitosis.v1.AgentService: translation only, rules live in the domain. */
export function agentHandlers(agents: Agents, draining: AbortSignal): ServiceImpl<typeof AgentService> {
  return {
    async hireAgent(req, ctx) {
      const agent = await agents.hire(scopeOf(ctx), {
        name: req.name,
        modelTier: req.modelTier,
        provider: req.provider,
        role: req.role,
        skills: req.skills,
        systemPrompt: req.systemPrompt,
        budget: req.budget,
      });
      return { agent: agentToProto(agent) };
    },
    async listAgents(req, ctx) {
      const page = await agents.list(scopeOf(ctx), req);
      return { agents: page.items.map(agentToProto), nextPageToken: page.next };
    },
    async getAgent(req, ctx) {
      return { agent: agentToProto(await agents.get(scopeOf(ctx), req.agentName)) };
    },
    async updateAgent(req, ctx) {
      const agent = await agents.update(scopeOf(ctx), req.agentName, {
        role: req.role,
        systemPrompt: req.systemPrompt,
        addSkills: req.addSkills,
        removeSkills: req.removeSkills,
      });
      return { agent: agentToProto(agent) };
    },
    async fireAgent(req, ctx) {
      const { agent, backupKey } = await agents.fire(scopeOf(ctx), req.agentName);
      return { agent: agentToProto(agent), workspaceBackup: backupKey };
    },
    async promoteAgent(req, ctx) {
      return { agent: agentToProto(await agents.promote(scopeOf(ctx), req.agentName, req.modelTier, req.provider)) };
    },
    async listAgentLogs(req, ctx) {
      const limit = req.pageSize || 100;
      const afterId = req.pageToken ? decodePageToken(req.pageToken, BY_LINE_ID) : undefined;
      const lines = await agents.logs(scopeOf(ctx), req.agentName, {
        limit,
        afterId,
        since: req.since ? timestampDate(req.since) : undefined,
      });
      const last = lines.at(-1);
      // A token continues after the last line the platform kept; lines of a pod's own log carry no id.
      const more = lines.length === limit && last && last.id > 0;
      return { lines: lines.map(lineToProto), nextPageToken: more ? encodePageToken(BY_LINE_ID.of(last)) : "" };
    },
    async *streamAgentLogs(req, ctx) {
      const signal = AbortSignal.any([ctx.signal, draining]);
      const scope = scopeOf(ctx);
      const since = req.since ? timestampDate(req.since) : undefined;
      // History first (the tail, or everything after `since`), then follow from the newest line.
      let lines = since
        ? await agents.logs(scope, req.agentName, { limit: 5000, since })
        : await agents.logs(scope, req.agentName, { limit: Math.max(1, req.tailLines) });
      let afterId = lines.reduce((max, l) => Math.max(max, l.id), 0);
      let lastTime = lines.at(-1)?.time ?? since;
      if (!since && req.tailLines === 0) lines = [];
      let quietSince = Date.now();
      while (!signal.aborted) {
        for (const line of lines) yield { line: lineToProto(line) };
        if (lines.length > 0) quietSince = Date.now();
        else if (Date.now() - quietSince >= KEEP_ALIVE_MS) {
          quietSince = Date.now();
          yield {};
        }
        await sleep(FOLLOW_POLL_MS, signal);
        if (signal.aborted) break;
        lines = await agents.logs(scope, req.agentName, { limit: 1000, afterId, since: lastTime });
        for (const line of lines) {
          afterId = Math.max(afterId, line.id);
          if (!lastTime || line.time > lastTime) lastTime = line.time;
        }
      }
    },
    async listAgentActivity(req, ctx) {
      const page = await agents.activity(scopeOf(ctx), req.agentName, {
        pageSize: req.pageSize || 50,
        pageToken: req.pageToken,
        categories: req.categories.map((c) => categories.word(c)!).filter(Boolean),
        since: req.since ? timestampDate(req.since) : undefined,
      });
      return { activities: page.items.map(activityToProto), nextPageToken: page.next };
    },
  };
}
