/**
 * `client.heartbeat`: an agent's proof of life (docs: "client.heartbeat.startDirect({ colonyId,
 * agentId })", 30 s interval, backoff on failure). Hosted agents' first heartbeat after a start
 * makes them Running; external agents are Online while heartbeats arrive. Only the agent itself
 * may send one: the client must sign with the agent's key.
 */
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { AgentPhaseSchema } from "../../gen/ts/mitosis/v1/agent_pb.js";
import { InviteService } from "../../gen/ts/mitosis/v1/invite_pb.js";
import type { AgentPhase } from "./agent-types.js";
import { call } from "./errors.js";
import { enumToString, timestampToIso } from "./mapping.js";

/** What the server answered to a heartbeat. */
export interface HeartbeatResult {
  /** The agent's phase after the heartbeat, e.g. `Running` (empty if the server sent none). */
  phase: AgentPhase | "";
  /** How long to wait before the next heartbeat, in milliseconds. */
  intervalMs: number;
  /** The server's clock (ISO 8601), to check the agent's own for request signatures. */
  serverTime: string | null;
}

/** Options of {@link HeartbeatClient.beat}. */
export interface HeartbeatInput {
  /** True while the agent works on a task (agents hired by agents stop after 10 idle minutes). */
  working?: boolean;
  /** What the agent is doing, at most 500 characters. */
  statusMessage?: string;
  /** The agent's software version, at most 100 characters. */
  clientVersion?: string;
}

/** Sub-client for heartbeats; reach it as `client.heartbeat`. */
export class HeartbeatClient {
  private readonly rpc: Client<typeof InviteService>;

  /** Use `client.heartbeat` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(InviteService, transport);
  }

  /** Sends one heartbeat for the agent `agentName` of office `officeId`. */
  async beat(officeId: string, agentName: string, input: HeartbeatInput = {}): Promise<HeartbeatResult> {
    const res = await call(() =>
      this.rpc.heartbeat({
        officeId,
        agentName,
        working: input.working ?? false,
        statusMessage: input.statusMessage ?? "",
        clientVersion: input.clientVersion ?? "",
      }),
    );
    const interval = res.heartbeatInterval;
    return {
      phase: res.status ? enumToString<AgentPhase>(AgentPhaseSchema, res.status.phase) : "",
      intervalMs: interval ? Number(interval.seconds) * 1000 + Math.round(interval.nanos / 1e6) : 30_000,
      serverTime: timestampToIso(res.serverTime),
    };
  }
}
