import { credentials, Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  OfficeServiceClient,
  OfficeState,
  type CreateOfficeResponse,
  type GetOfficeResponse,
  type GetOfficeSettingsResponse,
  type ListOfficesResponse,
  type UpdateOfficeSettingsResponse,
} from "../../gen/ts-grpc/mitosis/v1/office.js";
import { startTestServer, type TestServer } from "../support/server.js";

// The second TS client flavour: plain @grpc/grpc-js with the ts-proto stubs of gen/ts-grpc,
// over HTTP/2 with no Connect code on the client side.
let server: TestServer;
let client: OfficeServiceClient;
let key: string;

beforeAll(async () => {
  server = await startTestServer();
  key = (await server.newAccount("grpc-js")).apiKey;
  client = new OfficeServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
});
afterAll(async () => {
  client?.close();
  await server?.stop();
});

function auth(apiKey?: string): Metadata {
  const md = new Metadata();
  if (apiKey) md.set("authorization", `Bearer ${apiKey}`);
  return md;
}

/** Promise form of one callback-style unary call. */
function unary<T>(call: (cb: (err: ServiceError | null, res: T) => void) => unknown): Promise<T> {
  return new Promise((resolve, reject) => call((err, res) => (err ? reject(err) : resolve(res))));
}

async function codeOf(promise: Promise<unknown>): Promise<status | undefined> {
  return promise.then(
    () => undefined,
    (err: ServiceError) => err.code,
  );
}

describe("grpc-js client (gen/ts-grpc)", () => {
  it("creates, lists, reads, updates and deletes an office", async () => {
    const md = auth(key);
    const { office } = await unary<CreateOfficeResponse>((cb) => client.createOffice({ name: "interop grpc-js" }, md, cb));
    expect(office).toMatchObject({ name: "interop grpc-js", status: OfficeState.OFFICE_STATE_ACTIVE });
    const id = office!.id;

    const listed = await unary<ListOfficesResponse>((cb) => client.listOffices({ pageSize: 0, pageToken: "" }, md, cb));
    expect(listed.offices.map((o) => o.id)).toContain(id);
    const got = await unary<GetOfficeResponse>((cb) => client.getOffice({ officeId: id }, md, cb));
    expect(got.office).toEqual(office);

    const updated = await unary<UpdateOfficeSettingsResponse>((cb) =>
      client.updateOfficeSettings({ officeId: id, allowAgentHiring: true, agentIdleTimeoutMinutes: 45, defaultModelTier: "opus" }, md, cb),
    );
    expect(updated.settings).toEqual({ allowAgentHiring: true, agentIdleTimeoutMinutes: 45, defaultModelTier: "opus" });
    // Fields left out of an update keep their value (proto3 optional presence on the wire).
    await unary((cb) => client.updateOfficeSettings({ officeId: id, agentIdleTimeoutMinutes: 5 }, md, cb));
    const stored = await unary<GetOfficeSettingsResponse>((cb) => client.getOfficeSettings({ officeId: id }, md, cb));
    expect(stored.settings).toEqual({ allowAgentHiring: true, agentIdleTimeoutMinutes: 5, defaultModelTier: "opus" });

    await unary((cb) => client.deleteOffice({ officeId: id }, md, cb));
    expect(await codeOf(unary((cb) => client.getOffice({ officeId: id }, md, cb)))).toBe(status.NOT_FOUND);
  });

  it("sends the error codes on the wire: UNAUTHENTICATED, NOT_FOUND, INVALID_ARGUMENT", async () => {
    const list = (md: Metadata) => unary((cb) => client.listOffices({ pageSize: 0, pageToken: "" }, md, cb));
    expect(await codeOf(list(auth()))).toBe(status.UNAUTHENTICATED);
    expect(await codeOf(list(auth("mi_not_a_real_key")))).toBe(status.UNAUTHENTICATED);

    const md = auth(key);
    const unknown = unary((cb) => client.getOffice({ officeId: "6b1f3c1e-5d2a-4c39-9a57-0f7e3e4b2a10" }, md, cb));
    expect(await codeOf(unknown)).toBe(status.NOT_FOUND);
    const other = auth((await server.newAccount("grpc-js other")).apiKey);
    const { office } = await unary<CreateOfficeResponse>((cb) => client.createOffice({ name: "private" }, md, cb));
    expect(await codeOf(unary((cb) => client.getOffice({ officeId: office!.id }, other, cb)))).toBe(status.NOT_FOUND);

    const empty = await unary((cb) => client.createOffice({ name: "" }, md, cb)).catch((e: ServiceError) => e);
    expect(empty).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringContaining("name") });
    expect(await codeOf(unary((cb) => client.getOffice({ officeId: "not-a-uuid" }, md, cb)))).toBe(status.INVALID_ARGUMENT);
  });
});
