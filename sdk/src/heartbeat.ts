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
import { failureBackoffMs } from "./retry.js";

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

/** Options of {@link HeartbeatClient.start}. */
export interface HeartbeatLoopOptions {
  /** Milliseconds between heartbeats; default: what the server asks for (30 s). */
  intervalMs?: number;
  /** Read before each heartbeat: whether the agent works on a task right now. */
  working?: () => boolean;
  /** What the agent is doing, read before each heartbeat. */
  statusMessage?: () => string;
  /** The agent's software version, sent with each heartbeat; default "sdk". */
  clientVersion?: string;
  /** Called with each failed heartbeat and the wait before the next try. */
  onError?: (error: Error, retryInMs: number) => void;
  /** Called with each answered heartbeat. */
  onBeat?: (result: HeartbeatResult) => void;
}

/** Options of {@link HeartbeatClient.startDirect}: which agent, as the docs name it. */
export interface DirectHeartbeatOptions extends HeartbeatLoopOptions {
  colonyId?: string;
  officeId?: string;
  agentId: string;
}

/** A running heartbeat loop. */
export interface HeartbeatLoop {
  /** Stops the loop; resolves once no heartbeat is in flight. */
  stop(): Promise<void>;
}

/** Sub-client for heartbeats; reach it as `client.heartbeat`. */
export class HeartbeatClient {
  private readonly rpc: Client<typeof InviteService>;

  /** Use `client.heartbeat` rather than constructing this directly. */
  constructor(
    transport: Transport,
    /** The agent this client signs as, if it signs. */
    private readonly self?: { officeId: string; agentId: string },
  ) {
    this.rpc = createClient(InviteService, transport);
  }

  /**
   * Keeps the signing agent Online: a heartbeat now and then every interval (the server's, 30 s
   * by default), with jittered exponential backoff after failures (never a burst when the
   * server comes back). Returns a handle to stop it.
   */
  start(options: HeartbeatLoopOptions = {}): HeartbeatLoop {
    if (!this.self) throw new TypeError("heartbeat.start() needs a client that signs as the agent (signingKey, agentId, officeId)");
    return this.loop(this.self.officeId, this.self.agentId, options);
  }

  /** {@link start} for the agent named here (the docs' `startDirect({ colonyId, agentId })`); the client must sign as it. */
  startDirect(options: DirectHeartbeatOptions): HeartbeatLoop {
    const officeId = options.officeId ?? options.colonyId;
    if (!officeId) throw new TypeError("startDirect needs colonyId (or officeId)");
    return this.loop(officeId, options.agentId, options);
  }

  private loop(officeId: string, agentName: string, options: HeartbeatLoopOptions): HeartbeatLoop {
    const stopped = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let wake: () => void = () => {};
    const done = (async () => {
      let failures = 0;
      while (!stopped.signal.aborted) {
        let waitMs: number;
        try {
          const result = await this.beat(officeId, agentName, {
            working: options.working?.() ?? false,
            statusMessage: options.statusMessage?.() ?? "",
            clientVersion: options.clientVersion ?? "sdk",
          });
          failures = 0;
          options.onBeat?.(result);
          waitMs = options.intervalMs ?? result.intervalMs;
        } catch (err) {
          failures++;
          waitMs = failureBackoffMs(failures);
          options.onError?.(err as Error, Math.round(waitMs));
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, waitMs);
        });
      }
    })();
    return {
      async stop() {
        stopped.abort();
        clearTimeout(timer);
        wake();
        await done;
      },
    };
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
