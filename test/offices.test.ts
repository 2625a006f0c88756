import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfficeService, OfficeState } from "../gen/ts/mitosis/v1/office_pb.js";
import { AccountService, ApiKeyService } from "../gen/ts/mitosis/v1/auth_pb.js";
import { TaskService, TaskStatus } from "../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function codeOf(call: Promise<unknown>): Promise<Code | "ok"> {
  try {
    await call;
    return "ok";
  } catch (err) {
    return ConnectError.from(err).code;
  }
}

describe.each(["connect", "grpc"] as const)("offices over %s", (protocol) => {
  it("create, list, get, status, settings, delete", async () => {
    const offices = clientFor(OfficeService, server.url, server.adminKey, protocol);
    const { office } = await offices.createOffice({ name: "My Colony" });
    expect(office?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(office?.name).toBe("My Colony");
    expect(office?.status).toBe(OfficeState.ACTIVE);
    expect(office?.createdAt).toBeDefined();
    const id = office!.id;

    expect((await offices.listOffices({})).offices.map((o) => o.id)).toContain(id);
    expect((await offices.getOffice({ officeId: id })).office).toEqual(office);
    const { status } = await offices.getOfficeStatus({ officeId: id });
    expect(status).toMatchObject({ officeId: id, status: OfficeState.ACTIVE, agentCount: 0, creditBalance: 0n });

    expect((await offices.getOfficeSettings({ officeId: id })).settings).toMatchObject({
      allowAgentHiring: false,
      agentIdleTimeoutMinutes: 10,
      defaultModelTier: "sonnet",
    });
    const updated = await offices.updateOfficeSettings({ officeId: id, allowAgentHiring: true });
    expect(updated.settings).toMatchObject({ allowAgentHiring: true, agentIdleTimeoutMinutes: 10 });
    // a partial update leaves the other settings alone
    await offices.updateOfficeSettings({ officeId: id, agentIdleTimeoutMinutes: 30, defaultModelTier: "opus" });
    expect((await offices.getOfficeSettings({ officeId: id })).settings).toMatchObject({
      allowAgentHiring: true,
      agentIdleTimeoutMinutes: 30,
      defaultModelTier: "opus",
    });

    // Concurrent updates of one office wait for each other; none may find the office "missing".
    const minutes = Array.from({ length: 24 }, (_, i) => 20 + i);
    const codes = await Promise.all(minutes.map((m) => codeOf(offices.updateOfficeSettings({ officeId: id, agentIdleTimeoutMinutes: m }))));
    expect(codes.every((c) => c === "ok")).toBe(true);
    expect(minutes).toContain((await offices.getOfficeSettings({ officeId: id })).settings!.agentIdleTimeoutMinutes);

    await offices.deleteOffice({ officeId: id });
    expect(await codeOf(offices.getOffice({ officeId: id }))).toBe(Code.NotFound);
    expect(await codeOf(offices.deleteOffice({ officeId: id }))).toBe(Code.NotFound);
    expect((await offices.listOffices({})).offices.map((o) => o.id)).not.toContain(id);
  });
});

describe("paging", () => {
  it("walks every office exactly once, oldest first", async () => {
    const { apiKey } = await server.newAccount("pager");
    const offices = clientFor(OfficeService, server.url, apiKey);
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await offices.createOffice({ name: `office ${i}` })).office!.id);
    const seen: string[] = [];
    let pageToken = "";
    do {
      const page = await offices.listOffices({ pageSize: 3, pageToken });
      expect(page.offices.length).toBeLessThanOrEqual(3);
      seen.push(...page.offices.map((o) => o.id));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(created);
    expect(await codeOf(offices.listOffices({ pageToken: "garbage" }))).toBe(Code.InvalidArgument);
  });
});

