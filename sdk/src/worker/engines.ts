/**
 * Which engine a worker runs, from the agent's environment: `AGENT_COMMAND` (a coding CLI's
 * command line, set with `mi env set`) selects the command engine.
 */
import { CommandEngine } from "./command-engine.js";
import type { Engine } from "./engine.js";

/** The engine the environment asks for, or undefined when none is configured. */
export function engineFor(env: Record<string, string | undefined>): Engine | undefined {
  const command = env.AGENT_COMMAND?.trim();
  if (command) {
    const seconds = Number(env.AGENT_COMMAND_TIMEOUT_SECONDS);
    return new CommandEngine({ command, timeoutMs: seconds > 0 ? seconds * 1000 : undefined });
  }
  return undefined;
}
