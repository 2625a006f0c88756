/**
 * `client.agents`: hire AI workers into an office, inspect and change them, read and follow
 * their logs and activity, promote them to another model, and fire them (docs: "Offices &
 * Agents" and the SDK guide's Agents section). Agents are addressed by name within the office.
 *
 * A hire is not safe to repeat (a second attempt after a lost answer would fail with
 * `AlreadyExistsError`, or hire twice under another name), so like every write without an
 * idempotency key it is sent once; reads are retried (see retry.ts).
 */
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { AgentService, type StreamAgentLogsResponse } from "../../gen/ts/mitosis/v1/agent_pb.js";
import { agentName, modelTier, parseActivityCategories, timeInput, toActivity, toAgent, toLogLine } from "./agent-mapping.js";
import type {
  Agent,
  AgentActivity,
  AgentActivityOptions,
  AgentLogLine,
  AgentLogsOptions,
  FiredAgent,
  FollowAgentLogsOptions,
  HireAgentInput,
  IterateAgentsOptions,
  PromoteAgentInput,
  UpdateAgentInput,
} from "./agent-types.js";
import { call, toMitosisError } from "./errors.js";
import { invalidArgument, listOf, wholeNumber } from "./input.js";
import { required } from "./mapping.js";

/** The server's largest page of agents and of activity entries. */
const MAX_PAGE_SIZE = 1000;
/** The most log lines one request may ask for. */
const MAX_LOG_LINES = 5000;

/** Sub-client for agents; reach it as `client.agents`. */
export class AgentsClient {
  private readonly rpc: Client<typeof AgentService>;

  /** Use `client.agents` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(AgentService, transport);
  }

  /**
   * Hires an agent: the server starts its compute, storage and identity. It comes back
   * `Pending` and turns `Running` once its worker reports in. Sent once, never retried.
   */
  async hire(colonyId: string, input: HireAgentInput): Promise<Agent> {
    const request = {
      officeId: colonyId,
      name: agentName(input.name),
      modelTier: input.modelTier === undefined ? "" : modelTier(input.modelTier),
      provider: input.provider ?? "",
      role: input.role ?? "",
      skills: listOf(input.skills),
      systemPrompt: input.systemPrompt ?? "",
      budget: input.budget === undefined ? undefined : BigInt(wholeNumber(input.budget, "budget", { min: 1 })),
    };
    const res = await call(() => this.rpc.hireAgent(request));
    return toAgent(required(res.agent, "agent"));
  }

  /** All of the office's agents, hosted and external, in hiring order (fetches every page). */
  async list(colonyId: string): Promise<Agent[]> {
    const agents: Agent[] = [];
    for await (const agent of this.iterate(colonyId)) agents.push(agent);
    return agents;
  }

  /** The office's agents one at a time, in hiring order, fetching pages as needed. */
  async *iterate(colonyId: string, options: IterateAgentsOptions = {}): AsyncGenerator<Agent, void, undefined> {
    const pageSize = options.pageSize === undefined ? 0 : wholeNumber(options.pageSize, "pageSize", { min: 1, max: MAX_PAGE_SIZE });
    let pageToken = "";
    do {
      const res = await call(() => this.rpc.listAgents({ officeId: colonyId, pageSize, pageToken }));
      for (const agent of res.agents) yield toAgent(agent);
      pageToken = res.nextPageToken;
    } while (pageToken !== "");
  }

  /** One agent by name. */
  async get(colonyId: string, name: string): Promise<Agent> {
    const res = await call(() => this.rpc.getAgent({ officeId: colonyId, agentName: agentName(name) }));
    return toAgent(required(res.agent, "agent"));
  }

  /** Changes an agent's role, system prompt or skills; absent fields keep their value. */
  async update(colonyId: string, name: string, updates: UpdateAgentInput): Promise<Agent> {
    const request = {
      officeId: colonyId,
      agentName: agentName(name),
      role: updates.role,
      systemPrompt: updates.systemPrompt,
      addSkills: listOf(updates.addSkills),
      removeSkills: listOf(updates.removeSkills),
    };
    const res = await call(() => this.rpc.updateAgent(request));
    return toAgent(required(res.agent, "agent"));
  }

