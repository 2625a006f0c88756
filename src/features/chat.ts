import { ChatService } from "../../gen/ts/mitosis/v1/chat_pb.js";
import { Chat } from "../chat/chat.js";
import { chatHandlers } from "../chat/handlers.js";
import { PgChatStore } from "../chat/store.js";
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

/** The office chat: direct conversations and the group chat, kept in Postgres. */
export const chatFeature: Feature = {
  name: "chat",
  services: [ChatService],
  async install({ pool, clock, draining }) {
    const chat = new Chat(new PgChatStore(pool), clock);
    return { register: (router) => router.service(ChatService, chatHandlers(chat, draining)) };
  },
};
