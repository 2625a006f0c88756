/**
 * The chat model, owned by the domain: an office's messages, direct and group, and the store
 * port. A direct conversation is one agent's with the office's operators (`peerAgent` empty) or
 * with one other agent; every agent of the office and its operators share the group chat.
 */

/** Which kind of conversation a message belongs to; held to the proto enum by a unit test. */
export const CHAT_CHANNELS = ["direct", "group"] as const;
export type ChatChannelName = (typeof CHAT_CHANNELS)[number];

/** A message as stored. */
export interface ChatMessageRecord {
  id: number;
  channel: ChatChannelName;
  /** For direct messages: the agent whose conversation it is (the recipient of an agent's message). */
  agentName: string;
  /** For agent-to-agent messages: the other agent (the sender); "" in a conversation with the operators. */
  peerAgent: string;
  /** An agent name, "operator:<account id>" or "system:<component>". */
  sender: string;
  text: string;
  taskNumber: number | null;
  createdAt: Date;
}

/** A message to store. */
export type NewChatMessage = Omit<ChatMessageRecord, "id" | "createdAt"> & { now: Date };

/** One direct conversation: an agent with the operators (peer "") or with another agent. */
export interface Conversation {
  agentName: string;
  peerAgent: string;
}

/** Which messages a read wants; `after` and `before` are message ids. */
export interface MessageQuery {
  channel?: ChatChannelName;
  /** Only this conversation (both directions of an agent-to-agent one). */
  conversation?: Conversation;
  /** Only messages that name this task. */
  taskNumber?: number;
  /** Only what this agent may read: its conversations and the group chat. */
  visibleTo?: string;
  after?: number;
  before?: number;
  /** Newest first (a page of the latest messages) rather than oldest first. */
  newestFirst?: boolean;
  limit: number;
}

/** What the domain needs from storage. Every method is scoped to one office. */
export interface ChatStore {
  /** Stores the message; undefined when `taskNumber` names no task of the office. */
  add(officeId: string, message: NewChatMessage): Promise<ChatMessageRecord | undefined>;
  messages(officeId: string, query: MessageQuery): Promise<ChatMessageRecord[]>;
  /** Whether the office has a live agent of this name. */
  agentExists(officeId: string, name: string): Promise<boolean>;
}
