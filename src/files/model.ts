/**
 * The shared drive's model, owned by the domain: the words, the records the store returns and
 * the store port. Paths are relative to the drive root ("reports/summary.md").
 */

/** What happened to a path, as the change log says it; held to the proto enum by a unit test. */
export const FILE_CHANGE_TYPES = ["created", "updated", "deleted"] as const;
export type FileChangeTypeName = (typeof FILE_CHANGE_TYPES)[number];

/** A file's metadata. */
export interface FileRecord {
  path: string;
  sizeBytes: number;
  contentType: string;
  sha256: string;
  createdAt: Date;
  modifiedAt: Date;
  modifiedBy: string;
}

/** A file as stored: its metadata and the object holding its bytes. */
export interface StoredFile extends FileRecord {
  blobKey: string;
}

/** One entry of the change log. */
export interface FileChangeRecord {
  id: number;
  type: FileChangeTypeName;
  path: string;
  /** The file after the change; null for deletions. */
  file: FileRecord | null;
  changedBy: string;
  changedAt: Date;
}

/** What the domain needs from storage. Every method is scoped to one office. */
export interface FileStore {
  get(officeId: string, path: string): Promise<StoredFile | undefined>;
  /** The files among `paths` that exist. */
  getMany(officeId: string, paths: string[]): Promise<StoredFile[]>;
  /** Files in path order after `after`, `limit` of them, under `prefix`. */
  list(officeId: string, prefix: string, limit: number, after?: string): Promise<FileRecord[]>;
  /**
   * Points `file.path` at its new object and logs the change, in one transaction. Returns the
   * object the path held before (to delete once committed), or undefined for a new file.
   */
  put(officeId: string, file: StoredFile): Promise<{ replaced?: string; created: boolean }>;
  /** Removes the path and logs it; returns the object it held, or undefined when there was no file. */
  delete(officeId: string, path: string, by: string, at: Date): Promise<string | undefined>;
  /** Changes after `sinceId`, oldest first. */
  changes(officeId: string, sinceId: number, limit: number): Promise<FileChangeRecord[]>;
  /** Which of `blobKeys` some file of the office points at. */
  referenced(officeId: string, blobKeys: string[]): Promise<Set<string>>;
}
