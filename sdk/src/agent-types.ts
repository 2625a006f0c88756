/**
 * The shapes `client.agents` returns and takes, as the docs write them ("Offices & Agents",
 * the SDK guide's Agents section): agents, their log lines and activity feed, and the inputs
 * of hire, update, promote, logs and activity.
 */

/**
 * Where an agent is in its life, capitalized as the docs write it. Hosted agents are
 * Pending → Running (and Suspended, Succeeded, Failed, Unknown, Terminating); external agents
 * are Online or Offline by heartbeat.
 */
export type AgentPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown" | "Suspended" | "Online" | "Offline" | "Terminating";

/** Where an agent runs: a Kubernetes pod, its owner's machine (joined by invite), or a process of the server. */
export type EmployeeType = "kubernetes" | "external" | "local";

/** The LLM model tiers an agent can run on. */
export type ModelTier = "sonnet" | "opus" | "haiku" | "gpt-5.5" | "gemini-2.5-flash";

/** The stream a log line went to; `system` lines are the platform's own (starts, restarts, backups). */
export type AgentLogStream = "stdout" | "stderr" | "system";

/** The groups of an agent's activity feed. */
export type ActivityCategory = "task" | "lifecycle" | "chat" | "file" | "integration" | "credit";

/** An agent's phase and why it is there. */
export interface AgentStatus {
  /** Current phase, e.g. `Running`. */
  phase: AgentPhase;
  /** Machine-readable cause, e.g. `InsufficientCredits`; may be empty. */
  reason: string;
  /** Human-readable detail; may be empty. */
  message: string;
  /** When the phase last changed (ISO 8601); null if the server did not say. */
  updatedAt: string | null;
}

/** An AI worker in an office. */
export interface Agent {
  /** Name, unique within the office. */
  name: string;
  /** Current phase with its reason. */
  status: AgentStatus;
  /** Where the agent runs. */
  employeeType: EmployeeType;
  /** Model tier in use. */
  modelTier: string;
  /** LLM provider (integration id) in use, e.g. `openai-codex`; empty for the default. */
  provider: string;
  /** Role template the agent was hired with; may be empty. */
  role: string;
  /** Skills enabled for the agent, e.g. `['github']`. */
  skills: string[];
  /** Custom instructions added to the agent's prompt; may be empty. */
  systemPrompt: string;
  /** Who hired it: an agent name or `operator:<account id>`. */
  hiredBy: string;
  /** When it was hired (ISO 8601). */
  createdAt: string;
  /** Its last heartbeat (ISO 8601); null until it sends one. */
  lastHeartbeatAt: string | null;
  /** Ed25519 public key (64 hex characters) that verifies the agent's signed requests. */
  publicKey: string;
  /** Credits it may consume in all, when another agent hired it; null for an operator's hire. */
  budget: number | null;
  /** Credits it has consumed so far. */
  creditsUsed: number;
  /** Agents between it and an operator: 0 when an operator hired it. */
  spawnDepth: number;
  /** XMTP address it chats from (external agents register one when they join); empty if none. */
  xmtpAddress: string;
  /** Name of the external agent this hosted one was cloned from; empty if it is not a clone. */
  clonedFrom: string;
}

/** A fired agent and where its workspace went. */
export interface FiredAgent {
  /** The agent as it was when fired. */
  agent: Agent;
  /** Object storage key of the workspace backup; empty for external agents (no workspace). */
  workspaceBackup: string;
}

/** One line an agent (or the platform about it) wrote. */
export interface AgentLogLine {
  /** When it was written (ISO 8601). */
  time: string;
  /** Which stream it went to. */
  stream: AgentLogStream;
  /** The line, without its line break. */
  text: string;
}

/** One entry of an agent's activity feed. */
export interface AgentActivity {
  /** Entry id, increasing over time. */
  id: number;
  /** When it happened (ISO 8601). */
  time: string;
  /** Feed category. */
  category: ActivityCategory;
  /** What happened, dotted: `task.claimed`, `lifecycle.promoted`. */
  type: string;
  /** One line for people. */
  summary: string;
  /** The task it is about (per-office number), if any. */
  taskId?: number;
  /** Structured details, depending on `type`. */
  details: Record<string, unknown>;
}

/** Input of `client.agents.hire`. */
export interface HireAgentInput {
  /** Unique within the office: lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit. */
  name: string;
  /** LLM model tier; the office's default (sonnet unless changed) when absent. */
  modelTier?: ModelTier;
  /** LLM provider (integration id, e.g. `openai-codex`): enabled for the agent, which is promoted to it. */
  provider?: string;
  /** Role template name, e.g. `research-analyst`. */
  role?: string;
  /** Skills to pre-enable: `['github']` or the docs' comma list `'github,slack'`. */
  skills?: string | readonly string[];
  /** Custom instructions, at most 50 000 characters. */
  systemPrompt?: string;
  /**
   * Credits the new agent may consume in all. Only agents hiring agents set it (carved from
   * their own budget); an operator's hire draws on the office's balance and must leave it out.
   */
  budget?: number;
}

/** Changes of `client.agents.update`; absent fields keep their value. */
export interface UpdateAgentInput {
  /** New role template name; `''` clears it. */
  role?: string;
  /** New custom instructions; `''` clears them. */
  systemPrompt?: string;
  /** Skills to enable in addition to the current ones. */
  addSkills?: string | readonly string[];
  /** Skills to disable. */
  removeSkills?: string | readonly string[];
}

/** Input of `client.agents.promote`. */
export interface PromoteAgentInput {
  /** New model tier. */
  modelTier: ModelTier;
  /** New LLM provider (integration id, e.g. `anthropic`); the current one when absent. */
  provider?: string;
}

/** Options of `client.agents.logs`. */
export interface AgentLogsOptions {
  /** At most this many lines, 1 to 5000 (default 100): the newest ones, or the first ones after `since`. */
  limit?: number;
  /** Only lines written after this time (ISO 8601 or a Date); pass the last line's time to poll for new ones. */
  since?: string | Date;
}

/** Options of `client.agents.followLogs`. */
export interface FollowAgentLogsOptions {
  /** Lines of history to yield before following, 0 to 5000 (default 0: new lines only). */
  tail?: number;
  /** Start with the lines written after this time (ISO 8601 or a Date) instead of a tail. */
  since?: string | Date;
  /** Ends the stream (quietly) when aborted. */
  signal?: AbortSignal;
}

/** Options of `client.agents.activity`. */
export interface AgentActivityOptions {
  /** At most this many entries, newest first, 1 to 1000 (default 50). */
  limit?: number;
  /** Only these categories: the docs' comma list `'task,lifecycle'` or an array. */
  category?: ActivityCategory | string | readonly ActivityCategory[];
}

/** Options of `client.agents.iterate`. */
export interface IterateAgentsOptions {
  /** Agents fetched per request, 1 to 1000 (server default 100). */
  pageSize?: number;
}
