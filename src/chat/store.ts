import type pg from "pg";
import { dateOf } from "../store/sql.js";
import type { ChatChannelName, ChatMessageRecord, ChatStore, MessageQuery, NewChatMessage } from "./model.js";

/** The NOTIFY channel a stored message is announced on (its payload the office id). */
export const CHAT_CHANNEL = "mi_chat_messages";

/**
 * Chat messages in Postgres (hand-written SQL on the ORM's pool). That a linked task and a named
 * agent exist is read from their tables here, in the statement that stores the message, rather
 * than through the tasks and agents features: one statement, no window between check and write.
 */
export class PgChatStore implements ChatStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(officeId: string, m: NewChatMessage): Promise<ChatMessageRecord | undefined> {
    // Stored and announced in one statement: subscribers on every replica wake when it commits.
    const res = await this.pool.query(
      `with stored as (
         insert into chat_message (office_id, channel, agent_name, peer_agent, sender, text, task_number, created_at)
         select $1, $2, $3, $4, $5, $6, $7, $8
         where $7::bigint is null or exists (select 1 from task where office_id = $1 and number = $7)
         returning *)
       select stored.*, pg_notify('${CHAT_CHANNEL}', stored.office_id::text) from stored`,
      [officeId, m.channel, m.agentName, m.peerAgent, m.sender, m.text, m.taskNumber, m.now],
    );
    return res.rows[0] ? messageFromRow(res.rows[0]) : undefined;
  }

  async messages(officeId: string, q: MessageQuery): Promise<ChatMessageRecord[]> {
    const params: unknown[] = [officeId];
    const where = ["office_id = $1"];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (q.channel) where.push(`channel = ${param(q.channel)}`);
    if (q.conversation) {
      const { agentName, peerAgent } = q.conversation;
      where.push(
        peerAgent
          ? `channel = 'direct' and ((agent_name = ${param(agentName)} and peer_agent = ${param(peerAgent)}) or (agent_name = ${param(peerAgent)} and peer_agent = ${param(agentName)}))`
          : `channel = 'direct' and agent_name = ${param(agentName)} and peer_agent = ''`,
      );
    }
    if (q.taskNumber !== undefined) where.push(`task_number = ${param(q.taskNumber)}`);
    if (q.visibleTo) {
      const me = param(q.visibleTo);
      where.push(`(channel = 'group' or agent_name = ${me} or peer_agent = ${me})`);
    }
    if (q.after !== undefined) where.push(`id > ${param(q.after)}`);
    if (q.before !== undefined) where.push(`id < ${param(q.before)}`);
    const res = await this.pool.query(
      `select * from chat_message where ${where.join(" and ")} order by id ${q.newestFirst ? "desc" : "asc"} limit ${param(q.limit)}`,
      params,
    );
    return res.rows.map(messageFromRow);
  }

  async agentExists(officeId: string, name: string): Promise<boolean> {
    const res = await this.pool.query(`select 1 from agent where office_id = $1 and name = $2 and fired_at is null`, [officeId, name]);
    return res.rowCount === 1;
  }
}

function messageFromRow(row: Record<string, unknown>): ChatMessageRecord {
  return {
    id: Number(row.id),
    channel: row.channel as ChatChannelName,
    agentName: row.agent_name as string,
    peerAgent: row.peer_agent as string,
    sender: row.sender as string,
    text: row.text as string,
    taskNumber: row.task_number === null ? null : Number(row.task_number),
    createdAt: dateOf(row.created_at),
  };
}
