/**
 * Bad input, generated from the API like the isolation test: every RPC of every implemented
 * service that names an office is called by its owner with a request valid in every field but
 * `office_id`, which is not a UUID, and must answer invalid_argument naming that field, before
 * anything is read or written. New services are covered the day their feature is listed.
 */
import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, expect, it } from "vitest";
import { features } from "../src/features/index.js";
import { clientFor } from "./support/clients.js";
import { validRequest } from "./support/valid-request.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const services: DescService[] = features.flatMap((f) => [...f.services]);
const officeMethods: DescMethod[] = services.flatMap((s) =>
  s.methods.filter((m) => m.methodKind !== "client_streaming" && m.input.fields.some((f) => f.name === "office_id")),
);

it("answers invalid_argument naming office_id on every office-scoped RPC", async () => {
  expect(officeMethods.length).toBeGreaterThanOrEqual(60);
  const answers: Record<string, string> = {};
  for (const method of officeMethods) {
    const client = clientFor(method.parent, server.url, server.adminKey) as unknown as Record<string, (req: unknown) => unknown>;
    const request = { ...validRequest(method.input, { officeId: "not-a-uuid" }), officeId: "not-a-uuid" };
    try {
      const call = client[method.localName]!(request);
      if (method.methodKind === "server_streaming") for await (const _ of call as AsyncIterable<unknown>) break;
      else await call;
      answers[method.name] = "ok";
    } catch (err) {
      const e = ConnectError.from(err);
      answers[method.name] =
        e.code === Code.InvalidArgument && e.rawMessage.includes("office_id") ? "InvalidArgument" : `${Code[e.code]}: ${e.rawMessage}`;
    }
  }
  expect(answers).toEqual(Object.fromEntries(officeMethods.map((m) => [m.name, "InvalidArgument"])));
});
