import { createServer as createHttp1Server, type Server } from "node:http";
import { createServer as createHttp2Server, type Http2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type ConnectRouter, type HandlerContext } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { RetryInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { AgentService } from "../../gen/ts/mitosis/v1/agent_pb.js";
import { CreditService } from "../../gen/ts/mitosis/v1/credit_pb.js";
import { FileService } from "../../gen/ts/mitosis/v1/file_pb.js";
import { OfficeService, OfficeState } from "../../gen/ts/mitosis/v1/office_pb.js";
import { TaskService } from "../../gen/ts/mitosis/v1/task_pb.js";
import { OS1Client, type OS1ClientOptions } from "./client.js";
import { DeadlineExceededError, type MitosisError, RateLimitedError, UnavailableError } from "./errors.js";
import { retryDelayMs, safeToRepeat } from "./retry.js";
import { generateSigningKey, SIGNATURE_HEADERS } from "./signing.js";

/**
 * A real Connect server on 127.0.0.1 whose handlers fail as told: `failures[rpc]` failures
 * (each built by `failWith[rpc]`, default Unavailable) before the call succeeds. Every
 * attempt is counted and its signature nonce kept.
 */
const attempts: Record<string, number> = {};
const failures: Record<string, number> = {};
const failWith: Record<string, () => ConnectError> = {};
const nonces: string[] = [];

function attempt(rpc: string, ctx: HandlerContext): void {
  attempts[rpc] = (attempts[rpc] ?? 0) + 1;
  const nonce = ctx.requestHeader.get(SIGNATURE_HEADERS.nonce);
  if (nonce) nonces.push(nonce);
  if (attempts[rpc] <= (failures[rpc] ?? 0)) {
    throw failWith[rpc]?.() ?? new ConnectError("the database is unavailable; try again shortly", Code.Unavailable);
  }
}

const office = (id: string) => ({ id, name: "retried", status: OfficeState.ACTIVE, createdAt: { seconds: 1n, nanos: 0 } });

function routes(router: ConnectRouter): void {
  router.service(OfficeService, {
    getOffice: (req, ctx) => {
      attempt("getOffice", ctx);
      return { office: office(req.officeId) };
    },
    listOffices: (_req, ctx) => {
      attempt("listOffices", ctx);
      return { offices: [office("o-1")] };
    },
    createOffice: (req, ctx) => {
      attempt("createOffice", ctx);
      return { office: office(req.name) };
    },
    getOfficeStatus: (req, ctx) => {
      attempt("getOfficeStatus", ctx);
      return { status: { officeId: req.officeId, status: OfficeState.ACTIVE } };
    },
    // Never answers by itself: only the caller's deadline ends it.
    getOfficeSettings: async (_req, ctx) => {
      attempt("getOfficeSettings", ctx);
      await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
      throw new ConnectError("gave up", Code.Canceled);
    },
  });
  router.service(CreditService, {
    addCredits: (_req, ctx) => {
      attempt("addCredits", ctx);
      return { balance: { balance: 1n } };
    },
  });
  router.service(TaskService, {
    // Keeps the stream open well past the clients' short timeoutMs.
    async *watchTasks(_req, ctx) {
      attempt("watchTasks", ctx);
      yield { sinceId: 1n };
      await sleep(400, undefined, { signal: ctx.signal });
      yield { sinceId: 2n };
    },
  });
}

let http1: Server;
let http2: Http2Server;
const urls = { connect: "", grpc: "" };

beforeAll(async () => {
  http1 = createHttp1Server(connectNodeAdapter({ routes }));
  http2 = createHttp2Server(connectNodeAdapter({ routes }));
  for (const [protocol, server] of [
    ["connect", http1],
    ["grpc", http2],
  ] as const) {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    urls[protocol] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
});

afterAll(async () => {
  http1?.closeAllConnections();
  await new Promise((resolve) => http1?.close(resolve));
  await new Promise((resolve) => http2?.close(resolve));
});

beforeEach(() => {
  for (const record of [attempts, failures, failWith]) for (const key of Object.keys(record)) delete record[key];
  nonces.length = 0;
});

/** A client of the test server with short backoff, so retries take milliseconds. */
function client(options: Partial<OS1ClientOptions> = {}): OS1Client {
  const protocol = options.transport ?? "connect";
  return new OS1Client({ endpoint: urls[protocol], auth: { type: "token", token: "mi_test" }, retry: { initialDelayMs: 10 }, ...options });
}

async function failure(p: Promise<unknown>): Promise<MitosisError> {
  try {
    await p;
  } catch (err) {
    return err as MitosisError;
  }
  throw new Error("expected the call to fail");
}

const retryInfo = (ms: number) =>
  create(RetryInfoSchema, { retryDelay: { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 } });

describe("retries", () => {
  for (const transport of ["connect", "grpc"] as const) {
    it(`retries a read that fails with unavailable until it succeeds (${transport})`, async () => {
      failures.getOffice = 3;
      const got = await client({ transport }).offices.get("o-1");
      expect(got.id).toBe("o-1");
      expect(attempts.getOffice).toBe(4);
    });
  }

  it("gives up after maxAttempts with the typed error", async () => {
    failures.listOffices = 10;
    const err = await failure(client({ retry: { maxAttempts: 3, initialDelayMs: 1 } }).offices.list());
    expect(err).toBeInstanceOf(UnavailableError);
    expect(err.code).toBe("unavailable");
    expect(attempts.listOffices).toBe(3);
  });

  it("never repeats a write without an idempotency key", async () => {
    failures.createOffice = 1;
    const err = await failure(client().offices.create({ name: "once" }));
    expect(err).toBeInstanceOf(UnavailableError);
    expect(attempts.createOffice).toBe(1);
  });

  it("repeats a write that carries its idempotency key, and only then", async () => {
    const credits = createClient(CreditService, client().transport);
    failures.addCredits = 2;
    await expect(credits.addCredits({ officeId: "o-1", amount: 1n })).rejects.toMatchObject({ code: Code.Unavailable });
    expect(attempts.addCredits).toBe(1);

    delete attempts.addCredits;
    await credits.addCredits({ officeId: "o-1", amount: 1n, requestId: "6f1c2a3e-0b4d-4c1e-9a7f-2d5e8b9c0a1f" });
    expect(attempts.addCredits).toBe(3);
  });

  it("waits as long as the server's RetryInfo says (the database-outage answer)", async () => {
    failures.getOffice = 1;
    failWith.getOffice = () =>
      new ConnectError("the database is unavailable", Code.Unavailable, undefined, [{ desc: RetryInfoSchema, value: retryInfo(300) }]);
    const started = performance.now();
    await client().offices.get("o-1");
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(attempts.getOffice).toBe(2);
  });

  it("honours a retry-after header when there is no RetryInfo", async () => {
    failures.getOffice = 1;
    failWith.getOffice = () => new ConnectError("slow down", Code.ResourceExhausted, { "retry-after": "1" });
    const started = performance.now();
    await client().offices.get("o-1");
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(attempts.getOffice).toBe(2);
  });

  it("does not retry resource_exhausted without a server-given wait, nor one longer than maxDelayMs", async () => {
    failures.getOfficeStatus = 1;
    failWith.getOfficeStatus = () => new ConnectError("rate limited", Code.ResourceExhausted);
    expect(await failure(client().offices.status("o-1"))).toBeInstanceOf(RateLimitedError);
    expect(attempts.getOfficeStatus).toBe(1);

    delete attempts.getOfficeStatus;
    failWith.getOfficeStatus = () =>
      new ConnectError("rate limited", Code.ResourceExhausted, undefined, [{ desc: RetryInfoSchema, value: retryInfo(600_000) }]);
    const err = await failure(client().offices.status("o-1"));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfter).toBe(600);
    expect(attempts.getOfficeStatus).toBe(1);
  });

  it("does not retry other failures", async () => {
    failures.getOffice = 1;
    failWith.getOffice = () => new ConnectError("no such office", Code.NotFound);
    expect((await failure(client().offices.get("o-1"))).code).toBe("not_found");
    expect(attempts.getOffice).toBe(1);
  });

  it("signs every attempt afresh, so the server's replay check lets retries through", async () => {
    failures.getOffice = 2;
    const { signingKey } = generateSigningKey();
    await client({ signingKey, agentId: "analyst", colonyId: "o-1" }).offices.get("o-1");
    expect(attempts.getOffice).toBe(3);
    expect(new Set(nonces).size).toBe(3);
  });

  it("spreads retries with jitter, doubling up to maxDelayMs", () => {
    const get = OfficeService.method.getOffice;
    const err = new ConnectError("down", Code.Unavailable);
    const policy = { initialDelayMs: 100, maxDelayMs: 1000, maxAttempts: 10 };
    const delays = (random: number) => [1, 2, 3, 4, 5].map((n) => retryDelayMs(get, { officeId: "o" }, err, n, policy, () => random));
    expect(delays(0)).toEqual([50, 100, 200, 400, 500]);
    expect(delays(1)).toEqual([100, 200, 400, 800, 1000]);
    expect(retryDelayMs(get, { officeId: "o" }, err, 10, policy)).toBeUndefined();
  });

  it("treats Get*/List* as reads and everything else as writes", () => {
    expect(safeToRepeat(TaskService.method.listTasks, {})).toBe(true);
    expect(safeToRepeat(TaskService.method.getTaskStats, {})).toBe(true);
    expect(safeToRepeat(TaskService.method.claimTask, {})).toBe(false);
    expect(safeToRepeat(TaskService.method.updateTask, {})).toBe(false);
    expect(safeToRepeat(CreditService.method.addCredits, { requestId: "" })).toBe(false);
    // A hire is not idempotent: a repeat after a lost answer would hire again or fail with 409.
    expect(safeToRepeat(AgentService.method.hireAgent, {})).toBe(false);
    expect(safeToRepeat(AgentService.method.updateAgent, {})).toBe(false);
    expect(safeToRepeat(AgentService.method.fireAgent, {})).toBe(false);
    expect(safeToRepeat(AgentService.method.promoteAgent, {})).toBe(false);
    expect(safeToRepeat(AgentService.method.getAgent, {})).toBe(true);
    expect(safeToRepeat(AgentService.method.listAgents, {})).toBe(true);
    expect(safeToRepeat(AgentService.method.listAgentLogs, {})).toBe(true);
    expect(safeToRepeat(AgentService.method.listAgentActivity, {})).toBe(true);
  });

  it("repeats the file drive's reads, ReadFile included, and none of its writes", () => {
    expect(safeToRepeat(FileService.method.readFile, {})).toBe(true);
    expect(safeToRepeat(FileService.method.getFile, {})).toBe(true);
    expect(safeToRepeat(FileService.method.listFiles, {})).toBe(true);
    expect(safeToRepeat(FileService.method.listFileChanges, {})).toBe(true);
    // A repeated write would log a second change, and a repeated delete fail with not_found.
    expect(safeToRepeat(FileService.method.writeFile, {})).toBe(false);
    expect(safeToRepeat(FileService.method.deleteFile, {})).toBe(false);
  });
});

describe("timeouts", () => {
  it("ends a call that outlives timeoutMs with DeadlineExceededError", async () => {
    const started = performance.now();
    const err = await failure(client({ timeoutMs: 200, retry: { maxAttempts: 1 } }).offices.getSettings("o-1"));
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect(err.code).toBe("deadline_exceeded");
    expect(err.hint).toMatch(/timeoutMs/);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(attempts.getOfficeSettings).toBe(1);
  });

  it("retries a read whose attempt ran out of time", async () => {
    const err = await failure(client({ timeoutMs: 100, retry: { maxAttempts: 2, initialDelayMs: 1 } }).offices.getSettings("o-1"));
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect(attempts.getOfficeSettings).toBe(2);
  });

  it("leaves streams without a deadline", async () => {
    const tasks = createClient(TaskService, client({ timeoutMs: 100 }).transport);
    const positions: bigint[] = [];
    for await (const res of tasks.watchTasks({ officeId: "o-1" })) positions.push(res.sinceId);
    expect(positions).toEqual([1n, 2n]);
  });

  it("refuses nonsense settings", () => {
    expect(() => client({ timeoutMs: -1 })).toThrow(/timeoutMs must be a number of at least 0/);
    expect(() => client({ retry: { maxAttempts: 0 } })).toThrow(/maxAttempts must be a number of at least 1/);
    expect(() => client({ retry: { maxAttempts: 1.5 } })).toThrow(/whole number/);
  });
});

describe("officeId and colonyId", () => {
  it("accepts either name for the agent's office, but not two different offices", async () => {
    const { signingKey } = generateSigningKey();
    for (const ids of [{ officeId: "o-1" }, { colonyId: "o-1" }, { officeId: "o-1", colonyId: "o-1" }]) {
      expect((await client({ signingKey, agentId: "analyst", ...ids }).offices.get("o-1")).id).toBe("o-1");
    }
    expect(() => client({ signingKey, agentId: "analyst", officeId: "o-1", colonyId: "o-2" })).toThrow(/same office/);
    expect(() => client({ signingKey, agentId: "analyst" })).toThrow(/needs agentId and officeId \(or colonyId\)/);
  });
});
