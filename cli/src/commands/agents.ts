/**
 * `mi agents hire|list|get|update|promote`: the office's AI workers as the docs show them
 * (`mi agents hire --colony <id> --name "analyst" --model sonnet`, `mi agents get <colonyId>
 * analyst`). Logs and activity are in agent-logs.ts, firing in agent-fire.ts.
 */
import { UsageError } from "../exit.js";
import type { Agent } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { MODEL_TIERS } from "../words.js";
import { agentDetails, agentTable } from "./agent-views.js";
import { AGENT_FIELDS } from "./fields.js";

/** The positional agent name, after the office: `mi agents get <colonyId> analyst`. */
export const AGENT_NAME = arg.string({ summary: "Agent name, e.g. analyst" });

export const hireAgent = command({
  name: "agents hire",
  summary: "Hire an agent into an office",
  description:
    "The agent starts as Pending and turns Running once its worker reports in. The office needs credits (mi credits add), and takes at most 3 hires per 10 minutes.",
  examples: [
    'mi agents hire --colony <colonyId> --name "analyst" --model sonnet',
    "mi agents hire --colony <id> --name reviewer --provider openai-codex --model gpt-5.5",
    'mi agents hire --colony <id> --name analyst --role research-analyst --skill github --skill slack --system-prompt "Be brief."',
  ],
  args: { officeId: arg.office() },
  flags: {
    name: flag.string({ summary: "Agent name, unique in the office: lowercase letters, digits and '-'", required: true }),
    model: flag.enum(MODEL_TIERS, { summary: "Model tier (default: the office's, sonnet unless changed)", aliases: ["modelTier"] }),
    provider: flag.string({ summary: "LLM provider (integration id), e.g. openai-codex: enabled for the agent, which uses it" }),
    role: flag.string({ summary: "Role template, e.g. research-analyst" }),
    skill: flag.list("string", { summary: "Skill to pre-enable; repeat it or separate with commas (github,slack)", aliases: ["skills"] }),
    systemPrompt: flag.string({ summary: "Custom instructions added to the agent's prompt", value: "text" }),
  },
  json: AGENT_FIELDS,
  async run(ctx, { args, flags }): Promise<Agent> {
    return (await ctx.client()).agents.hire(args.officeId, {
      name: flags.name,
      modelTier: flags.model,
      provider: flags.provider,
      role: flags.role,
      skills: flags.skill,
      systemPrompt: flags.systemPrompt,
    });
  },
  render: (agent, { args }) => ({
    status: `Hired agent ${agent.name} (${agent.status.phase}); it turns Running once its worker reports in: mi agents get ${args.officeId} ${agent.name}\n`,
    data: agentDetails(agent),
  }),
});

export const listAgents = command({
  name: "agents list",
  aliases: ["agents ls"],
  summary: "List an office's agents, in hiring order",
  examples: ["mi agents list --colony <colonyId>", "mi agents list <colonyId> --json name,status,modelTier"],
  args: { officeId: arg.office() },
  flags: {},
  json: AGENT_FIELDS,
  async run(ctx, { args }): Promise<Agent[]> {
    return (await ctx.client()).agents.list(args.officeId);
  },
  render: (agents, { args }, term) =>
    agents.length === 0
      ? { status: `No agents. Hire one with mi agents hire --colony ${args.officeId} --name analyst.\n` }
      : { data: agentTable(agents, term) },
});

export const getAgent = command({
  name: "agents get",
  summary: "Show an agent: phase, model, skills, heartbeat, credits",
  examples: ["mi agents get <colonyId> analyst", "mi agents get --colony <id> analyst --json status,modelTier"],
  args: { officeId: arg.office(), name: AGENT_NAME },
  flags: {},
  json: AGENT_FIELDS,
  async run(ctx, { args }): Promise<Agent> {
    return (await ctx.client()).agents.get(args.officeId, args.name);
  },
  render: (agent) => ({ data: agentDetails(agent) }),
});

export const updateAgent = command({
  name: "agents update",
  summary: "Change an agent's role, system prompt or skills",
  examples: [
    "mi agents update <colonyId> analyst --add-skill linear --remove-skill github",
    'mi agents update --colony <id> analyst --role reviewer --system-prompt ""',
  ],
  args: { officeId: arg.office(), name: AGENT_NAME },
  flags: {
    role: flag.string({ summary: 'New role template ("" clears it)', empty: true }),
    systemPrompt: flag.string({ summary: 'New custom instructions ("" clears them)', value: "text", empty: true }),
    addSkill: flag.list("string", {
      summary: "Skill to enable; repeat it or separate with commas",
      value: "skill",
      aliases: ["addSkills"],
    }),
    removeSkill: flag.list("string", {
      summary: "Skill to disable; repeat it or separate with commas",
      value: "skill",
      aliases: ["removeSkills"],
    }),
  },
  json: AGENT_FIELDS,
  check({ flags }) {
    if (Object.values(flags).every((v) => v === undefined)) {
      throw new UsageError("Nothing to change: pass --role, --system-prompt, --add-skill or --remove-skill.", "agents update");
    }
  },
  async run(ctx, { args, flags }): Promise<Agent> {
    return (await ctx.client()).agents.update(args.officeId, args.name, {
      role: flags.role,
      systemPrompt: flags.systemPrompt,
      addSkills: flags.addSkill,
      removeSkills: flags.removeSkill,
    });
  },
  render: (agent) => ({ status: `Updated agent ${agent.name}\n`, data: agentDetails(agent) }),
});

export const promoteAgent = command({
  name: "agents promote",
  summary: "Move an agent to another model tier or LLM provider; it restarts with them",
  examples: [
    "mi agents promote <colonyId> analyst --model opus --provider anthropic",
    "mi agents promote --colony <id> analyst --model haiku",
  ],
  args: { officeId: arg.office(), name: AGENT_NAME },
  flags: {
    model: flag.enum(MODEL_TIERS, { summary: "New model tier", aliases: ["modelTier"], required: true }),
    provider: flag.string({ summary: "New LLM provider (integration id), e.g. anthropic (default: the current one)" }),
  },
  json: AGENT_FIELDS,
  async run(ctx, { args, flags }): Promise<Agent> {
    return (await ctx.client()).agents.promote(args.officeId, args.name, { modelTier: flags.model, provider: flags.provider });
  },
  render: (agent) => ({
    status: `Promoted agent ${agent.name} to ${agent.modelTier}${agent.provider ? ` (${agent.provider})` : ""}; it restarts with them\n`,
    data: agentDetails(agent),
  }),
});
