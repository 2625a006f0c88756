/**
 * A 2 GiB file through the server and back (gRPC client streaming in, server streaming out),
 * with the run's object store behind it. The server runs as its own process, so its resident
 * memory is measured alone: it grows by a few parts in flight, never by the file.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FileService } from "../gen/ts/mitosis/v1/file_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { generatedSha256 } from "./blob-streams.js";
import { clientFor } from "./support/clients.js";
import { createTestDatabase } from "./support/postgres.js";
import { uploadMessages, watchRss } from "./support/file-transfer.js";
import { type ServerProcess, spawnServer } from "./support/server-process.js";
import { s3EnvFor } from "./support/server.js";

const SIZE = 2 * 2 ** 30;
const CHUNK = 2 ** 20;
const MiB = 2 ** 20;

let server: ServerProcess;
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  const database = await createTestDatabase(process.env.MI_TEST_DATABASE_URL!);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-test-large-"));
  cleanups.push(
    () => database.drop(),
    () => rm(dataDir, { recursive: true, force: true }),
  );
  server = await spawnServer({ DATABASE_URL: database.url, MI_DATA_DIR: dataDir, MI_AGENT_WARM_POOL: "0", ...s3EnvFor(dataDir) });
  cleanups.push(() => server.stop());
}, 120_000);
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

it("moves 2 GiB in and out while the server's memory stays bounded", async () => {
  const key = await server.adminKey();
  const officeId = (await clientFor(OfficeService, server.url, key).createOffice({ name: "big" })).office!.id;
  const files = clientFor(FileService, server.url, key, "grpc");
  const baseline = await server.rss();
  const stopWatching = watchRss(server);
  const started = performance.now();
  const { file } = await files.uploadFile(
    uploadMessages({ officeId, path: "big/2gib.bin", contentType: "", sizeBytes: BigInt(SIZE), sha256: generatedSha256(SIZE) }, SIZE),
  );
  const uploaded = performance.now();
  expect(file).toMatchObject({ sizeBytes: BigInt(SIZE), sha256: generatedSha256(SIZE) });

  const hash = createHash("sha256");
  let size = 0;
  for await (const res of files.downloadFile({ officeId, path: "big/2gib.bin" })) {
    if (res.part.case !== "chunk") continue;
    expect(res.part.value.byteLength).toBeLessThanOrEqual(CHUNK);
    hash.update(res.part.value);
    size += res.part.value.byteLength;
  }
  const peak = await stopWatching();
  expect({ size, sha256: hash.digest("hex") }).toEqual({ size: SIZE, sha256: generatedSha256(SIZE) });
  const growth = (peak - baseline) / MiB;
  const seconds = (t: number) => (t / 1000).toFixed(1);
  console.info(
    `2 GiB through the server: upload ${seconds(uploaded - started)} s, download ${seconds(performance.now() - uploaded)} s; ` +
      `server RSS ${(baseline / MiB).toFixed(0)} MiB before, peak growth ${growth.toFixed(1)} MiB`,
  );
  // Live data is one 8 MiB part on its way to the store and a few 1 MiB messages; RSS also
  // keeps what the allocator and V8 hold on to after 2,048 such messages are freed (130 to 165
  // MiB seen). Holding the file would put it past 2,048 MiB.
  expect(growth).toBeLessThan(256);
}, 600_000);