  /**
   * Fires an agent: its workspace is backed up to object storage first, then its compute and
   * workspace are removed. Returns the agent as it was and the backup's key.
   */
  async fire(colonyId: string, name: string): Promise<FiredAgent> {
    const res = await call(() => this.rpc.fireAgent({ officeId: colonyId, agentName: agentName(name) }));
    return { agent: toAgent(required(res.agent, "agent")), workspaceBackup: res.workspaceBackup };
  }

  /**
   * Log lines, oldest first: the newest `limit` (default 100), or with `since` the first
   * `limit` written after it. To poll, pass the last line's `time` as the next `since`.
   */
  async logs(colonyId: string, name: string, options: AgentLogsOptions = {}): Promise<AgentLogLine[]> {
    const request = {
      officeId: colonyId,
      agentName: agentName(name),
      pageSize: options.limit === undefined ? 0 : wholeNumber(options.limit, "limit", { min: 1, max: MAX_LOG_LINES }),
      since: options.since === undefined ? undefined : timeInput(options.since),
    };
    const res = await call(() => this.rpc.listAgentLogs(request));
    return res.lines.map(toLogLine);
  }

  /**
   * Log lines as they are written, until `signal` aborts or the loop breaks: first `tail` lines
   * of history (or those after `since`), then each new line. The stream has no deadline; it
   * ends when the server closes it (say, on shutdown) and throws a typed error if it fails.
   */
  followLogs(colonyId: string, name: string, options: FollowAgentLogsOptions = {}): AsyncGenerator<AgentLogLine, void, undefined> {
    if (options.tail !== undefined && options.since !== undefined) {
      throw invalidArgument("tail", "cannot be combined with since: give one of them");
    }
    const request = {
      officeId: colonyId,
      agentName: agentName(name),
      tailLines: options.tail === undefined ? 0 : wholeNumber(options.tail, "tail", { max: MAX_LOG_LINES }),
      since: options.since === undefined ? undefined : timeInput(options.since),
    };
    return follow((signal) => this.rpc.streamAgentLogs(request, { signal }), options.signal);
  }

  /** The agent's activity feed, newest first: at most `limit` entries (default 50), optionally of some categories only. */
  async activity(colonyId: string, name: string, options: AgentActivityOptions = {}): Promise<AgentActivity[]> {
    const request = {
      officeId: colonyId,
      agentName: agentName(name),
      pageSize: options.limit === undefined ? 0 : wholeNumber(options.limit, "limit", { min: 1, max: MAX_PAGE_SIZE }),
      categories: parseActivityCategories(options.category),
    };
    const res = await call(() => this.rpc.listAgentActivity(request));
    return res.activities.map(toActivity);
  }

  /** Moves an agent to another model tier (and provider); a hosted agent restarts with it. */
  async promote(colonyId: string, name: string, input: PromoteAgentInput): Promise<Agent> {
    const request = {
      officeId: colonyId,
      agentName: agentName(name),
      modelTier: modelTier(input.modelTier),
      provider: input.provider ?? "",
    };
    const res = await call(() => this.rpc.promoteAgent(request));
    return toAgent(required(res.agent, "agent"));
  }
}

/**
 * The lines of one log stream, skipping the keep-alives the server sends during silences.
 * Its own AbortController closes the stream when the consumer stops early; an abort of the
 * caller's `signal` ends it quietly.
 */
async function* follow(
  open: (signal: AbortSignal) => AsyncIterable<StreamAgentLogsResponse>,
  signal: AbortSignal | undefined,
): AsyncGenerator<AgentLogLine, void, undefined> {
  if (signal?.aborted) return;
  const connection = new AbortController();
  try {
    for await (const res of open(signal ? AbortSignal.any([signal, connection.signal]) : connection.signal)) {
      // Nothing more once the caller aborted, even a line that had already arrived.
      if (signal?.aborted) return;
      if (res.line) yield toLogLine(res.line);
    }
  } catch (err) {
    if (signal?.aborted) return;
    throw toMitosisError(err);
  } finally {
    connection.abort();
  }
}
