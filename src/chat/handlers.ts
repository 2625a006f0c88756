import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { type ChatChannel, ChatChannelSchema, ChatMessageSchema, type ChatService } from "../../gen/ts/mitosis/v1/chat_pb.js";
import { enumWords } from "../enum-words.js";
import { scopeOf, timestampOrUnset } from "../rpc/context.js";
import type { Chat } from "./chat.js";
import type { ChatChannelName, ChatMessageRecord } from "./model.js";

const channels = enumWords<ChatChannel, ChatChannelName>(ChatChannelSchema);

/** How long a subscription stays silent before a keep-alive (proxies close idle streams). */
const KEEP_ALIVE_MS = 15_000;

/** The proto form of a message; also the task detail's linked messages. */
export function messageToProto(m: ChatMessageRecord) {
  return create(ChatMessageSchema, {
    id: BigInt(m.id),
    channel: channels.value(m.channel),
    agentName: m.agentName,
    peerAgent: m.peerAgent,
    sender: m.sender,
    text: m.text,
    taskId: m.taskNumber === null ? undefined : BigInt(m.taskNumber),
    createdAt: timestampOrUnset(m.createdAt),
  });
}

/** Connect handlers of mitosis.v1.ChatService: translation only, rules live in the domain. */
export function chatHandlers(chat: Chat, draining: AbortSignal): ServiceImpl<typeof ChatService> {
  const taskNumber = (id: bigint | undefined) => (id === undefined ? undefined : Number(id));
  return {
    async sendDirectMessage(req, ctx) {
      const message = await chat.sendDirect(scopeOf(ctx), req.agentName, {
        text: req.text,
        fromAgent: req.fromAgent,
        taskNumber: taskNumber(req.taskId),
      });
      return { message: messageToProto(message) };
    },
    async listDirectMessages(req, ctx) {
      const page = await chat.listDirect(
        scopeOf(ctx),
        { agentName: req.agentName, peerAgent: req.peerAgent },
        { pageSize: req.pageSize, pageToken: req.pageToken, sinceId: Number(req.sinceId) },
      );
      return { messages: page.items.map(messageToProto), nextPageToken: page.next };
    },
    async sendGroupMessage(req, ctx) {
      const message = await chat.sendGroup(scopeOf(ctx), { text: req.text, fromAgent: req.fromAgent, taskNumber: taskNumber(req.taskId) });
      return { message: messageToProto(message) };
    },
    async listGroupMessages(req, ctx) {
      const page = await chat.listGroup(scopeOf(ctx), { pageSize: req.pageSize, pageToken: req.pageToken, sinceId: Number(req.sinceId) });
      return { messages: page.items.map(messageToProto), nextPageToken: page.next };
    },
    async *subscribeMessages(req, ctx) {
      // Ends when the client leaves or the server shuts down (the stream then closes cleanly).
      const signal = AbortSignal.any([ctx.signal, draining]);
      const input = {
        channel: channels.word(req.channel),
        agentName: req.agentName,
        sinceId: req.sinceId === undefined ? undefined : Number(req.sinceId),
        signal,
      };
      for await (const m of chat.subscribe(scopeOf(ctx), input, KEEP_ALIVE_MS)) {
        yield m === undefined ? {} : { message: messageToProto(m) };
      }
    },
  };
}
