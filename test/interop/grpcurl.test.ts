import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { interopTools, type InteropTools } from "./support.js";
import { run } from "../support/run.js";

// grpcurl with no .proto files at all: everything it knows comes from server reflection.
let server: TestServer;
let tools: InteropTools;
let key: string;

beforeAll(async () => {
  [server, tools] = await Promise.all([startTestServer(), interopTools()]);
  key = (await server.newAccount("grpcurl")).apiKey;
});
afterAll(() => server?.stop());

/** grpcurl -plaintext ADDR list|describe [SYMBOL]. */
function grpcurl(...verb: string[]) {
  return run(tools.grpcurl, ["-plaintext", `127.0.0.1:${server.port}`, ...verb], { env: tools.env });
}

/** grpcurl with a request body and method: grpcurl -plaintext [opts] -d BODY ADDR METHOD. */
function call(method: string, body: object, opts: string[] = []) {
  return run(tools.grpcurl, ["-plaintext", ...opts, "-d", JSON.stringify(body), `127.0.0.1:${server.port}`, method], {
    env: tools.env,
  });
}

describe("grpcurl through server reflection", () => {
  it("lists the services", async () => {
    const res = await grpcurl("list");
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.trim().split("\n")).toEqual(
      expect.arrayContaining([
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
        "mitosis.v1.AccountService",
        "mitosis.v1.OfficeService",
      ]),
    );
  });

  it("describes a service and a message", async () => {
    const service = await grpcurl("describe", "mitosis.v1.OfficeService");
    expect(service.code, service.stderr).toBe(0);
    expect(service.stdout).toContain("rpc CreateOffice ( .mitosis.v1.CreateOfficeRequest ) returns ( .mitosis.v1.CreateOfficeResponse )");
    expect(service.stdout).toContain("rpc DeleteOffice ( .mitosis.v1.DeleteOfficeRequest ) returns ( .mitosis.v1.DeleteOfficeResponse )");
    const message = await grpcurl("describe", "mitosis.v1.UpdateOfficeSettingsRequest");
    expect(message.code, message.stderr).toBe(0);
    expect(message.stdout).toMatch(/optional int32 agent_idle_timeout_minutes = 3/);
  });

  it("calls CreateOffice with a bearer token, then reads the office back", async () => {
    const auth = ["-H", `authorization: Bearer ${key}`];
    const created = await call("mitosis.v1.OfficeService/CreateOffice", { name: "x" }, auth);
    expect(created.code, created.stderr).toBe(0);
    const { office } = JSON.parse(created.stdout) as { office: { id: string; name: string; status: string } };
    expect(office).toMatchObject({ name: "x", status: "OFFICE_STATE_ACTIVE" });
    const got = await call("mitosis.v1.OfficeService/GetOffice", { officeId: office.id }, auth);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toEqual({ office });
  });

  it("shows the gRPC status of failed calls, with validation details decoded through reflection", async () => {
    // grpcurl exits with 64 + the gRPC status code.
    const anonymous = await call("mitosis.v1.OfficeService/CreateOffice", { name: "x" });
    expect(anonymous.code).toBe(64 + 16);
    expect(anonymous.stderr).toContain("Code: Unauthenticated");
    const invalid = await call("mitosis.v1.OfficeService/CreateOffice", { name: "" }, ["-H", `authorization: Bearer ${key}`]);
    expect(invalid.code).toBe(64 + 3);
    expect(invalid.stderr).toContain("Code: InvalidArgument");
    expect(invalid.stderr).toContain('"@type": "type.googleapis.com/buf.validate.Violations"');
    expect(invalid.stderr).toContain('"fieldName": "name"');
  });

  it("reports the server as SERVING through grpc.health.v1", async () => {
    const res = await call("grpc.health.v1.Health/Check", {});
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ status: "SERVING" });
  });
});