describe("isolation between accounts", () => {
  it("another account can neither see nor change an office", async () => {
    const alice = clientFor(OfficeService, server.url, (await server.newAccount("alice")).apiKey);
    const bob = clientFor(OfficeService, server.url, (await server.newAccount("bob")).apiKey);
    const { office } = await alice.createOffice({ name: "alice's office" });
    const officeId = office!.id;

    expect((await bob.listOffices({})).offices).toEqual([]);
    expect(await codeOf(bob.getOffice({ officeId }))).toBe(Code.NotFound);
    expect(await codeOf(bob.getOfficeStatus({ officeId }))).toBe(Code.NotFound);
    expect(await codeOf(bob.getOfficeSettings({ officeId }))).toBe(Code.NotFound);
    expect(await codeOf(bob.updateOfficeSettings({ officeId, allowAgentHiring: true }))).toBe(Code.NotFound);
    expect(await codeOf(bob.deleteOffice({ officeId }))).toBe(Code.NotFound);

    // nothing changed for the owner
    expect((await alice.getOffice({ officeId })).office).toEqual(office);
    expect((await alice.getOfficeSettings({ officeId })).settings?.allowAgentHiring).toBe(false);
  });
});

describe("bad input", () => {
  const missing = "00000000-0000-4000-8000-000000000000";
  it.each([
    ["create with empty name", (c: OfficeClient) => c.createOffice({ name: "" }), Code.InvalidArgument],
    ["create with blank name", (c: OfficeClient) => c.createOffice({ name: "   " }), Code.InvalidArgument],
    ["create with 101 characters", (c: OfficeClient) => c.createOffice({ name: "x".repeat(101) }), Code.InvalidArgument],
    ["list with page size 5000", (c: OfficeClient) => c.listOffices({ pageSize: 5000 }), Code.InvalidArgument],
    ["get with a non-UUID id", (c: OfficeClient) => c.getOffice({ officeId: "abc" }), Code.InvalidArgument],
    ["get a missing office", (c: OfficeClient) => c.getOffice({ officeId: missing }), Code.NotFound],
    ["status with empty id", (c: OfficeClient) => c.getOfficeStatus({ officeId: "" }), Code.InvalidArgument],
    ["settings with bad id", (c: OfficeClient) => c.getOfficeSettings({ officeId: "1" }), Code.InvalidArgument],
    [
      "update idle timeout 0",
      (c: OfficeClient) => c.updateOfficeSettings({ officeId: missing, agentIdleTimeoutMinutes: 0 }),
      Code.InvalidArgument,
    ],
    [
      "update unknown model tier",
      (c: OfficeClient) => c.updateOfficeSettings({ officeId: missing, defaultModelTier: "gpt-1" }),
      Code.InvalidArgument,
    ],
    ["update a missing office", (c: OfficeClient) => c.updateOfficeSettings({ officeId: missing, allowAgentHiring: true }), Code.NotFound],
    ["delete with bad id", (c: OfficeClient) => c.deleteOffice({ officeId: "x" }), Code.InvalidArgument],
  ])("%s", async (_name, call, code) => {
    expect(await codeOf(call(clientFor(OfficeService, server.url, server.adminKey)))).toBe(code);
  });

  it("names the field and the rule in the message", async () => {
    const err = await clientFor(OfficeService, server.url, server.adminKey)
      .createOffice({ name: "" })
      .catch((e) => ConnectError.from(e));
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as ConnectError).rawMessage).toMatch(/name: .*at least 1 character/);
  });
});

describe("bad input on account and API key RPCs", () => {
  it.each([
    ["CreateAccount with an empty name", () => clientFor(AccountService, server.url, server.adminKey).createAccount({ name: "" }), /name/],
    ["CreateApiKey with an empty name", () => clientFor(ApiKeyService, server.url, server.adminKey).createApiKey({ name: "" }), /name/],
    [
      "CreateApiKey living 5000 days",
      () => clientFor(ApiKeyService, server.url, server.adminKey).createApiKey({ name: "k", ttlDays: 5000 }),
      /ttl_days/,
    ],
    [
      "RevokeApiKey with a non-UUID id",
      () => clientFor(ApiKeyService, server.url, server.adminKey).revokeApiKey({ apiKeyId: "k1" }),
      /api_key_id/,
    ],
  ])("%s", async (_name, call, field) => {
    const err = await Promise.resolve(call()).then(
      () => undefined,
      (e) => ConnectError.from(e),
    );
    expect(err?.code).toBe(Code.InvalidArgument);
    expect(err?.rawMessage).toMatch(field);
  });
});

