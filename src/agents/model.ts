import type { OfficeScope } from "../domain/office-scope.js";

/**
 * The agent model, owned by the domain: the words, the records the store returns and the store
 * port. Desired state (what the operator asked for) and observed state (what the runtime
 * reported) live on one row; the reconciler moves the second towards the first.
 */

/** Where an agent is in its life, as the docs spell it (`{ phase: 'Running' }`); held to the proto enum by a unit test. */
export const AGENT_PHASES = [
  "Pending",
  "Running",
  "Succeeded",
  "Failed",
  "Unknown",
  "Suspended",
  "Online",
  "Offline",
  "Terminating",
] as const;
export type AgentPhaseName = (typeof AGENT_PHASES)[number];

/** Where an agent runs. */
export const EMPLOYEE_TYPES = ["kubernetes", "external", "local"] as const;
export type EmployeeTypeName = (typeof EMPLOYEE_TYPES)[number];

/** Model tiers an agent may use, as HireAgent and PromoteAgent accept them. */
export const MODEL_TIERS = ["sonnet", "opus", "haiku", "gpt-5.5", "gemini-2.5-flash"] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

/** Activity feed categories, as the docs' `category: 'task,lifecycle'` filter names them. */
export const ACTIVITY_CATEGORIES = ["task", "lifecycle", "chat", "file", "integration", "credit"] as const;
export type ActivityCategoryName = (typeof ACTIVITY_CATEGORIES)[number];

/** Streams a log line can come from; "system" lines are written by the platform about the agent. */
export const LOG_STREAMS = ["stdout", "stderr", "system"] as const;
export type LogStreamName = (typeof LOG_STREAMS)[number];

/** What the operator (or the guardrails) want: run it, keep it stopped, or remove it. */
export type DesiredState = "running" | "stopped" | "fired";

/** Why a running agent is held stopped without being fired; "" when it is not. */
export type SuspensionReason = "" | "InsufficientCredits" | "BudgetExhausted";

/** An agent as stored. */
export interface AgentRecord {
  id: string;
  officeId: string;
  name: string;
  employeeType: EmployeeTypeName;
  modelTier: string;
  provider: string;
  role: string;
  skills: string[];
  systemPrompt: string;
  hiredBy: string;
  hiredByAgentId: string | null;
  spawnDepth: number;
  budget: bigint | null;
  budgetCarved: bigint;
  creditsUsed: bigint;
  publicKey: string;
  generation: number;
  desired: DesiredState;
  suspended: SuspensionReason;
  phase: AgentPhaseName;
  phaseReason: string;
  phaseMessage: string;
  phaseUpdatedAt: Date;
  startedGeneration: number | null;
  startedAt: Date | null;
  readyAt: Date | null;
  lastHeartbeatAt: Date | null;
  lastWorkingAt: Date;
  chargedUntil: Date | null;
  restarts: number;
  nextStartAt: Date | null;
  createdAt: Date;
  firedAt: Date | null;
  workspaceBackup: string;
  /** XMTP address the agent chats from (external agents register one when they join); "" if none. */
  xmtpAddress: string;
  /** Name of the agent this hosted one was cloned from; "" if it is not a clone. */
  clonedFrom: string;
}

/** A new agent, as the domain decided it at hire; the rest of its row starts from defaults. */
export type NewAgent = Pick<
  AgentRecord,
  | "id"
  | "officeId"
  | "name"
  | "employeeType"
  | "modelTier"
  | "provider"
  | "role"
  | "skills"
  | "systemPrompt"
  | "hiredBy"
  | "hiredByAgentId"
  | "spawnDepth"
  | "budget"
  | "publicKey"
> & { now: Date; xmtpAddress?: string; clonedFrom?: string };

/** One line an agent (or the platform about it) wrote. */
export interface AgentLogRecord {
  id: number;
  time: Date;
  stream: LogStreamName;
  text: string;
}

/** One activity feed entry. */
export interface AgentActivityRecord {
  id: number;
  time: Date;
  category: ActivityCategoryName;
  type: string;
  summary: string;
  taskId: number | null;
  details: Record<string, unknown>;
}

/** An activity entry to write. */
export type NewActivity = Omit<AgentActivityRecord, "id" | "time" | "taskId" | "details"> & {
  taskId?: number;
  details?: Record<string, unknown>;
};

/**
 * Turns an agent's LLM provider on as one of its integrations (the integrations feature answers
 * it): the docs' "provider auto-enables the integration", done by the server at hire and promote.
 */
export interface ProviderIntegrations {
  enable(scope: OfficeScope, agentName: string, provider: string): Promise<void>;
}

/** What the hire rules need to know about the office at hire time. */
export interface HireContext {
  allowAgentHiring: boolean;
  defaultModelTier: string;
  /** Hires in the office since the start of the rate window, oldest first. */
  recentHires: Date[];
  creditBalance: bigint;
  /** The hiring agent, when an agent hires. */
  hirer?: AgentRecord;
}

