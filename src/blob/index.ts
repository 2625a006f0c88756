/**
 * Blob store wiring: picks MinIO when an endpoint is configured, else the
 * embedded local-fs store under the data directory.
 */
import { join } from "node:path";
import type { BlobStore } from "./blob-store.js";
import { createLocalFsBlobStore } from "./local-fs.js";
import { createMinioBlobStore, type MinioConfig } from "./minio.js";

export type * from "./blob-store.js";
export { BlobNotFoundError, BlobSizeMismatchError, InvalidBlobKeyError } from "./errors.js";
export { assertValidKey, assertValidPrefix, compareKeys, MAX_KEY_BYTES } from "./keys.js";
export { createLocalFsBlobStore } from "./local-fs.js";
export { createMinioBlobStore, type MinioConfig } from "./minio.js";

/** The part of the server config the blob store reads. */
export interface BlobStoreConfig {
  /** The server's data directory; local-fs keeps objects in `<dataDir>/blobs`. */
  dataDir: string;
  /** MinIO/S3 settings; used when `endpoint` is set. */
  minio?: MinioConfig;
}

/**
 * Opens the configured blob store (creating the bucket or directory if
 * missing). Its `description` is one line for the start-up log, e.g.
 * `blob store: minio http://127.0.0.1:9000 bucket mitosis`.
 */
export async function createBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  if (config.minio?.endpoint) return createMinioBlobStore(config.minio);
  return createLocalFsBlobStore(join(config.dataDir, "blobs"));
}