describe("authentication", () => {
  it("refuses missing, unknown and revoked keys", async () => {
    expect(await codeOf(clientFor(OfficeService, server.url, undefined).listOffices({}))).toBe(Code.Unauthenticated);
    expect(await codeOf(clientFor(OfficeService, server.url, "mi_not-a-key").listOffices({}))).toBe(Code.Unauthenticated);
    const keys = clientFor(ApiKeyService, server.url, server.adminKey);
    const { apiKey, secret } = await keys.createApiKey({ name: "short-lived" });
    expect(secret).toMatch(/^mi_/);
    expect(await codeOf(clientFor(OfficeService, server.url, secret).listOffices({}))).toBe("ok");
    await keys.revokeApiKey({ apiKeyId: apiKey!.id });
    const err = await clientFor(OfficeService, server.url, secret)
      .listOffices({})
      .catch((e) => ConnectError.from(e));
    expect((err as ConnectError).code).toBe(Code.Unauthenticated);
    expect((err as ConnectError).rawMessage).toMatch(/mi login/);
  });
});

type OfficeClient = ReturnType<typeof clientFor<typeof OfficeService>>;

describe("deleting an office", () => {
  it("removes the office's files from object storage and nothing else", async () => {
    const { createBlobStore } = await import("../src/blob/index.js");
    const store = await createBlobStore({ dataDir: server.dataDir, minio: server.minio });
    const offices = clientFor(OfficeService, server.url, server.adminKey);
    const doomed = (await offices.createOffice({ name: "doomed" })).office!.id;
    const kept = (await offices.createOffice({ name: "kept" })).office!.id;
    await store.put(`offices/${doomed}/files/report.md`, "# findings");
    await store.put(`offices/${doomed}/files/deep/nested.txt`, "x");
    await store.put(`offices/${kept}/files/report.md`, "# mine");

    await offices.deleteOffice({ officeId: doomed });

    const left = async (prefix: string) => {
      const keys: string[] = [];
      for await (const entry of store.list(prefix)) keys.push(entry.key);
      return keys;
    };
    expect(await left(`offices/${doomed}/`)).toEqual([]);
    expect(await left(`offices/${kept}/`)).toEqual([`offices/${kept}/files/report.md`]);
    await store.close();
  });
});

describe("office status", () => {
  it("counts open tasks: queued, claimed, running and blocked, not done", async () => {
    const offices = clientFor(OfficeService, server.url, server.adminKey);
    const tasks = clientFor(TaskService, server.url, server.adminKey);
    const officeId = (await offices.createOffice({ name: "busy" })).office!.id;
    expect((await offices.getOfficeStatus({ officeId })).status).toMatchObject({ officeId, openTaskCount: 0, agentCount: 0 });
    for (let i = 0; i < 5; i++) await tasks.createTask({ officeId, title: `task ${i}` });
    const running = (await tasks.claimTask({ officeId, agent: "worker" })).task!;
    await tasks.updateTask({ officeId, taskId: running.id, status: TaskStatus.RUNNING, agent: "worker" });
    const finished = (await tasks.claimTask({ officeId, agent: "worker" })).task!;
    await tasks.updateTask({ officeId, taskId: finished.id, status: TaskStatus.DONE, result: "did it", agent: "worker" });
    // 3 queued + 1 running; the done one no longer counts.
    expect((await offices.getOfficeStatus({ officeId })).status?.openTaskCount).toBe(4);
  });
});