/** Settings of the office that hiring and idle stops read. */
export interface OfficeAgentSettings {
  allowAgentHiring: boolean;
  defaultModelTier: string;
  agentIdleTimeoutMinutes: number;
}

/** An observed phase to record. */
export interface PhaseChange {
  phase: AgentPhaseName;
  reason?: string;
  message?: string;
}

/** A log line to store. */
export interface NewLogLine {
  agentId: string;
  time: Date;
  stream: LogStreamName;
  text: string;
}

/** What a hire does while it holds the office's hire lock (one transaction). */
export interface HireTransaction {
  /** When the office's hires since `since` happened, oldest first. */
  hiresSince(officeId: string, since: Date): Promise<Date[]>;
  /** The hiring agent, locked, or undefined when it was fired. */
  lockAgent(id: string): Promise<AgentRecord | undefined>;
  carveBudget(hirerId: string, amount: bigint): Promise<void>;
  /** Inserts the agent; false when the name is taken in the office. */
  insert(agent: NewAgent, phase: AgentPhaseName): Promise<AgentRecord | false>;
  addActivity(agentId: string, entry: NewActivity, now: Date): Promise<void>;
}

/**
 * What the domain and the reconciler need from storage. Agents are looked up by office and name
 * (fired ones only where their feed outlives them); the reconciler's changes go by row id.
 */
export interface AgentStore {
  /** Runs `fn` holding the office's hire lock; commits when it returns. */
  hireTransaction<T>(officeId: string, fn: (tx: HireTransaction) => Promise<T>): Promise<T>;
  get(officeId: string, name: string): Promise<AgentRecord | undefined>;
  getIncludingFired(officeId: string, name: string): Promise<AgentRecord | undefined>;
  list(officeId: string, limit: number, after?: { createdAt: string; id: string }): Promise<AgentRecord[]>;
  /** Agents, and those running (hosted) or online (external, a heartbeat since `onlineSince`). */
  counts(officeId: string, onlineSince: Date): Promise<{ agents: number; running: number }>;
  update(
    officeId: string,
    name: string,
    patch: { role?: string; systemPrompt?: string; addSkills?: string[]; removeSkills?: string[] },
  ): Promise<AgentRecord | undefined>;
  promote(officeId: string, name: string, modelTier: string, provider: string | undefined): Promise<AgentRecord | undefined>;
  markFiring(officeId: string, name: string, now: Date, leaseMs: number): Promise<AgentRecord | undefined>;
  markFired(id: string, backupKey: string, now: Date): Promise<void>;
  heartbeat(id: string, working: boolean, now: Date): Promise<AgentRecord | undefined>;
  officeSettings(officeId: string): Promise<OfficeAgentSettings | undefined>;
  officeOwner(officeId: string): Promise<string | undefined>;

  // The reconciler.
  claimOwnership(owner: string, now: Date, leaseMs: number, limit: number): Promise<AgentRecord[]>;
  releaseOwnership(owner: string): Promise<void>;
  setPhase(id: string, change: PhaseChange, now: Date): Promise<boolean>;
  markStarted(id: string, generation: number, now: Date, message: string): Promise<void>;
  markFailed(id: string, reason: string, message: string, now: Date, nextStartAt: Date): Promise<void>;
  markStopped(id: string, phase: AgentPhaseName, reason: string, message: string, now: Date): Promise<void>;
  setDesired(id: string, desired: DesiredState): Promise<void>;
  setSuspended(id: string, reason: SuspensionReason): Promise<void>;
  suspendOffice(officeId: string): Promise<AgentRecord[]>;
  resumable(owner: string): Promise<AgentRecord[]>;
  charged(id: string, amount: bigint, until: Date): Promise<void>;
  projectTaskActivity(limit: number): Promise<number>;
  projectChatActivity(limit: number): Promise<number>;

  // Logs, activity, signed requests.
  appendLogs(lines: NewLogLine[]): Promise<void>;
  logs(agentId: string, opts: { limit: number; afterId?: number; since?: Date }): Promise<AgentLogRecord[]>;
  pruneLogs(agentIds: string[], keep: number): Promise<void>;
  addActivity(agentId: string, entry: NewActivity, now: Date): Promise<void>;
  activity(
    agentId: string,
    opts: { limit: number; beforeId?: number; categories: ActivityCategoryName[]; since?: Date },
  ): Promise<AgentActivityRecord[]>;
  rememberNonce(officeId: string, agentName: string, nonce: string, expiresAt: Date): Promise<boolean>;
  signer(officeId: string, name: string): Promise<{ id: string; publicKey: string; accountId: string } | undefined>;
  pruneNonces(now: Date): Promise<void>;
}
