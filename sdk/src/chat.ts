/**
 * `client.chat`: the office chat (docs: "client.chat.send(colonyId, agentName, message)",
 * `messages`, `sendGroup`, `groupMessages`). A direct conversation is one agent's with the
 * office's operators, or two agents'; every agent and operator of the office shares the group
 * chat. An agent (a client signing as one) writes as itself and reads its own conversations and
 * the group. Sends are not repeated (a retry could post twice); reads are retried.
 */
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { ChatChannelSchema, ChatService } from "../../gen/ts/mitosis/v1/chat_pb.js";
import { agentName } from "./agent-mapping.js";
import { call } from "./errors.js";
import { enumFromWord, wholeNumber } from "./input.js";
import { required } from "./mapping.js";
import { toChatMessage } from "./task-mapping.js";
import type { ChatMessage } from "./task-types.js";
import { type ReconnectInfo, resumableStream } from "./task-watch.js";

/** Options of a send. */
export interface SendMessageOptions {
  /** The sending agent, for an operator acting for one; an agent may only name itself. */
  fromAgent?: string;
  /** The task the message is about (its number): it shows in the task's detail. */
  taskId?: number;
}

/** Options of a listing: the newest `limit` messages, or those after `sinceId`. */
export interface ListMessagesOptions {
  /** At most this many, 1 to 1000 (default 50). */
  limit?: number;
  /** Only messages after this id (the last one you saw), oldest first. */
  sinceId?: number;
}

/** Options of {@link ChatClient.messages}. */
export interface DirectMessagesOptions extends ListMessagesOptions {
  /** The other agent of an agent-to-agent conversation; absent: the agent's conversation with the operators. */
  peerAgent?: string;
}

/** Options of {@link ChatClient.subscribe}. */
export interface SubscribeOptions {
  /** Only `direct` or only `group` messages; default both. */
  channel?: "direct" | "group";
  /** Only this agent's direct conversations (and the group chat, unless `channel` is direct). */
  agentName?: string;
  /** Replay the messages after this id first; absent: only messages sent from now on. */
  sinceId?: number;
  /** Ends the subscription when aborted. */
  signal?: AbortSignal;
  /** Called before each reconnect after a dropped connection. */
  onReconnect?: (info: ReconnectInfo) => void;
}

/** Sub-client for the office chat; reach it as `client.chat`. */
export class ChatClient {
  private readonly rpc: Client<typeof ChatService>;

  /** Use `client.chat` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(ChatService, transport);
  }

  /** Sends `message` into `name`'s direct conversation (from an operator, or from another agent to it). */
  async send(colonyId: string, name: string, message: string, options: SendMessageOptions = {}): Promise<ChatMessage> {
    const res = await call(() =>
      this.rpc.sendDirectMessage({
        officeId: colonyId,
        agentName: agentName(name, "agentName"),
        text: message,
        fromAgent: options.fromAgent ?? "",
        taskId: taskId(options.taskId),
      }),
    );
    return toChatMessage(required(res.message, "message"));
  }

  /** `name`'s direct conversation, oldest first: the newest `limit` messages, or those after `sinceId`. */
  async messages(colonyId: string, name: string, options: DirectMessagesOptions = {}): Promise<ChatMessage[]> {
    const res = await call(() =>
      this.rpc.listDirectMessages({
        officeId: colonyId,
        agentName: agentName(name, "agentName"),
        peerAgent: options.peerAgent ?? "",
        ...page(options),
      }),
    );
    return res.messages.map(toChatMessage);
  }

  /** Sends `message` to the office group chat. */
  async sendGroup(colonyId: string, message: string, options: SendMessageOptions = {}): Promise<ChatMessage> {
    const res = await call(() =>
      this.rpc.sendGroupMessage({ officeId: colonyId, text: message, fromAgent: options.fromAgent ?? "", taskId: taskId(options.taskId) }),
    );
    return toChatMessage(required(res.message, "message"));
  }

  /** The group chat, oldest first: the newest `limit` messages, or those after `sinceId`. */
  async groupMessages(colonyId: string, options: ListMessagesOptions = {}): Promise<ChatMessage[]> {
    const res = await call(() => this.rpc.listGroupMessages({ officeId: colonyId, ...page(options) }));
    return res.messages.map(toChatMessage);
  }

  /** New messages as they are sent, in order; reconnects after a dropped connection without repeating one. */
  subscribe(colonyId: string, options: SubscribeOptions = {}): AsyncGenerator<ChatMessage, void, undefined> {
    const channel = options.channel === undefined ? 0 : enumFromWord(ChatChannelSchema, options.channel, "channel");
    const agent = options.agentName === undefined ? "" : agentName(options.agentName, "agentName");
    const sinceId = options.sinceId === undefined ? undefined : wholeNumber(options.sinceId, "sinceId");
    const rpc = this.rpc;
    async function* open(resumeAfter: number | undefined, signal: AbortSignal) {
      const request = {
        officeId: colonyId,
        channel,
        agentName: agent,
        sinceId: resumeAfter === undefined ? undefined : BigInt(resumeAfter),
      };
      // Keep-alives carry no message: nothing to deliver.
      for await (const res of rpc.subscribeMessages(request, { signal })) if (res.message) yield toChatMessage(res.message);
    }
    return resumableStream(open, { sinceId, signal: options.signal, onReconnect: options.onReconnect });
  }
}

function page(options: ListMessagesOptions) {
  return {
    pageSize: options.limit === undefined ? 0 : wholeNumber(options.limit, "limit", { min: 1, max: 1000 }),
    pageToken: "",
    sinceId: BigInt(options.sinceId === undefined ? 0 : wholeNumber(options.sinceId, "sinceId")),
  };
}

function taskId(id: number | undefined): bigint | undefined {
  return id === undefined ? undefined : BigInt(wholeNumber(id, "taskId", { min: 1 }));
}
