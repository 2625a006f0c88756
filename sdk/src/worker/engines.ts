/**
 * Which engine a worker runs, from the agent's environment: `AGENT_COMMAND` (a coding CLI's
 * command line, set with `mi env set`) selects the command engine; otherwise an LLM provider
 * (the agent's `MI_PROVIDER`, or any enabled LLM integration's key) selects the llm engine,
 * whose every model call is paid for before it is made (credits reserved, then settled).
 */
import { randomUUID } from "node:crypto";
import type { OS1Client } from "../client.js";
import { CommandEngine } from "./command-engine.js";
import type { Engine } from "./engine.js";
import { llmEngineFromEnv, resolveProvider } from "./llm/index.js";

/** The engine the environment asks for, or undefined when none is configured. */
export function engineFor(env: Record<string, string | undefined>, client: OS1Client): Engine | undefined {
  const command = env.AGENT_COMMAND?.trim();
  if (command) {
    const seconds = Number(env.AGENT_COMMAND_TIMEOUT_SECONDS);
    return new CommandEngine({ command, timeoutMs: seconds > 0 ? seconds * 1000 : undefined });
  }
  try {
    resolveProvider(env.MI_PROVIDER, env);
  } catch {
    return undefined;
  }
  return llmEngineFromEnv(env, {
    meter: {
      async reserve(payer, call) {
        const reserved = await client.credits.reserve(payer.officeId, {
          agentName: payer.agentName,
          maxTokens: call.maxTokens,
          purpose: `${call.provider} ${call.model}, ${payer.purpose}`,
          requestId: randomUUID(),
        });
        return reserved.requestId;
      },
      async settle(payer, reservation, usedTokens) {
        await client.credits.settle(payer.officeId, reservation, usedTokens);
      },
    },
  });
}
