import { Migration } from "@mikro-orm/migrations";

/**
 * Interruptions: how often a worker stopped while holding a task (a lease ran out, or the worker
 * was stopped and gave it back). They use none of the task's attempts, which count only sessions
 * that ended without finishing; a task interrupted too often fails all the same.
 */
export class Migration20261127000009 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table task add column interruptions integer not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table task drop column interruptions;`);
  }
}
