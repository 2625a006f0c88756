import { ChatService } from "../../gen/ts/mitosis/v1/chat_pb.js";
import { Chat } from "../chat/chat.js";
import { chatHandlers } from "../chat/handlers.js";
import { CHAT_CHANNEL, PgChatStore } from "../chat/store.js";
import { OfficeListener } from "../store/office-listener.js";
import type { TaskMessages } from "../tasks/model.js";
import type { Feature, FeatureContext } from "./feature.js";

/**
 * The tasks domain's port for a task's linked messages, answered by the chat (built from the
 * context like the other cross-feature ports).
 */
export function taskMessages({ pool, clock }: FeatureContext): TaskMessages {
  const chat = new Chat(new PgChatStore(pool), clock);
  return { linked: (scope, taskNumber, limit) => chat.linked(scope, taskNumber, limit) };
}

/** The office chat: direct conversations and the group chat, kept in Postgres; subscribers woken by LISTEN/NOTIFY. */
export const chatFeature: Feature = {
  name: "chat",
  services: [ChatService],
  async install({ pool, clock, draining, databaseUrl, log, config }) {
    const listener = new OfficeListener(databaseUrl, CHAT_CHANNEL, "chat listener", log);
    await listener.start();
    const chat = new Chat(new PgChatStore(pool), clock, listener, config.chatRecheckMs);
    return {
      register: (router) => router.service(ChatService, chatHandlers(chat, draining)),
      stop: () => listener.close(),
    };
  },
};
