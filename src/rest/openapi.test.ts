import { createConnectRouter } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { compileBindings } from "./bindings.js";
import { buildOpenApi } from "./openapi.js";
import { registerEchoOfficeService } from "./testing/echo-office-service.js";
import { registerEchoFixtureService } from "./testing/fixture-service.js";

const router = createConnectRouter();
registerEchoOfficeService(router);
registerEchoFixtureService(router);
// A loosely typed view: the tests walk the document like any client would.
// biome-ignore lint/suspicious/noExplicitAny: the test walks the document freely
const doc = buildOpenApi(compileBindings(router.handlers).bindings, { title: "Test API", version: "9" }) as any;

describe("buildOpenApi", () => {
  it("is an OpenAPI 3.1 document with bearer auth and an error schema", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toEqual({ title: "Test API", version: "9" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas["google.rpc.Status"]).toMatchObject({
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "integer" }, message: { type: "string" } },
    });
    expect(doc.tags).toEqual([{ name: "FixtureService" }, { name: "OfficeService" }]);
  });

  it("lists every binding under its path and method, with a unique operationId", () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as object).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${(op as { operationId: string }).operationId}`,
      ),
    );
    expect(operations.sort()).toEqual(
      [
        "POST /api/offices OfficeService_CreateOffice",
        "GET /api/offices OfficeService_ListOffices",
        "GET /api/offices/{office_id} OfficeService_GetOffice",
        "DELETE /api/offices/{office_id} OfficeService_DeleteOffice",
        "GET /api/offices/{office_id}/status OfficeService_GetOfficeStatus",
        "GET /api/offices/{office_id}/settings OfficeService_GetOfficeSettings",
        "PATCH /api/offices/{office_id}/settings OfficeService_UpdateOfficeSettings",
        "GET /v1/offices/{inner.office_id}/items/{id} FixtureService_GetItem",
        "GET /v1/items/{id} FixtureService_GetItem_1",
        "GET /v1/items FixtureService_ListItems",
        "POST /v1/offices/{office_id}/items FixtureService_CreateItem",
        "PATCH /v1/items/{item.id} FixtureService_UpdateItem",
        "PUT /v1/items/{item.id} FixtureService_ReplaceItem",
        "POST /v1/items/{id}:claim FixtureService_ClaimItem",
        "GET /v1/files/{name} FixtureService_GetFile",
        "GET /v1/{name} FixtureService_GetBook",
        "GET /v1/items/{id}/name FixtureService_GetItemName",
        "GET /v1/sizes/{size}/{state}/{flag} FixtureService_GetItemBySize",
      ].sort(),
    );
  });

  it("describes path and query parameters from the request fields", () => {
    const get = doc.paths["/api/offices/{office_id}"].get;
    expect(get.parameters).toEqual([{ name: "office_id", in: "path", required: true, schema: { type: "string" } }]);
    expect(get.requestBody).toBeUndefined();
    const list = doc.paths["/api/offices"].get;
    expect(list.parameters).toEqual([
      { name: "pageSize", in: "query", schema: { type: "integer", format: "int32" } },
      { name: "pageToken", in: "query", schema: { type: "string" } },
    ]);
    const items = doc.paths["/v1/items"].get.parameters.map((p: { name: string }) => p.name);
    expect(items).toContain("inner.officeId");
    expect(items).toContain("inner.n");
    // Recursive messages are not expanded (the transcoder would still accept parent.name).
    expect(items).not.toContain("parent");
    expect(items).not.toContain("parent.name");
    expect(items).not.toContain("attrs");
    expect(items).not.toContain("inners");
    expect(doc.paths["/v1/items"].get.parameters.find((p: { name: string }) => p.name === "labels")).toEqual({
      name: "labels",
      in: "query",
      schema: { type: "array", items: { type: "string" } },
      style: "form",
      explode: true,
    });
    // Fields bound by the path are not offered again as query parameters.
    const nested = doc.paths["/v1/offices/{inner.office_id}/items/{id}"].get.parameters.map((p: { name: string }) => p.name);
    expect(nested.slice(0, 2)).toEqual(["inner.office_id", "id"]);
    expect(nested).not.toContain("inner.officeId");
    expect(nested).toContain("inner.n");
    expect(doc.paths["/v1/{name}"].get.parameters[0].description).toBe(
      "Matches `shelves/*/books/*`; its slashes are sent as they are, not percent-encoded.",
    );
  });

  it("describes request bodies: the message without its path fields, or the body field", () => {
    const patch = doc.paths["/api/offices/{office_id}/settings"].patch;
    expect(patch.requestBody).toEqual({
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: {
              allowAgentHiring: { type: "boolean" },
              agentIdleTimeoutMinutes: { type: "integer", format: "int32" },
              defaultModelTier: { type: "string" },
            },
          },
        },
      },
    });
    expect(patch.parameters).toHaveLength(1);
    const create = doc.paths["/v1/offices/{office_id}/items"].post;
    expect(create.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/resttest.v1.Item" });
    expect(create.parameters.map((p: { name: string }) => p.name)).toEqual(["office_id", "note"]);
  });

  it("describes responses, honoring response_body, with errors as google.rpc.Status", () => {
    const get = doc.paths["/api/offices/{office_id}"].get;
    expect(get.responses).toEqual({
      "200": {
        description: "OK",
        content: { "application/json": { schema: { $ref: "#/components/schemas/mitosis.v1.GetOfficeResponse" } } },
      },
      default: { $ref: "#/components/responses/Error" },
    });
    expect(doc.paths["/v1/items/{id}/name"].get.responses["200"].content["application/json"].schema).toEqual({ type: "string" });
  });

  it("maps proto JSON types: enums as strings, int64 as strings, Timestamp as date-time", () => {
    const schemas = doc.components.schemas;
    expect(schemas["mitosis.v1.Office"]).toEqual({
      type: "object",
      properties: {
        id: { type: "string" },
        name: { type: "string" },
        status: { $ref: "#/components/schemas/mitosis.v1.OfficeState" },
        createdAt: { type: "string", format: "date-time" },
      },
    });
    expect(schemas["mitosis.v1.OfficeState"]).toEqual({
      type: "string",
      enum: ["OFFICE_STATE_UNSPECIFIED", "OFFICE_STATE_PROVISIONING", "OFFICE_STATE_ACTIVE", "OFFICE_STATE_SUSPENDED"],
    });
    expect(schemas["mitosis.v1.OfficeStatus"].properties.creditBalance).toEqual({ type: "string", format: "int64", pattern: "^-?[0-9]+$" });
    const item = schemas["resttest.v1.Item"].properties;
    expect(item.parent).toEqual({ $ref: "#/components/schemas/resttest.v1.Item" });
    expect(item.wrapped).toEqual({ type: ["integer", "null"], format: "int32" });
    expect(item.attrs).toEqual({ type: "object", additionalProperties: { type: "string" } });
    expect(item.data).toEqual({ type: "string", contentEncoding: "base64" });
    expect(item.big).toEqual({ type: "string", format: "uint64", pattern: "^[0-9]+$" });
    expect(item.ttl).toMatchObject({ type: "string" });
    expect(item.states).toEqual({ type: "array", items: { $ref: "#/components/schemas/resttest.v1.State" } });
  });

  it("has no dangling $ref", () => {
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(walk);
      } else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "$ref") {
            refs.add(value as string);
          } else {
            walk(value);
          }
        }
      }
    };
    walk(doc);
    expect(refs.size).toBeGreaterThan(10);
    for (const ref of refs) {
      const [, section, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref) ?? [];
      expect(doc.components[section!]?.[name!], ref).toBeDefined();
    }
  });
});
