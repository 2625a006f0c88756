import { failure } from "./support/sdk.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, OS1Client, PermissionDeniedError, UnauthenticatedError } from "../sdk/src/index.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const client = (token: string) => new OS1Client({ endpoint: server.url, auth: { type: "token", token } });

describe("client.account", () => {
  it("tells who the caller is", async () => {
    const { accountId, apiKey } = await server.newAccount("Ada");
    expect(await client(apiKey).account.get()).toEqual({ id: accountId, name: "Ada", admin: false, createdAt: expect.any(String) });
    expect((await client(server.adminKey).account.get()).admin).toBe(true);
  });

  it("lets only administrators create accounts", async () => {
    const created = await client(server.adminKey).account.create({ name: "Grace" });
    expect(created.account).toMatchObject({ name: "Grace", admin: false });
    expect(await client(created.apiKey).account.get()).toEqual(created.account);
    const err = await failure(client(created.apiKey).account.create({ name: "Mallory" }));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err.status).toBe(403);
  });
});

describe("client.apiKeys", () => {
  it("creates a working key, lists it without the secret, and revokes it", async () => {
    const { apiKey } = await server.newAccount("keys");
    const keys = client(apiKey).apiKeys;

    const created = await keys.create({ name: "ci", ttlDays: 30 });
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    expect(created.apiKey).toMatchObject({ name: "ci", revokedAt: null });
    // The server may read its clock twice; a minute of slack still proves "30 days".
    const lifetime = Date.parse(created.apiKey.expiresAt!) - Date.parse(created.apiKey.createdAt);
    expect(Math.abs(lifetime - 30 * 86_400_000)).toBeLessThan(60_000);
    expect((await client(created.secret).account.get()).name).toBe("keys");

    const listed = await keys.list();
    expect(listed.map((k) => k.id)).toContain(created.apiKey.id);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const revoked = await keys.revoke(created.apiKey.id);
    expect(revoked.revokedAt).not.toBeNull();
    const err = await failure(client(created.secret).account.get());
    expect(err).toBeInstanceOf(UnauthenticatedError);
  });

  it("cannot revoke another account's key", async () => {
    const mine = client((await server.newAccount("owner")).apiKey).apiKeys;
    const theirs = client((await server.newAccount("other")).apiKey).apiKeys;
    const key = await mine.create({ name: "private" });
    expect(await failure(theirs.revoke(key.apiKey.id))).toBeInstanceOf(NotFoundError);
    expect((await mine.list()).find((k) => k.id === key.apiKey.id)?.revokedAt).toBeNull();
  });
});
