import { createConnectRouter } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { compileBindings } from "./bindings.js";
import { formatPathTemplate } from "./path-template.js";
import { createRestTranscoder } from "./transcoder.js";
import { registerEchoOfficeService } from "./testing/echo-office-service.js";
import { registerEchoFixtureService, serviceWithRules } from "./testing/fixture-service.js";

function handlersOf(register: (router: ReturnType<typeof createConnectRouter>) => void) {
  const router = createConnectRouter();
  register(router);
  return router.handlers;
}

describe("compileBindings", () => {
  it("compiles every binding of every unary method, additional bindings included", () => {
    const { bindings, warnings } = compileBindings(handlersOf(registerEchoFixtureService));
    const summary = bindings.map((b) => {
      const body = b.body.kind === "field" ? `body=${b.body.field.name}` : `body=${b.body.kind}`;
      const response = b.responseField ? ` response=${b.responseField.name}` : "";
      return `${b.operationId}: ${b.httpMethod} ${formatPathTemplate(b.template)} ${body}${response}`;
    });
    expect(summary).toEqual([
      "FixtureService_GetItem: GET /v1/offices/{inner.office_id}/items/{id} body=none",
      "FixtureService_GetItem_1: GET /v1/items/{id} body=none",
      "FixtureService_ListItems: GET /v1/items body=none",
      "FixtureService_CreateItem: POST /v1/offices/{office_id}/items body=item",
      "FixtureService_UpdateItem: PATCH /v1/items/{item.id} body=item",
      "FixtureService_ReplaceItem: PUT /v1/items/{item.id} body=all",
      "FixtureService_ClaimItem: POST /v1/items/{id}:claim body=all",
      "FixtureService_GetFile: GET /v1/files/{name=**} body=none",
      "FixtureService_GetBook: GET /v1/{name=shelves/*/books/*} body=none",
      "FixtureService_GetItemName: GET /v1/items/{id}/name body=none response=name",
      "FixtureService_GetItemBySize: GET /v1/sizes/{size}/{state}/{flag} body=none",
      "FixtureService_PurgeItem: PURGE /v1/items/{id} body=none",
    ]);
    expect(warnings).toEqual([
      "resttest.v1.FixtureService.WatchItems: server-streaming methods are transcoded to REST only as byte streams; its response_body does not name a bytes field in a oneof, so it is not a byte stream; its google.api.http binding is ignored",
    ]);
  });

  it("compiles our own API without warnings", () => {
    const { bindings, warnings } = compileBindings(handlersOf(registerEchoOfficeService));
    expect(bindings.map((b) => `${b.httpMethod} ${b.template.source}`)).toEqual([
      "POST /api/offices",
      "GET /api/offices",
      "GET /api/offices/{office_id}",
      "GET /api/offices/{office_id}/status",
      "GET /api/offices/{office_id}/settings",
      "PATCH /api/offices/{office_id}/settings",
      "DELETE /api/offices/{office_id}",
    ]);
    expect(warnings).toEqual([]);
  });

  it.each([
    [
      { M: { pattern: { case: "get", value: "/v1/{nope}" } } },
      '.M: invalid google.api.http option: path variable {nope}: resttest.v1.Item has no field "nope"',
    ],
    [
      { M: { pattern: { case: "get", value: "/v1/{inner}" } } },
      "M: invalid google.api.http option: path variable {inner} must name a singular scalar, enum or scalar well-known-type field",
    ],
    [
      { M: { pattern: { case: "get", value: "/v1/{labels}" } } },
      "M: invalid google.api.http option: path variable {labels} must name a singular scalar",
    ],
    [
      { M: { pattern: { case: "get", value: "/v1/{name.x}" } } },
      "M: invalid google.api.http option: path variable {name.x}: resttest.v1.Item.name is not a singular message field",
    ],
    [
      { M: { pattern: { case: "get", value: "/v1/items/" } } },
      'M: invalid google.api.http option: path template "/v1/items/": syntax error at column 11',
    ],
    [
      { M: { pattern: { case: "post", value: "/v1/x" }, body: "nope" } },
      'M: invalid google.api.http option: body "nope" is not a top-level field of the message',
    ],
    [
      { M: { pattern: { case: "get", value: "/v1/x" }, responseBody: "inner.n" } },
      'M: invalid google.api.http option: response_body "inner.n" is not a top-level field',
    ],
    [{ M: { body: "*" } }, "M: invalid google.api.http option: no HTTP method and path"],
    [
      { M: { pattern: { case: "custom", value: { kind: "", path: "/v1/x" } } } },
      "M: invalid google.api.http option: custom pattern has no kind",
    ],
    [{ M: { pattern: { case: "get", value: "/v1/offices/{inner=*}/{inner.n}" }, input: "Item" } }, "path variable {inner} must name"],
  ] as const)("refuses %j", (rules, message) => {
    const service = serviceWithRules(rules as never);
    expect(() => compileBindings(handlersOf((r) => registerEchoFixtureService(r, service)))).toThrow(message);
  });

  it("warns about nested additional_bindings and ignores them", () => {
    const service = serviceWithRules({
      M: {
        pattern: { case: "get", value: "/v1/m/{id}" },
        additionalBindings: [
          { pattern: { case: "get", value: "/v1/n/{id}" }, additionalBindings: [{ pattern: { case: "get", value: "/v1/o/{id}" } }] },
        ],
      },
    });
    const { bindings, warnings } = compileBindings(handlersOf((r) => registerEchoFixtureService(r, service)));
    expect(bindings.map((b) => b.template.source)).toEqual(["/v1/m/{id}", "/v1/n/{id}"]);
    expect(warnings).toEqual([expect.stringMatching(/\.M: additional_bindings inside additional_bindings are ignored$/)]);
  });

  it("refuses a handler that does not serve the Connect protocol", () => {
    const router = createConnectRouter({ connect: false });
    registerEchoOfficeService(router);
    expect(() => compileBindings(router.handlers)).toThrow(
      "mitosis.v1.OfficeService.CreateOffice: REST transcoding needs the Connect protocol, but the handler only serves grpc, grpc-web",
    );
  });
});

describe("createRestTranscoder", () => {
  it("refuses two methods bound to the same route, naming both", () => {
    const service = serviceWithRules({ Clash: { pattern: { case: "get", value: "/v1/items/{name}" } } });
    const handlers = handlersOf((r) => {
      registerEchoFixtureService(r);
      registerEchoFixtureService(r, service);
    });
    expect(() => createRestTranscoder({ handlers, maxBodyBytes: 1024, log: createLogger("warn") })).toThrow(
      /^conflicting REST bindings: "GET \/v1\/items\/\{id\}" \(resttest\.v1\.FixtureService\.GetItem\) and "GET \/v1\/items\/\{name\}" \(resttest\.v1\.ExtraService\d+\.Clash\) match the same requests$/,
    );
  });
});
