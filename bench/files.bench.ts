import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { FileService } from "../gen/ts/mitosis/v1/file_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { createBlobStore } from "../src/blob/index.js";
import { generatedBody, generatedSha256 } from "../test/blob-streams.js";
import { clientFor } from "../test/support/clients.js";
import { startMinio } from "../test/support/minio.js";
import { createTestDatabase } from "../test/support/postgres.js";
import { uploadMessages, watchRss } from "../test/support/file-transfer.js";
import { type ServerProcess, spawnServer } from "../test/support/server-process.js";
import { processCpuMs } from "./cpu.js";
import { type Measurement, report } from "./measure.js";

const MiB = 2 ** 20;

/**
 * A file of `sizeMiB` through the server (gRPC UploadFile and DownloadFile, the server as its own
 * process) against the same bytes put into and read from the S3 server directly with the same
 * client library, in the same run, with the server's peak RSS while it streams.
 */
export async function benchFiles(opts: { sizeMiB: number }): Promise<Measurement[]> {
  const size = opts.sizeMiB * MiB;
  const minio = await startMinio({ own: true });
  watched.splice(0, watched.length, { name: "S3 server", pid: minio.pid! });
  const database = await createTestDatabase(process.env.MI_TEST_DATABASE_URL!);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-bench-files-"));
  const s3 = { endpoint: minio.endpoint, accessKey: minio.accessKey, secretKey: minio.secretKey, bucket: "bench-files" };
  let server: ServerProcess | undefined;
  try {
    const direct = await createBlobStore({ dataDir, minio: { ...s3, bucket: "bench-direct" } });
    const directUp = await timed(`S3 put, ${opts.sizeMiB} MiB (baseline)`, () => direct.put("bench/file.bin", generatedBody(size)));
    const directDown = await timed(`S3 get, ${opts.sizeMiB} MiB (baseline)`, async () => {
      // Read and hash, as the client below does.
      const object = await direct.get("bench/file.bin");
      const hash = createHash("sha256");
      for await (const piece of object.body) hash.update(piece as Buffer);
      if (hash.digest("hex") !== generatedSha256(size)) throw new Error("the object read differs from the one written");
    });
    await direct.close();

    server = await spawnServer({
      DATABASE_URL: database.url,
      MI_DATA_DIR: dataDir,
      MI_AGENT_WARM_POOL: "0",
      MINIO_ENDPOINT: s3.endpoint,
      MINIO_ACCESS_KEY: s3.accessKey,
      MINIO_SECRET_KEY: s3.secretKey,
      MINIO_BUCKET: s3.bucket,
    });
    watched.push({ name: "mitosis server", pid: server.pid });
    const key = await server.adminKey();
    const officeId = (await clientFor(OfficeService, server.url, key).createOffice({ name: "bench files" })).office!.id;
    const files = createClient(
      FileService,
      createGrpcTransport({
        baseUrl: server.url,
        nodeOptions: { settings: { initialWindowSize: 4 * MiB } },
        interceptors: [
          (next) => (req) => {
            req.header.set("authorization", `Bearer ${key}`);
            return next(req);
          },
        ],
      }),
    );
    const baseline = await server.rss();
    const peak = watchRss(server);
    const up = await timed(`UploadFile through the server, ${opts.sizeMiB} MiB`, () =>
      files.uploadFile(uploadMessages({ officeId, path: "bench/file.bin", contentType: "", sizeBytes: BigInt(size), sha256: "" }, size)),
    );
    const down = await timed(`DownloadFile through the server, ${opts.sizeMiB} MiB`, async () => {
      const hash = createHash("sha256");
      for await (const res of files.downloadFile({ officeId, path: "bench/file.bin" })) {
        if (res.part.case === "chunk") hash.update(res.part.value);
      }
      if (hash.digest("hex") !== generatedSha256(size)) throw new Error("the downloaded file differs from the uploaded one");
    });
    const target = (verb: string) => new URL(`/api/offices/${officeId}/files/bench/raw.bin:${verb}`, server!.url);
    const restUp = await timed(`PUT :upload through the server (REST), ${opts.sizeMiB} MiB`, async () => {
      const req = http.request(target("upload"), { method: "PUT", headers: { authorization: `Bearer ${key}`, "content-length": size } });
      const answer = new Promise<http.IncomingMessage>((resolve, reject) => req.once("response", resolve).once("error", reject));
      await pipeline(generatedBody(size), req);
      const res = await answer;
      res.resume();
      if (res.statusCode !== 200) throw new Error(`the upload answered ${res.statusCode}`);
    });
    const restDown = await timed(`GET :download through the server (REST), ${opts.sizeMiB} MiB`, async () => {
      const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get(target("download"), { headers: { authorization: `Bearer ${key}` } }, resolve).once("error", reject),
      );
      const hash = createHash("sha256");
      for await (const piece of res) hash.update(piece as Buffer);
      if (hash.digest("hex") !== generatedSha256(size)) throw new Error("the downloaded file differs from the uploaded one");
    });
    const peakRss = await peak();
    report(`Files through the server against the S3 server directly (MiB/s as calls/s x ${opts.sizeMiB}; target ratio >= 0.8)`, [
      { m: up, baseline: directUp },
      { m: down, baseline: directDown },
      { m: restUp, baseline: directUp },
      { m: restDown, baseline: directDown },
    ]);
    const rate = (m: Measurement) => `${(m.perSecond * opts.sizeMiB).toFixed(0)} MiB/s`;
    console.log(
      `gRPC upload ${rate(up)}, download ${rate(down)}; REST upload ${rate(restUp)}, download ${rate(restDown)}; ` +
        `direct upload ${rate(directUp)}, download ${rate(directDown)}; ` +
        `server RSS ${(baseline / MiB).toFixed(0)} MiB before, peak ${(peakRss / MiB).toFixed(0)} MiB`,
    );
    return [directUp, directDown, up, down, restUp, restDown];
  } finally {
    await server?.stop();
    await database.drop().catch(() => {});
    await minio.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Processes whose CPU each transfer reports, besides this one. */
const watched: { name: string; pid: number }[] = [];

/** One transfer, timed, as a measurement of one call; prints the CPU seconds each side spent on it. */
async function timed(name: string, op: () => Promise<unknown>): Promise<Measurement> {
  const cpuBefore = await Promise.all(watched.map((w) => processCpuMs(w.pid)));
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  await op();
  const ms = performance.now() - started;
  const own = process.cpuUsage(ownBefore);
  const cpu = await Promise.all(watched.map(async (w, i) => `${w.name} ${((await processCpuMs(w.pid)) - cpuBefore[i]!) / 1000} s`));
  console.log(`${name}: ${(ms / 1000).toFixed(1)} s; CPU: client ${((own.user + own.system) / 1e6).toFixed(1)} s, ${cpu.join(", ")}`);
  return { name, calls: 1, seconds: ms / 1000, perSecond: 1000 / ms, p50Ms: ms, p99Ms: ms };
}
