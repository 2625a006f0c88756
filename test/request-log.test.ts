import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AccountService, ApiKeyService } from "../gen/ts/mitosis/v1/auth_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { TaskService } from "../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "./support/clients.js";
import { captureLog, type LogCapture } from "./support/log-capture.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { createTasks, newOffice } from "./support/task-helpers.js";
import { startWatcher } from "./support/task-watcher.js";

/**
 * The request log: every RPC, over every protocol, gets exactly one line with its method,
 * protocol, final code, duration, office and caller, and no line carries an API key.
 */
const EVENTUALLY = { timeout: 30_000, interval: 50 };

let log: LogCapture;
let server: TestServer;
let adminAccountId: string;
beforeAll(async () => {
  log = captureLog();
  server = await startTestServer({}, { log: { level: "debug", destination: log.destination } });
  adminAccountId = (await clientFor(AccountService, server.url, server.adminKey).getCurrentAccount({})).account!.id;
});
afterAll(async () => server?.stop());

type Line = ReturnType<LogCapture["lines"]>[number];
const rpcLines = (): Line[] => log.lines().filter((l) => l.msg === "rpc");

/** Runs `calls` and returns the request lines written meanwhile. */
async function linesOf(calls: () => Promise<unknown>): Promise<Line[]> {
  const before = rpcLines().length;
  await calls();
  return rpcLines().slice(before);
}

