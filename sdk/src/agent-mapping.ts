/**
 * Translation between AgentService's protobuf messages and the docs' plain objects, both ways:
 * responses become {@link Agent} and friends; the docs' inputs (`name: 'analyst'`,
 * `modelTier: 'opus'`, `category: 'task,lifecycle'`, `since: '2026-…Z'`) become request fields,
 * or fail with an InvalidArgumentError naming the field before anything is sent.
 */
import { timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import {
  ActivityCategorySchema,
  AgentPhaseSchema,
  EmployeeTypeSchema,
  LogStreamSchema,
  type ActivityCategory as ActivityCategoryNumber,
  type Agent as AgentMessage,
  type AgentActivity as AgentActivityMessage,
  type AgentLogLine as AgentLogLineMessage,
} from "../../gen/ts/mitosis/v1/agent_pb.js";
import type {
  ActivityCategory,
  Agent,
  AgentActivity,
  AgentLogLine,
  AgentLogStream,
  AgentPhase,
  EmployeeType,
  ModelTier,
} from "./agent-types.js";
import { enumFromWord, enumWords, invalidArgument, listOf } from "./input.js";
import { enumToString, required, timestampToIso } from "./mapping.js";

/** Every agent phase, as the docs write them. */
export const AGENT_PHASES: readonly AgentPhase[] = enumWords<AgentPhase>(AgentPhaseSchema);
/** Every activity category. */
export const ACTIVITY_CATEGORIES: readonly ActivityCategory[] = enumWords<ActivityCategory>(ActivityCategorySchema);
/**
 * The model tiers the server accepts (the `in` rule of HireAgentRequest.model_tier; a test
 * holds them equal), in the docs' order.
 */
export const MODEL_TIERS: readonly ModelTier[] = ["sonnet", "opus", "haiku", "gpt-5.5", "gemini-2.5-flash"];

/** The server's rule for agent names (they become pod names). */
const AGENT_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** An agent name for a request; anything the server would refuse throws here, naming `field`. */
export function agentName(value: string, field = "name"): string {
  if (typeof value !== "string" || !AGENT_NAME.test(value)) {
    throw invalidArgument(
      field,
      `must be 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A model tier for a request, in any case; unknown tiers throw with the accepted ones. */
export function modelTier(value: string, field = "modelTier"): ModelTier {
  const tier = typeof value === "string" ? value.trim().toLowerCase() : value;
  if (!(MODEL_TIERS as readonly unknown[]).includes(tier)) {
    throw invalidArgument(field, `must be one of ${MODEL_TIERS.join(", ")}; got ${JSON.stringify(value)}`);
  }
  return tier as ModelTier;
}

/** A point in time for a request, from an ISO 8601 string or a Date; anything else throws. */
export function timeInput(value: string | Date, field = "since"): Timestamp {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value.trim()) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()) || (typeof value === "string" && value.trim() === "")) {
    throw invalidArgument(field, `must be an ISO 8601 time such as 2026-04-27T10:00:00Z, or a Date; got ${JSON.stringify(value)}`);
  }
  return timestampFromDate(date);
}

/** The docs' category filter (`'task,lifecycle'` or an array) as enum numbers, without repeats; unknown words throw. */
export function parseActivityCategories(value: string | readonly string[] | undefined, field = "category"): ActivityCategoryNumber[] {
  return [...new Set(listOf(value).map((word) => enumFromWord(ActivityCategorySchema, word, field) as ActivityCategoryNumber))];
}

/** An agent message as the docs' object. */
export function toAgent(a: AgentMessage): Agent {
  const status = required(a.status, "agent.status");
  return {
    name: a.name,
    status: {
      phase: enumToString<AgentPhase>(AgentPhaseSchema, status.phase),
      reason: status.reason,
      message: status.message,
      updatedAt: timestampToIso(status.updatedAt),
    },
    employeeType: enumToString<EmployeeType>(EmployeeTypeSchema, a.employeeType),
    modelTier: a.modelTier,
    provider: a.provider,
    role: a.role,
    skills: [...a.skills],
    systemPrompt: a.systemPrompt,
    hiredBy: a.hiredBy,
    createdAt: required(timestampToIso(a.createdAt), "agent.created_at"),
    lastHeartbeatAt: timestampToIso(a.lastHeartbeatAt),
    publicKey: a.publicKey,
    // int64 on the wire; credits stay far below 2^53, and numbers serialise to JSON.
    budget: a.budget === undefined ? null : Number(a.budget),
    creditsUsed: Number(a.creditsUsed),
    spawnDepth: a.spawnDepth,
    xmtpAddress: a.xmtpAddress,
    clonedFrom: a.clonedFrom,
  };
}

/** A log line message as the docs' object. */
export function toLogLine(l: AgentLogLineMessage): AgentLogLine {
  return {
    time: required(timestampToIso(l.time), "line.time"),
    stream: enumToString<AgentLogStream>(LogStreamSchema, l.stream),
    text: l.text,
  };
}

/** An activity entry message as the docs' object; `taskId` only when the entry is about a task. */
export function toActivity(a: AgentActivityMessage): AgentActivity {
  const entry: AgentActivity = {
    id: Number(a.id),
    time: required(timestampToIso(a.time), "activity.time"),
    category: enumToString<ActivityCategory>(ActivityCategorySchema, a.category),
    type: a.type,
    summary: a.summary,
    details: a.details ?? {},
  };
  if (a.taskId !== undefined) entry.taskId = Number(a.taskId);
  return entry;
}
