/**
 * `mi chat`: the office chat (docs: `mi chat --colony <colonyId> <agentName> "Hello"`). Direct
 * messages to an agent and its conversation, the group chat, and a live view of new messages.
 */
import { untilInterrupted } from "../interrupt.js";
import { selectFields } from "../json-fields.js";
import type { ChatMessage } from "../sdk.js";
import { arg, command, flag, type JsonSelection } from "../spec.js";
import { AGENT_NAME } from "./agents.js";
import { CHAT_MESSAGE_FIELDS } from "./fields.js";

const TEXT = arg.string({ summary: "The message" });
const SINCE_ID = { value: "id", min: 0, what: "a message id, 0 or more" } as const;
const SEND_FLAGS = {
  fromAgent: flag.string({ summary: "Send as this agent of the office (operators acting for one)", value: "agent" }),
  task: flag.integer({ summary: "The task the message is about; it shows in the task's detail", value: "taskId", min: 1 }),
};
const LIST_FLAGS = {
  limit: flag.integer({ summary: "The newest this many messages, 1 to 1000 (default 50)", value: "n", min: 1 }),
  sinceId: flag.integer({ summary: "Only messages after this id (the last one you saw)", ...SINCE_ID }),
};

export const sendMessage = command({
  name: "chat",
  summary: "Send a direct message to an agent",
  description: "It goes into the agent's conversation with the office's operators (or, with --from-agent, the two agents').",
  examples: ['mi chat --colony <colonyId> analyst "Hello"', 'mi chat <colonyId> analyst "Report on task 4, please" --task 4'],
  args: { officeId: arg.office(), agentName: AGENT_NAME, text: TEXT },
  flags: SEND_FLAGS,
  json: CHAT_MESSAGE_FIELDS,
  async run(ctx, { args, flags }): Promise<ChatMessage> {
    return (await ctx.client()).chat.send(args.officeId, args.agentName, args.text, { fromAgent: flags.fromAgent, taskId: flags.task });
  },
  render: (m, { args }) => ({
    status: `Sent to ${m.agentName} (message ${m.id}); their conversation: mi chat messages ${args.officeId} ${m.agentName}\n`,
  }),
});

export const directMessages = command({
  name: "chat messages",
  summary: "Show an agent's direct conversation, oldest first",
  examples: ["mi chat messages --colony <colonyId> analyst", "mi chat messages <colonyId> analyst --peer reviewer --limit 20"],
  args: { officeId: arg.office(), agentName: AGENT_NAME },
  flags: {
    peer: flag.string({ summary: "The conversation with this other agent (default: the one with the operators)", value: "agent" }),
    ...LIST_FLAGS,
  },
  json: CHAT_MESSAGE_FIELDS,
  async run(ctx, { args, flags }): Promise<ChatMessage[]> {
    return (await ctx.client()).chat.messages(args.officeId, args.agentName, {
      peerAgent: flags.peer,
      limit: flags.limit,
      sinceId: flags.sinceId,
    });
  },
  render: (messages) => (messages.length === 0 ? { status: "No messages.\n" } : { data: messages.map(messageLine).join("") }),
});

export const sendGroupMessage = command({
  name: "chat group",
  summary: "Send a message to the office group chat",
  examples: ['mi chat group --colony <colonyId> "Standup in 5 minutes"'],
  args: { officeId: arg.office(), text: TEXT },
  flags: SEND_FLAGS,
  json: CHAT_MESSAGE_FIELDS,
  async run(ctx, { args, flags }): Promise<ChatMessage> {
    return (await ctx.client()).chat.sendGroup(args.officeId, args.text, { fromAgent: flags.fromAgent, taskId: flags.task });
  },
  render: (m) => ({ status: `Sent to the group chat (message ${m.id})\n` }),
});

export const groupMessages = command({
  name: "chat group-messages",
  summary: "Show the office group chat, oldest first",
  examples: ["mi chat group-messages --colony <colonyId>", "mi chat group-messages --colony <colonyId> --since-id 41 --json"],
  args: { officeId: arg.office() },
  flags: LIST_FLAGS,
  json: CHAT_MESSAGE_FIELDS,
  async run(ctx, { args, flags }): Promise<ChatMessage[]> {
    return (await ctx.client()).chat.groupMessages(args.officeId, flags);
  },
  render: (messages) => (messages.length === 0 ? { status: "No messages.\n" } : { data: messages.map(messageLine).join("") }),
});

export const watchMessages = command({
  name: "chat watch",
  summary: "Print new chat messages as they are sent, one per line, until interrupted",
  description: "With --json, each message is one line of JSON (JSON Lines). Ctrl-C stops with exit code 0.",
  examples: ["mi chat watch --colony <colonyId>", "mi chat watch --colony <colonyId> --agent analyst --since-id 0"],
  args: { officeId: arg.office() },
  flags: {
    channel: flag.enum(["direct", "group"] as const, { summary: "Only direct or only group messages" }),
    agent: flag.string({ summary: "Only this agent's conversations (and the group chat)", value: "agent" }),
    sinceId: flag.integer({ summary: "First print the stored messages after this id", ...SINCE_ID }),
  },
  json: CHAT_MESSAGE_FIELDS,
  async run(ctx, { args, flags, json }): Promise<void> {
    const client = await ctx.client();
    await untilInterrupted(ctx.io.stdout, async (signal) => {
      ctx.status(`Watching the chat of office ${args.officeId}; press Ctrl-C to stop.`);
      const messages = client.chat.subscribe(args.officeId, {
        channel: flags.channel,
        agentName: flags.agent,
        sinceId: flags.sinceId,
        signal,
        onReconnect: ({ error, delayMs }) =>
          ctx.status(`Connection lost (${error?.message ?? "closed by the server"}); reconnecting in ${(delayMs / 1000).toFixed(1)} s`),
      });
      for await (const m of messages) ctx.io.stdout.write(watchLine(m, json));
    });
  },
});

/** One message for people: `<time>  <where>  <sender>: <text>`. */
function messageLine(m: ChatMessage): string {
  const where = m.channel === "group" ? "group" : m.peerAgent ? `${m.agentName}<->${m.peerAgent}` : m.agentName;
  const task = m.taskId === undefined ? "" : ` [task ${m.taskId}]`;
  return `${m.createdAt}  #${m.id}  ${where}  ${m.sender}: ${m.text}${task}\n`;
}

function watchLine(m: ChatMessage, json: JsonSelection | undefined): string {
  return json === undefined ? messageLine(m) : `${JSON.stringify(selectFields(m, json.fields))}\n`;
}
