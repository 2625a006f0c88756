import { Migration } from "@mikro-orm/migrations";

/**
 * Office chat: every message, direct or group, in one table. A direct message belongs to the
 * conversation of `agent_name` with `peer_agent` (another agent) or with the office's operators
 * (`peer_agent` empty); ids increase in sending order and are the cursor of every listing, and of
 * the copy into the agents' activity feeds.
 */
export class Migration20261127000010 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table chat_message (
        id bigserial primary key,
        office_id uuid not null references office(id) on delete cascade,
        channel text not null check (channel in ('direct', 'group')),
        agent_name text not null default '',
        peer_agent text not null default '',
        sender text not null,
        text text not null,
        task_number bigint,
        created_at timestamptz not null,
        check (channel = 'direct' or (agent_name = '' and peer_agent = ''))
      );
      create index chat_message_office on chat_message (office_id, channel, id);
      create index chat_message_conversation on chat_message (office_id, agent_name, peer_agent, id) where channel = 'direct';
      create index chat_message_task on chat_message (office_id, task_number) where task_number is not null;
      -- Messages are copied into the agents' activity feeds (category chat) as task events are.
      alter table agent_activity_cursor add column last_chat_message_id bigint not null default 0;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table agent_activity_cursor drop column last_chat_message_id; drop table chat_message;`);
  }
}
