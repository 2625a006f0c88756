import { createConnectRouter } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { compileBindings } from "./bindings.js";
import { parsePathTemplate } from "./path-template.js";
import { PathValueError, RouteTrie } from "./router.js";
import { registerEchoFixtureService } from "./testing/fixture-service.js";

/** Routes named by "METHOD template"; the target is that name. */
const routes = [
  "GET /api/offices",
  "POST /api/offices",
  "GET /api/offices/{office_id}",
  "DELETE /api/offices/{office_id}",
  "GET /api/offices/{office_id}/status",
  "GET /api/offices/default/status",
  "POST /api/offices/{office_id}/tasks:claim",
  "POST /api/offices/{office_id}/tasks",
  "GET /api/offices/{office_id}/tasks/{task_id}",
  "GET /api/offices/{office_id}/files/{path=**}",
  "GET /api/offices/{office_id}/files/{path=**}:download",
  "GET /v1/{name=shelves/*/books/*}",
  "GET /v1/shelves/{shelf}/books/latest",
  "PURGE /v1/cache/{key}",
  "* /v1/any/{key}",
  "GET /v1/colon/{id}",
];

function trie(): RouteTrie<string> {
  const t = new RouteTrie<string>();
  for (const name of routes) {
    const [httpMethod, template] = name.split(" ") as [string, string];
    t.add({ httpMethod, template: parsePathTemplate(template), name, target: name });
  }
  return t;
}

interface MatchCase {
  request: string;
  route?: string;
  vars?: Record<string, string>;
  allowed?: string[];
}

const matchCases: MatchCase[] = [
  { request: "GET /api/offices", route: "GET /api/offices", vars: {} },
  { request: "POST /api/offices", route: "POST /api/offices", vars: {} },
  { request: "GET /api/offices/o1", route: "GET /api/offices/{office_id}", vars: { office_id: "o1" } },
  { request: "DELETE /api/offices/o1", route: "DELETE /api/offices/{office_id}", vars: { office_id: "o1" } },
  // A literal segment wins over a variable at the same position.
  { request: "GET /api/offices/default/status", route: "GET /api/offices/default/status", vars: {} },
  { request: "GET /api/offices/o2/status", route: "GET /api/offices/{office_id}/status", vars: { office_id: "o2" } },
  // ...but only if it leads to a route for the method; else the variable route is tried.
  { request: "GET /v1/shelves/s1/books/latest", route: "GET /v1/shelves/{shelf}/books/latest", vars: { shelf: "s1" } },
  { request: "GET /v1/shelves/s1/books/b2", route: "GET /v1/{name=shelves/*/books/*}", vars: { name: "shelves/s1/books/b2" } },
  // :verb
  { request: "POST /api/offices/o1/tasks:claim", route: "POST /api/offices/{office_id}/tasks:claim", vars: { office_id: "o1" } },
  { request: "POST /api/offices/o1/tasks", route: "POST /api/offices/{office_id}/tasks", vars: { office_id: "o1" } },
  { request: "POST /api/offices/o1/tasks:unknown", allowed: undefined },
  // A colon that is no verb stays part of a variable value.
  { request: "GET /v1/colon/a:b", route: "GET /v1/colon/{id}", vars: { id: "a:b" } },
  // ** takes the rest of the path, including zero segments, and keeps %2F encoded.
  {
    request: "GET /api/offices/o1/files/a/b/c.txt",
    route: "GET /api/offices/{office_id}/files/{path=**}",
    vars: { office_id: "o1", path: "a/b/c.txt" },
  },
  { request: "GET /api/offices/o1/files/", allowed: undefined },
  { request: "GET /api/offices/o1/files", route: "GET /api/offices/{office_id}/files/{path=**}", vars: { office_id: "o1", path: "" } },
  {
    request: "GET /api/offices/o1/files/a%2Fb/c%20d",
    route: "GET /api/offices/{office_id}/files/{path=**}",
    vars: { office_id: "o1", path: "a%2Fb/c d" },
  },
  {
    request: "GET /api/offices/o1/files/a/b.txt:download",
    route: "GET /api/offices/{office_id}/files/{path=**}:download",
    vars: { office_id: "o1", path: "a/b.txt" },
  },
  // Single-segment variables are fully decoded, literals match their decoded form.
  { request: "GET /api/offices/a%2Fb%20c", route: "GET /api/offices/{office_id}", vars: { office_id: "a/b c" } },
  { request: "GET /api/%6Fffices", route: "GET /api/offices", vars: {} },
  { request: "GET /api/offices/%E2%9C%93", route: "GET /api/offices/{office_id}", vars: { office_id: "✓" } },
  // Custom methods, and "*" that accepts any method.
  { request: "PURGE /v1/cache/k1", route: "PURGE /v1/cache/{key}", vars: { key: "k1" } },
  { request: "PATCH /v1/any/k1", route: "* /v1/any/{key}", vars: { key: "k1" } },
  // HEAD is served by GET.
  { request: "HEAD /api/offices/o1", route: "GET /api/offices/{office_id}", vars: { office_id: "o1" } },
  // Path matched, method not: 405 with every method the path allows.
  { request: "PUT /api/offices", allowed: ["GET", "HEAD", "POST"] },
  { request: "PATCH /api/offices/o1", allowed: ["DELETE", "GET", "HEAD"] },
  { request: "GET /api/offices/o1/tasks:claim", allowed: ["POST"] },
  { request: "GET /v1/cache/k1", allowed: ["PURGE"] },
  // No route at all.
  { request: "GET /api", allowed: undefined },
  { request: "GET /api/offices/o1/nothing", allowed: undefined },
  { request: "GET /api/offices//status", allowed: undefined },
  { request: "GET /api/offices/", allowed: undefined },
  { request: "GET /", allowed: undefined },
  { request: "GET api/offices", allowed: undefined },
];

