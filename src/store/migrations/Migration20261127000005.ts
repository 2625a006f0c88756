import { Migration } from "@mikro-orm/migrations";

/**
 * The shared drive: one row per file (its metadata and the object holding its bytes) and the
 * change log that `changes(since)` reads. Every write stores the bytes under a new object key
 * and switches the row to it in one transaction with its change entry, so a reader sees the old
 * file or the whole new one, and a failed or refused upload changes nothing.
 */
export class Migration20261127000005 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table drive_file (
        office_id uuid not null references office(id) on delete cascade,
        path text not null,
        blob_key text not null,
        size_bytes bigint not null check (size_bytes >= 0),
        content_type text not null,
        sha256 text not null,
        created_at timestamptz not null,
        modified_at timestamptz not null,
        modified_by text not null,
        primary key (office_id, path)
      );

      create table drive_change (
        id bigserial primary key,
        office_id uuid not null references office(id) on delete cascade,
        type text not null check (type in ('created', 'updated', 'deleted')),
        path text not null,
        file jsonb,
        changed_by text not null,
        changed_at timestamptz not null
      );
      create index drive_change_office on drive_change (office_id, id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table drive_change; drop table drive_file;`);
  }
}
