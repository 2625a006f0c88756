/** What the model is told: who it is (role, the operator's instructions, the rules) and the task. */
import type { Task } from "../../task-types.js";

/** Who the agent is. */
export interface AgentPersona {
  agentName: string;
  /** Role template, e.g. `research-analyst`; may be empty. */
  role?: string;
  /** The operator's instructions for this agent; may be empty. */
  systemPrompt?: string;
}

const RULES = [
  "Work only through your tools. Your workspace is your current directory; the office's shared drive holds files others can see.",
  "Prove your work: write what you produce to the shared drive and record it with add_artifact.",
  "A result is required: when the work is done, call complete_task with what was accomplished and how it is proven.",
  "If the task cannot be done at all, call fail_task with the reason. Do not end your turn without calling one of them.",
].join("\n");

/** The system prompt: the role, the operator's instructions, then the rules. */
export function systemPrompt(persona: AgentPersona): string {
  const role = persona.role?.trim();
  const intro = role
    ? `You are ${persona.agentName}, an AI agent working as ${role} in a Mitosis office.`
    : `You are ${persona.agentName}, an AI agent in a Mitosis office.`;
  const instructions = persona.systemPrompt?.trim();
  return [intro, instructions, `Rules:\n${RULES}`].filter(Boolean).join("\n\n");
}

/** The system prompt of a chat with the office's operators: who the agent is, and how to answer. */
export function chatPrompt(persona: AgentPersona): string {
  const intro = systemPrompt(persona).split("\n\nRules:")[0]!;
  return `${intro}\n\nYou are chatting with the operators of your office. Answer their latest message briefly and plainly; to do work, ask them to create a task for you.`;
}

/** The first user message: the task as the queue has it. */
export function taskMessage(task: Task): string {
  const lines = [`Task ${task.id} (${task.kind}): ${task.title}`];
  if (task.description.trim()) lines.push("", task.description.trim());
  return lines.join("\n");
}
