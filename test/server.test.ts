import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { AccountService } from "../gen/ts/mitosis/v1/auth_pb.js";
import { clientFor } from "./support/clients.js";
import { createTestDatabase } from "./support/postgres.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { spawnServer } from "./support/server-process.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ MI_MAX_REQUEST_BYTES: String(64 * 1024) });
});
afterAll(async () => server?.stop());

const json = (body: unknown, key = server.adminKey) => ({
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

describe("one port, every protocol", () => {
  it("answers /healthz", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it("serves Connect over HTTP/1.1, gRPC over h2c and gRPC-Web on the same port", async () => {
    const created = await clientFor(OfficeService, server.url, server.adminKey, "connect").createOffice({ name: "one port" });
    const viaGrpc = await clientFor(OfficeService, server.url, server.adminKey, "grpc").getOffice({ officeId: created.office!.id });
    const web = createClient(
      OfficeService,
      createGrpcWebTransport({
        baseUrl: server.url,
        httpVersion: "1.1",
        interceptors: [
          (next) => (req) => {
            req.header.set("authorization", `Bearer ${server.adminKey}`);
            return next(req);
          },
        ],
      }),
    );
    const viaWeb = await web.getOffice({ officeId: created.office!.id });
    expect(viaGrpc.office).toEqual(created.office);
    expect(viaWeb.office).toEqual(created.office);
  });

  it("tells the caller what is wrong with a bad Connect JSON request", async () => {
    const url = `${server.url}/mitosis.v1.OfficeService/CreateOffice`;
    const malformed = await fetch(url, json("{not json"));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe("invalid_argument");

    const unknown = await fetch(url, json({ name: "x", colour: "red" }));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).message).toMatch(/colour/);

    const wrongType = await fetch(url, json({ name: 42 }));
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).message).toMatch(/name/);

    const oversize = await fetch(url, json({ name: "x".repeat(100 * 1024) }));
    expect(oversize.status).toBe(429); // Connect maps resource_exhausted to 429
    expect((await oversize.json()).message).toMatch(/exceeds|max/i);

    const noAuth = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(noAuth.status).toBe(401);
    expect((await noAuth.json()).message).toMatch(/mi login/);
  });
});

describe("accounts", () => {
  it("only administrators create accounts", async () => {
    const { apiKey } = await server.newAccount("regular");
    const err = await clientFor(AccountService, server.url, apiKey)
      .createAccount({ name: "sneaky" })
      .catch((e) => ConnectError.from(e));
    expect((err as ConnectError).code).toBe(Code.PermissionDenied);
    const me = await clientFor(AccountService, server.url, apiKey).getCurrentAccount({});
    expect(me.account).toMatchObject({ name: "regular", admin: false });
  });

  it("saves the first admin key with mode 0600", async () => {
    const file = path.join(server.dataDir, "admin.key");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, "utf8")).trim()).toBe(server.adminKey);
  });
});

describe("the server process", () => {
  it("prints the admin key once, keeps it across restarts and shuts down gracefully on SIGTERM", async () => {
    const database = await createTestDatabase(process.env.MI_TEST_DATABASE_URL!);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "mi-proc-"));
    const env = { DATABASE_URL: database.url, MI_DATA_DIR: dataDir };
    try {
      const first = await spawnServer(env);
      const key = (await readFile(path.join(dataDir, "admin.key"), "utf8")).trim();
      // stdout and stderr are separate pipes: the key may arrive after the "listening" line
      await vi.waitFor(() => expect(first.stdout).toMatch(/First administrator API key/), { timeout: 10_000 });
      expect(first.stdout).toContain(key);
      expect(await first.stop()).toBe(0);

      const second = await spawnServer(env);
      expect(second.stdout).not.toMatch(/First administrator API key/);
      const offices = clientFor(OfficeService, second.url, key);
      expect((await offices.listOffices({})).offices).toEqual([]);
      expect(await second.stop()).toBe(0);
    } finally {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
