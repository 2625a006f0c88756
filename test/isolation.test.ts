/**
 * Isolation, generated from the API itself: every RPC of every service the server implements
 * (the feature list) whose request names an office in `office_id` is called by a second account
 * on the first account's office, over Connect and over REST, and must answer not_found. New
 * services are covered the day their feature is listed, with no edit here.
 */
import { toJson, type DescMethod, type DescService } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { createConnectRouter } from "@connectrpc/connect";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { TaskService } from "../gen/ts/mitosis/v1/task_pb.js";
import { features } from "../src/features/index.js";
import { compileBindings } from "../src/rest/bindings.js";
import { clientFor } from "./support/clients.js";
import { samplePath } from "./support/rest-paths.js";
import { validRequest } from "./support/valid-request.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let officeId: string;
let strangerKey: string;

beforeAll(async () => {
  server = await startTestServer();
  officeId = (await clientFor(OfficeService, server.url, server.adminKey).createOffice({ name: "private" })).office!.id;
  await clientFor(TaskService, server.url, server.adminKey).createTask({ officeId, title: "private task" });
  strangerKey = (await server.newAccount("stranger")).apiKey;
});
afterAll(async () => server?.stop());

const services: DescService[] = features.flatMap((f) => [...f.services]);
const officeMethods: DescMethod[] = services.flatMap((s) => s.methods.filter((m) => m.input.fields.some((f) => f.name === "office_id")));

it("covers every office-scoped RPC of the implemented services", () => {
  expect(services.map((s) => s.typeName)).toEqual(
    expect.arrayContaining(["mitosis.v1.OfficeService", "mitosis.v1.TaskService", "mitosis.v1.CreditService"]),
  );
  expect(officeMethods.length).toBeGreaterThanOrEqual(23);
});

it("answers not_found to another account on every office-scoped RPC over Connect", async () => {
  const answers: Record<string, string> = {};
  for (const method of officeMethods) {
    const client = clientFor(method.parent, server.url, strangerKey) as unknown as Record<string, (req: unknown) => unknown>;
    const request = validRequest(method.input, { officeId });
    try {
      const call = client[method.localName]!(request);
      if (method.methodKind === "server_streaming") for await (const _ of call as AsyncIterable<unknown>) break;
      else await call;
      answers[method.name] = "ok";
    } catch (err) {
      const e = ConnectError.from(err);
      answers[method.name] = e.rawMessage.includes(`office ${officeId} not found`) ? Code[e.code]! : `${Code[e.code]}: ${e.rawMessage}`;
    }
  }
  expect(answers).toEqual(Object.fromEntries(officeMethods.map((m) => [m.name, "NotFound"])));
});

it("answers 404 to another account on every office-scoped REST route", async () => {
  const router = createConnectRouter();
  for (const service of services) router.service(service, {});
  const bindings = compileBindings(router.handlers).bindings.filter((b) => officeMethods.includes(b.method));
  expect(bindings.length).toBeGreaterThanOrEqual(officeMethods.filter((m) => m.methodKind === "unary").length);
  const answers: Record<string, number> = {};
  for (const binding of bindings) {
    const method = binding.httpMethod === "*" ? "POST" : binding.httpMethod;
    // A request valid in every field, so nothing but the office can turn the stranger away;
    // fields the path binds are sent only there.
    const request = toJson(binding.method.input, validRequest(binding.method.input, { officeId })) as Record<string, unknown>;
    const pathValues: Record<string, string> = { office_id: officeId };
    for (const bound of binding.pathFields) {
      const field = bound.fields[0]!;
      if (field.name !== "office_id") pathValues[field.name] = String(request[field.jsonName]);
      delete request[field.jsonName];
    }
    const body =
      binding.body.kind === "all" ? request : binding.body.kind === "field" ? (request[binding.body.field.jsonName] ?? {}) : undefined;
    const query = binding.body.kind === "none" ? queryOf(request) : "";
    const res = await fetch(server.url + samplePath(binding, pathValues) + query, {
      method,
      headers: { authorization: `Bearer ${strangerKey}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = (await res.json()) as { message?: string };
    // The office's own not-found, not a route that does not exist.
    answers[`${method} ${binding.name}`] = answer.message?.includes(`office ${officeId} not found`) ? res.status : -res.status;
  }
  expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, 404])));
});

it("still lets the owner in", async () => {
  const stats = await clientFor(TaskService, server.url, server.adminKey).getTaskStats({ officeId });
  expect(stats.stats).toMatchObject({ total: 1, queued: 1 });
});

/** Scalar fields of a request as a query string (REST GETs carry their fields there). */
function queryOf(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "object") continue;
    params.set(name, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}
