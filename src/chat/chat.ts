import { setTimeout as sleep } from "node:timers/promises";
import type { Clock } from "../domain/clock.js";
import type { OfficeWakeups } from "../domain/office-wakeups.js";
import type { OfficeScope } from "../domain/office-scope.js";
import { decodePageToken, encodePageToken, type Page, type PageKey } from "../domain/paging.js";
import { actingAgent, actorOf } from "../domain/principal.js";
import { fail } from "../errors.js";
import type { ChatChannelName, ChatMessageRecord, ChatStore, Conversation, MessageQuery } from "./model.js";

/** What a send asks for. */
export interface SendInput {
  text: string;
  /** The sending agent, for an operator acting for one; "" means the caller. */
  fromAgent: string;
  taskNumber?: number;
}

/** What a listing asks for: the docs' `limit`, a page token, or the last id seen. */
export interface ListInput {
  pageSize: number;
  pageToken: string;
  sinceId: number;
}

/** Which new messages a subscriber wants. */
export interface SubscribeInput {
  channel?: ChatChannelName;
  /** Only this agent's direct conversations (and the group chat, unless `channel` is direct). */
  agentName: string;
  /** Replay what came after this id first; undefined: only messages sent from now on. */
  sinceId?: number;
  signal: AbortSignal;
}

/** The agent a request reads as, whose view is its own conversations and the group chat; undefined for operators (everything). */
function agentReading(scope: OfficeScope): string | undefined {
  return scope.principal.kind === "agent" ? scope.principal.agentName : undefined;
}

/** Messages per page when the request names no size (the docs' default `limit`). */
const DEFAULT_PAGE_SIZE = 50;

/** A page token continues a listing: towards older messages, or (after a since_id) newer ones. */
type Cursor = { before: number } | { after: number };
const BY_CURSOR: Pick<PageKey<unknown, Cursor>, "parse"> = {
  parse(v) {
    const c = v as { before?: unknown; after?: unknown };
    if (Number.isSafeInteger(c?.before)) return { before: c.before as number };
    if (Number.isSafeInteger(c?.after)) return { after: c.after as number };
    return undefined;
  },
};

/**
 * The office chat: direct conversations (an agent with the operators, or two agents) and the
 * group chat. Operators read and write everything of their office; an agent writes as itself and
 * reads only its own conversations and the group chat.
 */
export class Chat {
  constructor(
    private readonly store: ChatStore,
    private readonly clock: Clock,
    /** Woken when a message is stored in an office, by any replica (LISTEN/NOTIFY); only polling without. */
    private readonly wakeups?: OfficeWakeups,
    /** How often a subscriber looks anyway, in case a wake-up was missed (the listener reconnecting). */
    private readonly pollMs = 5_000,
  ) {}

  /**
   * A message into `agentName`'s direct conversation: from an operator, or the agent's reply to
   * them; from another agent, it goes into the two agents' conversation.
   */
  async sendDirect(scope: OfficeScope, agentName: string, input: SendInput): Promise<ChatMessageRecord> {
    const from = actingAgent(scope.principal, input.fromAgent);
    await this.mustExist(scope, agentName);
    if (from && from !== agentName) await this.mustExist(scope, from);
    const peerAgent = from && from !== agentName ? from : "";
    return this.add(scope, { channel: "direct", agentName, peerAgent, ...input });
  }

  async sendGroup(scope: OfficeScope, input: SendInput): Promise<ChatMessageRecord> {
    const from = actingAgent(scope.principal, input.fromAgent);
    if (from) await this.mustExist(scope, from);
    return this.add(scope, { channel: "group", agentName: "", peerAgent: "", ...input });
  }

  /** One direct conversation, oldest first: the newest page, older pages by token, or what came after `sinceId`. */
  listDirect(scope: OfficeScope, conversation: Conversation, page: ListInput): Promise<Page<ChatMessageRecord>> {
    const me = agentReading(scope);
    if (me && me !== conversation.agentName && me !== conversation.peerAgent) {
      throw fail.forbidden(
        `agent ${me} may read only its own conversations and the group chat, not ${conversation.agentName}'s${conversation.peerAgent ? ` with ${conversation.peerAgent}` : ""}`,
      );
    }
    return this.page(scope, { channel: "direct", conversation }, page);
  }

