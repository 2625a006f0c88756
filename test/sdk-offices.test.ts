import { failure } from "./support/sdk.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, NotFoundError, OS1Client, MitosisClient, UnauthenticatedError } from "../sdk/src/index.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const client = (token: string, transport: "connect" | "grpc" = "connect") =>
  new OS1Client({ endpoint: server.url, auth: { type: "token", token }, transport });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(["connect", "grpc"] as const)("client.offices over %s", (transport) => {
  it("create, list, get, status, settings, update, delete with the docs' shapes", async () => {
    const { apiKey } = await server.newAccount(`offices-${transport}`);
    const offices = client(apiKey, transport).offices;
    const before = Date.now();

    const office = await offices.create({ name: "My Colony" });
    expect(office).toEqual({ id: expect.stringMatching(UUID), name: "My Colony", status: "active", createdAt: expect.any(String) });
    expect(new Date(office.createdAt).toISOString()).toBe(office.createdAt);
    expect(Date.parse(office.createdAt)).toBeGreaterThanOrEqual(before - 5_000);

    expect(await offices.list()).toEqual([office]);
    expect(await offices.get(office.id)).toEqual(office);
    expect(await offices.status(office.id)).toEqual({
      officeId: office.id,
      status: "active",
      agentCount: 0,
      runningAgentCount: 0,
      openTaskCount: 0,
      creditBalance: 0,
    });

    expect(await offices.getSettings(office.id)).toEqual({
      allowAgentHiring: false,
      agentIdleTimeoutMinutes: 10,
      defaultModelTier: "sonnet",
    });
    expect(await offices.updateSettings(office.id, { allowAgentHiring: true })).toEqual({
      allowAgentHiring: true,
      agentIdleTimeoutMinutes: 10,
      defaultModelTier: "sonnet",
    });
    // Absent fields keep their value.
    await offices.updateSettings(office.id, { agentIdleTimeoutMinutes: 30, defaultModelTier: "opus" });
    expect(await offices.getSettings(office.id)).toEqual({ allowAgentHiring: true, agentIdleTimeoutMinutes: 30, defaultModelTier: "opus" });

    await offices.delete(office.id);
    expect(await failure(offices.get(office.id))).toBeInstanceOf(NotFoundError);
    expect(await offices.list()).toEqual([]);
  });

  it("returns every office through list() and iterate(), oldest first, across pages", async () => {
    const { apiKey } = await server.newAccount(`paging-${transport}`);
    const offices = client(apiKey, transport).offices;
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await offices.create({ name: `office ${i}` }));

    const iterated = [];
    for await (const office of offices.iterate({ pageSize: 2 })) iterated.push(office);
    expect(iterated.map((o) => o.id)).toEqual(created.map((o) => o.id));
    expect((await offices.list()).map((o) => o.id)).toEqual(created.map((o) => o.id));
  });
});

describe("office isolation between accounts", () => {
  it("account B cannot see or touch account A's office", async () => {
    const a = client((await server.newAccount("isolation-a")).apiKey).offices;
    const b = client((await server.newAccount("isolation-b")).apiKey).offices;
    const office = await a.create({ name: "A's office" });
    await b.create({ name: "B's office" });

    for (const attempt of [
      () => b.get(office.id),
      () => b.status(office.id),
      () => b.getSettings(office.id),
      () => b.updateSettings(office.id, { allowAgentHiring: true }),
      () => b.delete(office.id),
    ]) {
      const err = await failure(attempt());
      expect(err).toBeInstanceOf(NotFoundError);
      expect(err.status).toBe(404);
      expect(err.code).toBe("not_found");
    }
    expect((await b.list()).map((o) => o.name)).toEqual(["B's office"]);
    // B's attempts changed nothing.
    expect(await a.get(office.id)).toEqual(office);
    expect((await a.getSettings(office.id)).allowAgentHiring).toBe(false);
  });
});

describe("typed errors", () => {
  it("rejects an empty name with InvalidArgumentError naming the field", async () => {
    const offices = client(server.adminKey).offices;
    for (const name of ["", "   "]) {
      const err = await failure(offices.create({ name }));
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(err.status).toBe(400);
      expect((err as InvalidArgumentError).violations.map((v) => v.field)).toEqual(["name"]);
    }
  });

  it("rejects an id that is not a UUID with InvalidArgumentError on office_id", async () => {
    const err = await failure(client(server.adminKey, "grpc").offices.get("not-a-uuid"));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.code).toBe("invalid_argument");
    expect((err as InvalidArgumentError).violations).toEqual([{ field: "office_id", message: expect.any(String) }]);
  });

  it("answers a bad token with UnauthenticatedError and the login hint", async () => {
    for (const transport of ["connect", "grpc"] as const) {
      const err = await failure(client("mi_not_a_real_key", transport).offices.list());
      expect(err).toBeInstanceOf(UnauthenticatedError);
      expect(err.status).toBe(401);
      expect(err.message).toMatch(/Run mi login to re-authenticate\.$/);
    }
  });

  it("exports MitosisClient as the same class", () => {
    expect(MitosisClient).toBe(OS1Client);
  });
});
