import type pg from "pg";
import { dateOf, inTransaction } from "../store/sql.js";
import type { FileChangeRecord, FileChangeTypeName, FileRecord, FileStore, StoredFile } from "./model.js";

/**
 * The drive's metadata and change log in Postgres (hand-written SQL on the ORM's pool). A write
 * or delete locks the path's row, switches it and appends the change in one transaction, so the
 * log's order is the order the writes took effect in.
 */
export class PgFileStore implements FileStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(officeId: string, path: string): Promise<StoredFile | undefined> {
    const res = await this.pool.query(`select * from drive_file where office_id = $1 and path = $2`, [officeId, path]);
    return res.rows[0] ? fileFromRow(res.rows[0]) : undefined;
  }

  async referenced(officeId: string, blobKeys: string[]): Promise<Set<string>> {
    const res = await this.pool.query(`select blob_key from drive_file where office_id = $1 and blob_key = any($2::text[])`, [
      officeId,
      blobKeys,
    ]);
    return new Set(res.rows.map((r) => r.blob_key as string));
  }

  async getMany(officeId: string, paths: string[]): Promise<StoredFile[]> {
    const res = await this.pool.query(`select * from drive_file where office_id = $1 and path = any($2::text[])`, [officeId, paths]);
    return res.rows.map(fileFromRow);
  }

  async list(officeId: string, prefix: string, limit: number, after?: string): Promise<FileRecord[]> {
    // Paths compare as bytes (collate "C"), so pages follow one order whatever the database's locale.
    const res = await this.pool.query(
      `select * from drive_file
       where office_id = $1 and starts_with(path, $2) and ($3::text is null or path collate "C" > $3 collate "C")
       order by path collate "C" limit $4`,
      [officeId, prefix, after ?? null, limit],
    );
    return res.rows.map(fileFromRow).map(({ blobKey: _k, ...file }) => file);
  }

  put(officeId: string, file: StoredFile): Promise<{ replaced?: string; created: boolean }> {
    return inTransaction(this.pool, async (client) => {
      const before = await client.query(`select blob_key, created_at from drive_file where office_id = $1 and path = $2 for update`, [
        officeId,
        file.path,
      ]);
      const previous = before.rows[0] as { blob_key: string; created_at: unknown } | undefined;
      const createdAt = previous ? dateOf(previous.created_at) : file.createdAt;
      await client.query(
        `insert into drive_file (office_id, path, blob_key, size_bytes, content_type, sha256, created_at, modified_at, modified_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (office_id, path) do update set blob_key = excluded.blob_key, size_bytes = excluded.size_bytes,
           content_type = excluded.content_type, sha256 = excluded.sha256, modified_at = excluded.modified_at,
           modified_by = excluded.modified_by`,
        [officeId, file.path, file.blobKey, file.sizeBytes, file.contentType, file.sha256, createdAt, file.modifiedAt, file.modifiedBy],
      );
      const type: FileChangeTypeName = previous ? "updated" : "created";
      const { blobKey: _key, ...metadata } = { ...file, createdAt };
      await client.query(`insert into drive_change (office_id, type, path, file, changed_by, changed_at) values ($1, $2, $3, $4, $5, $6)`, [
        officeId,
        type,
        file.path,
        JSON.stringify(metadata),
        file.modifiedBy,
        file.modifiedAt,
      ]);
      return { replaced: previous?.blob_key, created: !previous };
    });
  }

  delete(officeId: string, path: string, by: string, at: Date): Promise<string | undefined> {
    return inTransaction(this.pool, async (client) => {
      const res = await client.query(`delete from drive_file where office_id = $1 and path = $2 returning blob_key`, [officeId, path]);
      const key = res.rows[0]?.blob_key as string | undefined;
      if (key === undefined) return undefined;
      await client.query(
        `insert into drive_change (office_id, type, path, file, changed_by, changed_at) values ($1, 'deleted', $2, null, $3, $4)`,
        [officeId, path, by, at],
      );
      return key;
    });
  }

  async changes(officeId: string, sinceId: number, limit: number): Promise<FileChangeRecord[]> {
    const res = await this.pool.query(`select * from drive_change where office_id = $1 and id > $2 order by id limit $3`, [
      officeId,
      sinceId,
      limit,
    ]);
    return res.rows.map((row) => ({
      id: Number(row.id),
      type: row.type as FileChangeTypeName,
      path: row.path as string,
      file: row.file ? metadataFromJson(row.file as Record<string, unknown>) : null,
      changedBy: row.changed_by as string,
      changedAt: dateOf(row.changed_at),
    }));
  }
}

function fileFromRow(row: Record<string, unknown>): StoredFile {
  return {
    path: row.path as string,
    blobKey: row.blob_key as string,
    sizeBytes: Number(row.size_bytes),
    contentType: row.content_type as string,
    sha256: row.sha256 as string,
    createdAt: dateOf(row.created_at),
    modifiedAt: dateOf(row.modified_at),
    modifiedBy: row.modified_by as string,
  };
}

function metadataFromJson(json: Record<string, unknown>): FileRecord {
  return {
    path: json.path as string,
    sizeBytes: Number(json.sizeBytes),
    contentType: json.contentType as string,
    sha256: json.sha256 as string,
    createdAt: new Date(json.createdAt as string),
    modifiedAt: new Date(json.modifiedAt as string),
    modifiedBy: json.modifiedBy as string,
  };
}