  listGroup(scope: OfficeScope, page: ListInput): Promise<Page<ChatMessageRecord>> {
    return this.page(scope, { channel: "group" }, page);
  }

  /** Messages as they are sent, oldest first; `undefined` now and then while nothing is (a keep-alive). */
  async *subscribe(scope: OfficeScope, input: SubscribeInput, keepAliveMs: number): AsyncGenerator<ChatMessageRecord | undefined> {
    const me = agentReading(scope);
    if (me && input.agentName && input.agentName !== me) {
      throw fail.forbidden(`agent ${me} may follow only its own conversations and the group chat, not ${input.agentName}'s`);
    }
    const query = { channel: input.channel, visibleTo: me ?? (input.agentName || undefined) };
    // Subscribed before the first read, so no message stored in between goes unnoticed.
    const subscription = this.wakeups?.subscribe(scope.officeId);
    try {
      let after = input.sinceId ?? (await this.store.messages(scope.officeId, { newestFirst: true, limit: 1 }))[0]?.id ?? 0;
      let quietSince = Date.now();
      while (!input.signal.aborted) {
        const found = await this.store.messages(scope.officeId, { ...query, after, limit: 500 });
        for (const m of found) yield m;
        after = found.at(-1)?.id ?? after;
        if (found.length > 0) quietSince = Date.now();
        else if (Date.now() - quietSince >= keepAliveMs) {
          quietSince = Date.now();
          yield undefined;
        }
        if (found.length === 500) continue;
        if (subscription) await subscription.wait(this.pollMs, input.signal);
        else await sleep(this.pollMs, undefined, { signal: input.signal }).catch(() => {});
      }
    } finally {
      subscription?.close();
    }
  }

  /** The messages that name task `taskNumber` and the caller may read, oldest first (the task's detail). */
  linked(scope: OfficeScope, taskNumber: number, limit: number): Promise<ChatMessageRecord[]> {
    const visibleTo = agentReading(scope);
    return this.store.messages(scope.officeId, { taskNumber, visibleTo, limit });
  }

  private async add(
    scope: OfficeScope,
    m: { channel: ChatChannelName; agentName: string; peerAgent: string } & SendInput,
  ): Promise<ChatMessageRecord> {
    const stored = await this.store.add(scope.officeId, {
      channel: m.channel,
      agentName: m.agentName,
      peerAgent: m.peerAgent,
      sender: actorOf(scope.principal, m.fromAgent),
      text: m.text,
      taskNumber: m.taskNumber ?? null,
      now: this.clock.now(),
    });
    if (!stored) throw fail.notFound(`task ${m.taskNumber} not found in office ${scope.officeId}; link the message to one of its tasks`);
    return stored;
  }

  private async page(scope: OfficeScope, query: Omit<MessageQuery, "limit">, page: ListInput): Promise<Page<ChatMessageRecord>> {
    const limit = page.pageSize || DEFAULT_PAGE_SIZE;
    const cursor: Cursor | undefined = page.pageToken
      ? decodePageToken(page.pageToken, BY_CURSOR)
      : page.sinceId
        ? { after: page.sinceId }
        : undefined;
    const visibleTo = agentReading(scope);
    if (cursor && "after" in cursor) {
      const rows = await this.store.messages(scope.officeId, { ...query, visibleTo, after: cursor.after, limit: limit + 1 });
      const items = rows.slice(0, limit);
      return { items, next: rows.length > limit ? encodePageToken({ after: items.at(-1)!.id }) : "" };
    }
    const rows = await this.store.messages(scope.officeId, {
      ...query,
      visibleTo,
      before: cursor?.before,
      newestFirst: true,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).reverse();
    return { items, next: rows.length > limit ? encodePageToken({ before: items[0]!.id }) : "" };
  }

  private async mustExist(scope: OfficeScope, name: string): Promise<void> {
    if (!(await this.store.agentExists(scope.officeId, name))) {
      throw fail.notFound(
        `agent ${name} not found in office ${scope.officeId}; list the office's agents with mi agents list --colony ${scope.officeId}`,
      );
    }
  }
}