describe("RouteTrie.match", () => {
  const t = trie();
  it.each(matchCases)("$request", ({ request, route, vars, allowed }) => {
    const [method, path] = request.split(" ") as [string, string];
    const match = t.match(method, path);
    if (route !== undefined) {
      expect(match.kind).toBe("match");
      if (match.kind === "match") {
        expect(match.route.target).toBe(route);
        expect(Object.fromEntries(match.variables)).toEqual(vars);
      }
    } else if (allowed !== undefined) {
      expect(match).toEqual({ kind: "method_not_allowed", allowed });
    } else {
      expect(match).toEqual({ kind: "no_match" });
    }
  });

  it("rejects a variable value with a malformed percent-escape", () => {
    expect(() => t.match("GET", "/api/offices/%E2%9C")).toThrow(PathValueError);
    expect(() => t.match("GET", "/api/offices/%zz")).toThrow('path segment "%zz" has an invalid percent-escape');
  });
});

describe("RouteTrie.add", () => {
  it.each([
    ["GET /a/{x}", "GET /a/{y}"],
    ["GET /a/{x}", "GET /a/*"],
    ["GET /a/{x=**}", "GET /a/**"],
    ["POST /a/{x}:go", "POST /a/{y=*}:go"],
    ["GET /a%2fb", "GET /a%2Fb"],
  ])("refuses %s next to %s", (first, second) => {
    const t = new RouteTrie<string>();
    const add = (name: string) => {
      const [httpMethod, template] = name.split(" ") as [string, string];
      t.add({ httpMethod, template: parsePathTemplate(template), name: `method of ${name}`, target: name });
    };
    add(first);
    expect(() => add(second)).toThrow(/conflicting REST bindings: .* \(method of .*\) and .* \(method of .*\) match the same requests/);
  });

  it.each([
    ["GET /a/{x}", "POST /a/{x}"],
    ["GET /a/{x}", "GET /a/{x}:go"],
    ["GET /a/{x}", "GET /a/b"],
    ["GET /a/{x}", "GET /a/{x=**}"],
  ])("accepts %s next to %s", (first, second) => {
    const t = new RouteTrie<string>();
    for (const name of [first, second]) {
      const [httpMethod, template] = name.split(" ") as [string, string];
      t.add({ httpMethod, template: parsePathTemplate(template), name, target: name });
    }
    const [method, template] = second.split(" ") as [string, string];
    const path = template.replace("{x=**}", "p/q").replace("{x}", "v");
    const match = t.match(method, path);
    expect(match.kind === "match" && match.route.target).toBe(second);
  });

  it("names both methods when two RPCs bind the same route", () => {
    const router = createConnectRouter();
    registerEchoFixtureService(router);
    const { bindings } = compileBindings(router.handlers);
    const t = new RouteTrie<unknown>();
    const getItem = bindings.find((b) => b.operationId === "FixtureService_GetItem_1")!;
    const purge = bindings.find((b) => b.operationId === "FixtureService_PurgeItem")!;
    t.add({ httpMethod: "GET", template: getItem.template, name: getItem.name, target: getItem });
    expect(() => t.add({ httpMethod: "GET", template: purge.template, name: purge.name, target: purge })).toThrow(
      'conflicting REST bindings: "GET /v1/items/{id}" (resttest.v1.FixtureService.GetItem) and "GET /v1/items/{id}" (resttest.v1.FixtureService.PurgeItem) match the same requests',
    );
  });
});