function rest(method: string, path: string, apiKey: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The code of the ConnectError `call` fails with. */
async function codeOf(call: Promise<unknown>): Promise<Code> {
  try {
    await call;
  } catch (err) {
    return ConnectError.from(err).code;
  }
  throw new Error("the call succeeded");
}

describe("request log", () => {
  it("writes one line per RPC over Connect, gRPC, gRPC-Web and REST", async () => {
    const officeId = await newOffice(server, "logged");
    const lines = await linesOf(async () => {
      await clientFor(OfficeService, server.url, server.adminKey).getOffice({ officeId });
      await clientFor(OfficeService, server.url, server.adminKey, "grpc").getOffice({ officeId });
      await clientFor(OfficeService, server.url, server.adminKey, "grpc-web").getOffice({ officeId });
      expect((await rest("GET", `/api/offices/${officeId}`, server.adminKey)).status).toBe(200);
    });

    expect(lines.map((l) => l.protocol)).toEqual(["connect", "grpc", "grpc-web", "rest"]);
    for (const line of lines) {
      expect(line).toMatchObject({
        level: "info",
        method: "mitosis.v1.OfficeService/GetOffice",
        code: "ok",
        office: officeId,
        principal: { accountId: adminAccountId, keyId: expect.any(String) },
      });
      expect(line.durationMs).toEqual(expect.any(Number));
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(lines[3]).toMatchObject({ httpMethod: "GET", route: "/api/offices/{office_id}" });
    expect(lines[0]).not.toHaveProperty("route");
  });

  it("gives a REST call its route template, never the path or query as sent", async () => {
    const officeId = await newOffice(server, "rest");
    const lines = await linesOf(async () => {
      expect((await rest("GET", `/api/offices/${officeId}/tasks?pageSize=7`, server.adminKey)).status).toBe(200);
    });
    expect(lines).toEqual([
      expect.objectContaining({
        method: "mitosis.v1.TaskService/ListTasks",
        protocol: "rest",
        code: "ok",
        route: "/api/offices/{office_id}/tasks",
        office: officeId,
      }),
    ]);
    expect(JSON.stringify(lines[0])).not.toContain("pageSize");
  });

  it("logs REST requests refused before any handler, in the same shape", async () => {
    const officeId = await newOffice(server, "refused");
    const lines = await linesOf(async () => {
      expect((await rest("POST", `/api/offices/${officeId}/tasks`, server.adminKey, { title: "x", colour: "red" })).status).toBe(400);
      expect((await rest("PUT", `/api/offices/${officeId}/tasks`, server.adminKey)).status).toBe(405);
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        method: "mitosis.v1.TaskService/CreateTask",
        protocol: "rest",
        httpMethod: "POST",
        route: "/api/offices/{office_id}/tasks",
        code: "invalid_argument",
        durationMs: expect.any(Number),
      }),
      expect.objectContaining({ protocol: "rest", httpMethod: "PUT", code: "unimplemented" }),
    ]);
  });

  it("logs failures with the code the caller got", async () => {
    const offices = clientFor(OfficeService, server.url, server.adminKey);
    const tasks = clientFor(TaskService, server.url, server.adminKey, "grpc");
    const officeId = await newOffice(server, "failures");
    const missing = "00000000-0000-4000-8000-00000000dead";
    const lines = await linesOf(async () => {
      expect(await codeOf(offices.getOffice({ officeId: missing }))).toBe(Code.NotFound);
      expect(await codeOf(tasks.createTask({ officeId, title: "" }))).toBe(Code.InvalidArgument);
      expect(await codeOf(offices.getOffice({ officeId: "not-a-uuid" }))).toBe(Code.InvalidArgument);
      expect((await rest("GET", `/api/offices/${missing}`, server.adminKey)).status).toBe(404);
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        method: "mitosis.v1.OfficeService/GetOffice",
        protocol: "connect",
        code: "not_found",
        office: missing,
      }),
      expect.objectContaining({ level: "info", method: "mitosis.v1.TaskService/CreateTask", protocol: "grpc", code: "invalid_argument" }),
      expect.objectContaining({
        level: "info",
        method: "mitosis.v1.OfficeService/GetOffice",
        protocol: "connect",
        code: "invalid_argument",
      }),
      expect.objectContaining({
        level: "info",
        method: "mitosis.v1.OfficeService/GetOffice",
        protocol: "rest",
        code: "not_found",
        office: missing,
      }),
    ]);
    for (const line of lines) expect(line.principal).toEqual({ accountId: adminAccountId, keyId: expect.any(String) });
    // Validation refused the request before its office was looked at: nothing to name.
    expect(lines[2]).not.toHaveProperty("office");
  });

  it("logs a call with a bad key, without a principal", async () => {
    const lines = await linesOf(async () => {
      expect(await codeOf(clientFor(AccountService, server.url, "mi_not-a-real-key").getCurrentAccount({}))).toBe(Code.Unauthenticated);
      expect(await codeOf(clientFor(AccountService, server.url, undefined, "grpc").getCurrentAccount({}))).toBe(Code.Unauthenticated);
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        method: "mitosis.v1.AccountService/GetCurrentAccount",
        protocol: "connect",
        code: "unauthenticated",
      }),
      expect.objectContaining({
        level: "info",
        method: "mitosis.v1.AccountService/GetCurrentAccount",
        protocol: "grpc",
        code: "unauthenticated",
      }),
    ]);
    for (const line of lines) expect(line).not.toHaveProperty("principal");
  });

  it("never writes an API key, whether created, returned or used, on any protocol", async () => {
    let secrets: string[] = [];
    const lines = await linesOf(async () => {
      const created = await clientFor(ApiKeyService, server.url, server.adminKey).createApiKey({ name: "logged key" });
      const viaRest = (await (await rest("POST", "/api/api-keys", server.adminKey, { name: "rest key" })).json()) as { secret: string };
      const account = await server.newAccount("carol");
      secrets = [created.secret, viaRest.secret, account.apiKey];
      for (const secret of secrets) {
        await clientFor(AccountService, server.url, secret).getCurrentAccount({});
        await clientFor(AccountService, server.url, secret, "grpc").getCurrentAccount({});
        await clientFor(AccountService, server.url, secret, "grpc-web").getCurrentAccount({});
        expect((await rest("GET", "/api/account", secret)).status).toBe(200);
      }
    });
    expect(lines.map((l) => l.method)).toEqual([
      "mitosis.v1.ApiKeyService/CreateApiKey",
      "mitosis.v1.ApiKeyService/CreateApiKey",
      "mitosis.v1.AccountService/CreateAccount",
      ...Array<string>(12).fill("mitosis.v1.AccountService/GetCurrentAccount"),
    ]);
    const text = log.text();
    for (const secret of secrets) {
      expect(secret).toMatch(/^mi_.{20,}$/);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice("mi_".length));
    }
    expect(text).not.toMatch(/bearer/i);
  });

  it("logs a server stream once, when it ends, with its whole duration", async () => {
    const officeId = await newOffice(server, "watched");
    const tasks = clientFor(TaskService, server.url, server.adminKey);
    const watchLines = () => rpcLines().filter((l) => l.method === "mitosis.v1.TaskService/WatchTasks");
    const watcher = startWatcher(tasks, { officeId, sinceId: 0n });
    await createTasks(tasks, officeId, 3);
    await vi.waitFor(() => expect(watcher.events.length).toBeGreaterThanOrEqual(3), EVENTUALLY);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(watchLines()).toEqual([]); // not one line per message

    await watcher.stop();
    await vi.waitFor(() => expect(watchLines()).toHaveLength(1), EVENTUALLY);
    // The client hung up: canceled, at debug.
    expect(watchLines()[0]).toMatchObject({
      level: "debug",
      protocol: "connect",
      code: "canceled",
      office: officeId,
      principal: { accountId: adminAccountId },
    });
    expect(watchLines()[0]!.durationMs).toBeGreaterThanOrEqual(190); // it was open through the 200 ms pause

    // A stream refused before its first message gets its line too.
    const missing = "00000000-0000-4000-8000-00000000beef";
    const refused = async () => {
      for await (const _ of clientFor(TaskService, server.url, server.adminKey, "grpc").watchTasks({ officeId: missing })) void _;
    };
    expect(await codeOf(refused())).toBe(Code.NotFound);
    await vi.waitFor(() => expect(watchLines()).toHaveLength(2), EVENTUALLY);
    expect(watchLines()[1]).toMatchObject({ level: "info", protocol: "grpc", code: "not_found", office: missing });
  });
});
