/**
 * An agent at work: heartbeats that keep it Running (hosted) or Online (external), and beside
 * them the task loop (task-loop.ts), which claims the tasks this agent can do and executes them
 * with the engine its environment selects (engines.ts). The hosted worker (main.ts) and
 * `mi agent run` (an external agent on its owner's machine) both run this.
 */
import type { OS1Client } from "../client.js";
import { failureBackoffMs } from "../retry.js";
import { TASK_KINDS } from "../task-mapping.js";
import type { TaskKind } from "../task-types.js";
import { setTimeout as sleep } from "node:timers/promises";
import type { Engine } from "./engine.js";
import { engineFor } from "./engines.js";
import { LLM_PROVIDERS } from "./llm/index.js";
import { runTaskLoop } from "./task-loop.js";

/** Options of {@link runAgent}. */
export interface AgentRunOptions {
  /** A client that signs as the agent. */
  client: OS1Client;
  officeId: string;
  agentName: string;
  /** Where the engine's configuration comes from: AGENT_COMMAND, MI_PROVIDER, the providers' keys. */
  env: Record<string, string | undefined>;
  /** Directory commands run in and changed files are found in. */
  workspace: string;
  /** Milliseconds between heartbeats; default: what the server asks for. */
  heartbeatMs?: number;
  /** Ends the run: heartbeats stop, and a task in hand is given back as interrupted (it costs no attempt). */
  signal: AbortSignal;
  /** Where progress lines go. */
  log(line: string): void;
  /** Where failures go. */
  warn(line: string): void;
  /** Sent with heartbeats, e.g. "worker/0.1". */
  clientVersion: string;
}

/** Runs the agent until `signal` aborts. */
export async function runAgent(o: AgentRunOptions): Promise<void> {
  const engine = engineFor(o.env, o.client);
  const kinds = taskKinds(o.env.AGENT_TASK_KINDS);
  let working = false;
  let tasks: Promise<void> = Promise.resolve();
  if (engine === undefined) {
    o.log(`agent ${o.agentName}: no engine configured (set AGENT_COMMAND, or enable an LLM provider); not claiming tasks`);
  } else if ("error" in kinds) {
    o.warn(`agent ${o.agentName}: ${kinds.error}; not claiming tasks until it is fixed (mi env set AGENT_TASK_KINDS=...)`);
  } else {
    if (kinds.kinds.length > 0) o.log(`agent ${o.agentName}: taking tasks of kind ${kinds.kinds.join(", ")}`);
    o.log(`agent ${o.agentName}: executing tasks with the ${engine.name} engine`);
    tasks = runTaskLoop({
      client: o.client,
      officeId: o.officeId,
      agentName: o.agentName,
      workspace: o.workspace,
      engine,
      kinds: kinds.kinds,
      signal: o.signal,
      tools: async () =>
        (await o.client.integrations.myIntegrations(o.officeId, o.agentName)).filter((i) => i.configured).map((i) => i.integration.id),
      log: (line) => o.log(`agent ${o.agentName}: ${line}`),
      onBusy: (busy) => {
        working = busy;
      },
    });
  }
  const chat = engine?.reply ? answerChat(o, engine as Engine & Required<Pick<Engine, "reply">>) : Promise.resolve();
  let ready = false;
  const heartbeats = o.client.heartbeat.startDirect({
    officeId: o.officeId,
    agentId: o.agentName,
    intervalMs: o.heartbeatMs,
    clientVersion: o.clientVersion,
    working: () => working,
    statusMessage: () => (working ? "working on a task" : "idle"),
    onBeat: (beat) => {
      if (!ready) o.log(`agent ${o.agentName} ready (${beat.phase})`);
      ready = true;
    },
    onError: (err, retryInMs) => o.warn(`agent ${o.agentName}: heartbeat failed (${err.message}); retrying in ${retryInMs} ms`),
  });
  await new Promise<void>((resolve) => {
    if (o.signal.aborted) resolve();
    o.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await Promise.all([heartbeats.stop(), tasks, chat]);
}

/**
 * Answers the operators' direct messages with the engine until the run ends: at start (what
 * came while the agent was away) and at every new message from them, one answer to the latest
 * when the conversation does not end with the agent's own. Only operators are answered: two
 * agents answering each other would never stop.
 */
async function answerChat(o: AgentRunOptions, engine: Engine & Required<Pick<Engine, "reply">>): Promise<void> {
  const me = o.agentName;
  /** Answers if the operators spoke last; returns the id of the last message seen. */
  const answer = async (): Promise<number> => {
    const history = await o.client.chat.messages(o.officeId, me, { limit: 20 });
    const last = history.at(-1);
    if (!last || last.sender === me) return last?.id ?? 0;
    const text = await engine.reply({
      officeId: o.officeId,
      agentName: me,
      workspace: o.workspace,
      history: history.map((m) => ({ fromSelf: m.sender === me, text: m.text })),
      signal: o.signal,
    });
    if (text && !o.signal.aborted) return (await o.client.chat.send(o.officeId, me, text)).id;
    return last.id;
  };
  let failures = 0;
  while (!o.signal.aborted) {
    try {
      // Subscribed from the last message read, so nothing said meanwhile is missed.
      const seen = await answer();
      for await (const m of o.client.chat.subscribe(o.officeId, { channel: "direct", agentName: me, sinceId: seen, signal: o.signal })) {
        if (m.agentName === me && m.peerAgent === "" && m.sender !== me) await answer();
        failures = 0;
      }
    } catch (err) {
      if (o.signal.aborted) return;
      failures++;
      const wait = failureBackoffMs(failures);
      o.warn(`agent ${me}: answering chat failed (${(err as Error).message}); again in ${Math.round(wait)} ms`);
      await sleep(wait, undefined, { signal: o.signal }).catch(() => {});
    }
  }
}

/** AGENT_TASK_KINDS (e.g. "review,code"): the kinds of task this agent takes; unset or empty, every kind. */
function taskKinds(value: string | undefined): { kinds: TaskKind[] } | { error: string } {
  const words = (value ?? "")
    .split(",")
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  const unknown = words.filter((w) => !(TASK_KINDS as readonly string[]).includes(w));
  if (unknown.length > 0) return { error: `AGENT_TASK_KINDS names ${unknown.join(", ")}, not task kinds (${TASK_KINDS.join(", ")})` };
  return { kinds: [...new Set(words)] as TaskKind[] };
}

/**
 * The credentials of the LLM integrations the office enabled for this agent, as the variables a
 * hosted worker finds in its environment (OPENAI_API_KEY, OPENAI_BASE_URL...): how an agent that
 * runs elsewhere uses the office's provider without holding a key of its own. Each read is
 * audit-logged by the server.
 */
export async function officeLlmCredentials(client: OS1Client, officeId: string, agentName: string): Promise<Record<string, string>> {
  const enabled = await client.integrations.myIntegrations(officeId, agentName);
  const env: Record<string, string> = {};
  for (const { integration, configured } of enabled) {
    if (!configured || !LLM_PROVIDERS.includes(integration.id)) continue;
    Object.assign(env, (await client.integrations.getCredentials(officeId, integration.id)).data);
  }
  return env;
}
