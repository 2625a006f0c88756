import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from "../gen/ts/grpc/health/v1/health_pb.js";
import { clientFor } from "./support/clients.js";
import { startMinio, type TestMinio } from "./support/minio.js";
import { startTestServer, type TestServer } from "./support/server.js";

const EVENTUALLY = { timeout: 60_000, interval: 250 };
const ROOT = fileURLToPath(new URL("..", import.meta.url));

// A blob store of its own, so freezing it disturbs no other test.
let minio: TestMinio;
let server: TestServer;
beforeAll(async () => {
  minio = await startMinio({ own: true });
  server = await startTestServer({
    MINIO_ENDPOINT: minio.endpoint,
    MINIO_ACCESS_KEY: minio.accessKey,
    MINIO_SECRET_KEY: minio.secretKey,
    MINIO_BUCKET: "readiness",
  });
});
afterAll(async () => {
  if (minio?.pid) process.kill(minio.pid, "SIGCONT");
  await server?.stop();
  await minio?.stop();
});

async function readyz(): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const res = await fetch(`${server.url}/readyz`);
  return { status: res.status, body: await res.json() };
}

async function health(service: string): Promise<ServingStatus> {
  return (await clientFor(Health, server.url, undefined).check({ service })).status;
}

it("is ready while Postgres and the blob store answer, and says which dependency is not", async () => {
  expect(await readyz()).toEqual({ status: 200, body: { status: "ready", checks: { postgres: "ok", "blob store": "ok" } } });
  expect(await health("")).toBe(ServingStatus.SERVING);
  expect(await health("mitosis.v1.OfficeService")).toBe(ServingStatus.SERVING);

  // A frozen S3 server answers nothing: readiness must not wait for it.
  process.kill(minio.pid!, "SIGSTOP");
  await vi.waitFor(
    async () =>
      expect(await readyz()).toEqual({
        status: 503,
        body: { status: "not ready", checks: { postgres: "ok", "blob store": "unavailable" } },
      }),
    EVENTUALLY,
  );
  expect(await health("")).toBe(ServingStatus.NOT_SERVING);
  expect(await health("mitosis.v1.TaskService")).toBe(ServingStatus.NOT_SERVING);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

  process.kill(minio.pid!, "SIGCONT");
  await vi.waitFor(async () => expect((await readyz()).status).toBe(200), EVENTUALLY);
  expect(await health("")).toBe(ServingStatus.SERVING);
  expect(await health("mitosis.v1.TaskService")).toBe(ServingStatus.SERVING);
}, 120_000);

it("answers HEAD /readyz with the status and no body", async () => {
  const res = await fetch(`${server.url}/readyz`, { method: "HEAD" });
  expect(res.status).toBe(200);
  expect(await res.text()).toBe("");
});

// Docker and compose mark the container unhealthy by these exact commands; run them here.
it("the Dockerfile and compose health checks probe readiness", async () => {
  const dockerfile = await readFile(path.join(ROOT, "Dockerfile"), "utf8");
  const dockerCheck = /^HEALTHCHECK .*? CMD (.+)$/m.exec(dockerfile)![1]!;
  const compose = await readFile(path.join(ROOT, "docker-compose.yml"), "utf8");
  const serverSection = compose.slice(compose.indexOf("\n  server:"));
  const composeCheck = JSON.parse(/test: (\[.+\])/.exec(serverSection)![1]!) as string[];
  expect(composeCheck.slice(0, 3)).toEqual(["CMD", "node", "-e"]);
  const port = String(server.port);
  const probes = {
    dockerfile: () => exitCode("sh", ["-c", dockerCheck], { PORT: port }),
    compose: () => exitCode("node", ["-e", composeCheck[3]!.replace("8080", port)], {}),
  };
  expect(await probes.dockerfile()).toBe(0);
  expect(await probes.compose()).toBe(0);
  process.kill(minio.pid!, "SIGSTOP");
  try {
    await vi.waitFor(async () => expect((await readyz()).status).toBe(503), EVENTUALLY);
    expect(await probes.dockerfile()).toBe(1);
    expect(await probes.compose()).toBe(1);
  } finally {
    process.kill(minio.pid!, "SIGCONT");
  }
  await vi.waitFor(async () => expect((await readyz()).status).toBe(200), EVENTUALLY);
}, 120_000);

async function exitCode(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, ...env } }, (err) => resolve(err ? Number((err as { code?: number }).code ?? -1) : 0));
  });
}
