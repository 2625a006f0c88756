/**
 * The MinIO (S3) blob store: every object of every office in one bucket.
 * Uploads stream through minio-upload.ts; downloads hand back the HTTP
 * response stream; listings page through ListObjects 1,000 keys at a time
 * (s3-list.ts).
 */
import * as http from "node:http";
import * as https from "node:https";
import type { IncomingMessage } from "node:http";
import { Client } from "minio";
import type { BlobBody, BlobInfo, BlobListEntry, BlobObject, BlobStore, ListOptions, PutOptions, PutResult } from "./blob-store.js";
import { bodyChunks, discardBody, sizedChunks } from "./body.js";
import { BlobNotFoundError } from "./errors.js";
import { assertValidFolderPrefix, assertValidKey, assertValidPrefix } from "./keys.js";
import { uploadObject } from "./minio-upload.js";
import { listPage } from "./s3-list.js";

/** Where the MinIO (or other S3) server is and which bucket holds our objects. */
export interface MinioConfig {
  /** Server URL, e.g. `http://127.0.0.1:9000` (https for TLS). */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  /** Bucket region; default `us-east-1` (MinIO's default). */
  region?: string;
}

const DEFAULT_CONTENT_TYPE = "application/octet-stream";
const PAGE_KEYS = 1000; // the most S3 returns or deletes per request

/** Connects to MinIO and creates the bucket if it is missing. */
export async function createMinioBlobStore(config: MinioConfig): Promise<BlobStore> {
  const url = new URL(config.endpoint);
  const secure = url.protocol === "https:";
  // Our own keep-alive agent, so close() can release its sockets.
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const region = config.region ?? "us-east-1";
  const client = new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    useSSL: secure,
    accessKey: config.accessKey,
    secretKey: config.secretKey,
    region,
    pathStyle: true,
    transportAgent: agent,
  });
  try {
    await ensureBucket(client, config.bucket, region);
  } catch (err) {
    agent.destroy();
    throw err;
  }
  return new MinioBlobStore(client, agent, config.bucket, `blob store: minio ${url.origin} bucket ${config.bucket}`);
}

async function ensureBucket(client: Client, bucket: string, region: string): Promise<void> {
  if (await client.bucketExists(bucket)) return;
  try {
    await client.makeBucket(bucket, region);
  } catch (err) {
    // Another replica may have created it between our check and our create.
    if (s3Code(err) !== "BucketAlreadyOwnedByYou" && s3Code(err) !== "BucketAlreadyExists") throw err;
  }
}

function s3Code(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err ? String(err.code) : undefined;
}

/** Translates "no such object" (GET says NoSuchKey, HEAD says NotFound) into BlobNotFoundError. */
function notFoundAs(key: string, err: unknown): unknown {
  const code = s3Code(err);
  return code === "NoSuchKey" || code === "NotFound" ? new BlobNotFoundError(key) : err;
}

function unquote(etag: string | undefined): string {
  return (etag ?? "").replace(/^"|"$/g, "");
}

type DeleteError = { Code?: string; Message?: string; Key?: string };
type DeleteFailure = DeleteError & { Error?: DeleteError };

class MinioBlobStore implements BlobStore {
  constructor(
    private readonly client: Client,
    private readonly agent: http.Agent,
    private readonly bucket: string,
    readonly description: string,
  ) {}

  async put(key: string, body: BlobBody, opts: PutOptions = {}): Promise<PutResult> {
    try {
      assertValidKey(key);
    } catch (err) {
      discardBody(body);
      throw err;
    }
    const chunks = sizedChunks(key, bodyChunks(body), opts.size);
    const contentType = opts.contentType ?? DEFAULT_CONTENT_TYPE;
    const { etag, size } = await uploadObject(this.client, this.bucket, key, chunks, contentType, opts.size);
    return { key, size, etag };
  }

  async get(key: string): Promise<BlobObject> {
    assertValidKey(key);
    let res: IncomingMessage;
    try {
      // getObject resolves to the HTTP response itself: metadata from its
      // headers and the bytes of the same version, with no second request.
      res = (await this.client.getObject(this.bucket, key)) as IncomingMessage;
    } catch (err) {
      throw notFoundAs(key, err);
    }
    const h = res.headers;
    return {
      key,
      size: Number(h["content-length"]),
      contentType: h["content-type"] ?? DEFAULT_CONTENT_TYPE,
      etag: unquote(h.etag),
      lastModified: new Date(h["last-modified"] ?? 0),
      body: res,
    };
  }

  async stat(key: string): Promise<BlobInfo> {
    assertValidKey(key);
    try {
      const s = await this.client.statObject(this.bucket, key);
      const contentType = (s.metaData as Record<string, string | undefined>)["content-type"];
      return { key, size: s.size, contentType: contentType ?? DEFAULT_CONTENT_TYPE, etag: unquote(s.etag), lastModified: s.lastModified };
    } catch (err) {
      throw notFoundAs(key, err);
    }
  }

  async *list(prefix: string, opts: ListOptions = {}): AsyncGenerator<BlobListEntry> {
    assertValidPrefix(prefix);
    let marker = opts.startAfter ?? "";
    let remaining = opts.limit ?? Infinity;
    while (remaining > 0) {
      // Our own ListObjects (v1) request and parser: see s3-list.ts for what the client's gets wrong.
      const page = await listPage(this.client, this.bucket, prefix, marker, Math.min(PAGE_KEYS, remaining));
      for (const entry of page.entries) {
        yield entry;
        marker = entry.key;
        if (--remaining <= 0) return;
      }
      if (!page.isTruncated || page.entries.length === 0) return;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      await this.client.removeObject(this.bucket, key);
    } catch (err) {
      if (!(notFoundAs(key, err) instanceof BlobNotFoundError)) throw err;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertValidFolderPrefix(prefix);
    let removed = 0;
    let batch: string[] = [];
    const flush = async () => {
      // In quiet mode the server answers only with failures; the client hands
      // them back as the <Error> elements themselves despite its typings.
      const failures = (await this.client.removeObjects(this.bucket, batch)).filter(Boolean) as DeleteFailure[];
      if (failures.length > 0) {
        const first = failures[0]!.Error ?? failures[0]!;
        throw new Error(
          `blob store: could not delete ${failures.length} object(s) under ${JSON.stringify(prefix)}: ${first.Code} ${first.Message} (${first.Key})`,
        );
      }
      removed += batch.length;
      batch = [];
    };
    // Listing continues from the last key seen, so deleting behind it is safe.
    for await (const entry of this.list(prefix)) {
      batch.push(entry.key);
      if (batch.length === PAGE_KEYS) await flush();
    }
    if (batch.length > 0) await flush();
    return removed;
  }

  async ping(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) throw new Error(`bucket ${this.bucket} does not exist`);
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
