import { toJson, type JsonValue } from "@bufbuild/protobuf";
import { createConnectRouter } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { compileBindings, type Binding } from "./bindings.js";
import { buildRequestMessage } from "./params.js";
import { registryForHandlers } from "./registry.js";
import { RouteTrie } from "./router.js";
import { RestRequestError } from "./status.js";
import { registerEchoOfficeService } from "./testing/echo-office-service.js";
import { registerEchoFixtureService } from "./testing/fixture-service.js";

const router = createConnectRouter();
registerEchoFixtureService(router);
registerEchoOfficeService(router);
const { bindings } = compileBindings(router.handlers);
const registry = registryForHandlers(router.handlers);
const trie = new RouteTrie<Binding>();
for (const b of bindings) {
  trie.add({ httpMethod: b.httpMethod, template: b.template, name: b.name, target: b });
}

interface Request {
  /** "METHOD /path?query" */
  request: string;
  body?: string | Uint8Array;
  contentType?: string;
  contentEncoding?: string;
}

/** Routes the request like the transcoder does and returns the built message as JSON. */
function build({ request, body = "", contentType, contentEncoding }: Request): { operationId: string; json: JsonValue } {
  const [method, url] = request.split(" ") as [string, string];
  const [path, query = ""] = url.split("?") as [string, string?];
  const match = trie.match(method, path);
  if (match.kind !== "match") {
    throw new Error(`${request} does not match a binding`);
  }
  const binding = match.route.target;
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const message = buildRequestMessage(
    binding,
    { variables: match.variables, query: new URLSearchParams(query), body: bytes, contentType, contentEncoding },
    registry,
  );
  return { operationId: binding.operationId, json: toJson(binding.method.input, message, { registry }) };
}

interface Case extends Request {
  want?: JsonValue;
  error?: string | RegExp;
  status?: number;
}

const queryCases: Case[] = [
  {
    request: "GET /v1/items?name=x&size=5&state=STATE_OPEN&flag=true&ratio=1.5",
    want: { name: "x", size: "5", state: "STATE_OPEN", flag: true, ratio: 1.5 },
  },
  { request: "GET /v1/items?state=2&flag=false", want: { state: "STATE_DONE" } },
  {
    request: "GET /v1/items?labels=a&labels=b&states=1&states=STATE_DONE",
    want: { labels: ["a", "b"], states: ["STATE_OPEN", "STATE_DONE"] },
  },
  { request: "GET /v1/items?created_at=2026-01-02T03:04:05Z", want: { createdAt: "2026-01-02T03:04:05Z" } },
  { request: "GET /v1/items?createdAt=2026-01-02T03:04:05.5%2B01:00", want: { createdAt: "2026-01-02T02:04:05.500Z" } },
  { request: "GET /v1/items?inner.officeId=o1&inner.n=3", want: { inner: { officeId: "o1", n: 3 } } },
  { request: "GET /v1/items?inner.office_id=o1&parent.inner.n=-4", want: { inner: { officeId: "o1" }, parent: { inner: { n: -4 } } } },
  {
    request: "GET /v1/items?wrapped=7&ttl=1.5s&data=aGk_&big=18446744073709551615",
    want: { wrapped: 7, ttl: "1.500s", data: "aGk/", big: "18446744073709551615" },
  },
  { request: "GET /v1/items?opt=0", want: { opt: 0 } },
  { request: "GET /v1/items?name=a+b%2Bc", want: { name: "a b+c" } },
  { request: "GET /v1/items?name=", want: {} },
  { request: "GET /api/offices?pageSize=5&page_token=t%201", want: { pageSize: 5, pageToken: "t 1" } },
  // Errors name the parameter.
  { request: "GET /v1/items?nope=1", error: 'unknown query parameter "nope": resttest.v1.Item has no field "nope"' },
  { request: "GET /v1/items?name.x=1", error: 'unknown query parameter "name.x": resttest.v1.Item.name is not a singular message field' },
  { request: "GET /v1/items?inner.nope=1", error: 'unknown query parameter "inner.nope": resttest.v1.Inner has no field "nope"' },
  { request: "GET /v1/items?size=abc", error: 'invalid value "abc" for query parameter "size": expected bigint (int64): abc out of range' },
  { request: "GET /v1/items?size=99999999999999999999", error: /for query parameter "size"/ },
  { request: "GET /v1/items?inner.n=1.5", error: /^invalid value "1.5" for query parameter "inner.n"/ },
  { request: "GET /v1/items?flag=yes", error: 'invalid value for query parameter "flag": "yes" is not a boolean: use true or false' },
  { request: "GET /v1/items?state=STATE_NOPE", error: /^invalid value "STATE_NOPE" for query parameter "state"/ },
  { request: "GET /v1/items?createdAt=yesterday", error: /^invalid value "yesterday" for query parameter "createdAt"/ },
  { request: "GET /v1/items?name=a&name=b", error: 'query parameter "name" is given more than once, but name is not a repeated field' },
  { request: "GET /v1/items?created_at=2026-01-02T03:04:05Z&createdAt=2026-01-02T03:04:05Z", error: /is given more than once/ },
  {
    request: "GET /v1/items?parent=x",
    error: 'query parameter "parent" names parent, a message field, which cannot be set from the query string',
  },
  { request: "GET /v1/items?attrs=x", error: /names attrs, a map field/ },
  { request: "GET /v1/items?inners=x", error: /names inners, a message field/ },
  { request: "GET /v1/items/i1?id=i2", error: 'query parameter "id" sets id, which the path already binds as {id}' },
  {
    request: "GET /v1/offices/o1/items/i1?inner.officeId=o2",
    error: /sets inner\.office_id, which the path already binds as \{inner\.office_id\}/,
  },
  { request: "GET /v1/offices/o1/items/i1?inner.n=2", want: { id: "i1", inner: { officeId: "o1", n: 2 } } },
  {
    request: "POST /v1/offices/o1/items?item.name=x",
    error: 'query parameter "item.name" sets item.name, which the request body already binds',
  },
  { request: "POST /v1/offices/o1/items?note=hi", want: { officeId: "o1", note: "hi" } },
  {
    request: "POST /v1/items/i1:claim?name=x",
    error: /^unknown query parameter "name": POST \/v1\/items\/\{id\}:claim takes all its fields from the request body/,
  },
];

const pathCases: Case[] = [
  { request: "GET /v1/offices/o1/items/i1", want: { id: "i1", inner: { officeId: "o1" } } },
  { request: "GET /v1/items/i%201", want: { id: "i 1" } },
  { request: "GET /v1/files/a/b%2Fc/d.txt", want: { name: "a/b%2Fc/d.txt" } },
  { request: "GET /v1/shelves/s1/books/b1", want: { name: "shelves/s1/books/b1" } },
  { request: "GET /v1/sizes/12/STATE_OPEN/true", want: { size: "12", state: "STATE_OPEN", flag: true } },
  { request: "GET /v1/sizes/12/1/false", want: { size: "12", state: "STATE_OPEN" } },
  { request: "GET /v1/sizes/abc/1/true", error: /^invalid value "abc" for path variable \{size\}/ },
  { request: "GET /v1/sizes/1/STATE_NOPE/true", error: /^invalid value "STATE_NOPE" for path variable \{state\}/ },
  { request: "GET /v1/sizes/1/1/maybe", error: 'invalid value for path variable {flag}: "maybe" is not a boolean: use true or false' },
];

const bodyCases: Case[] = [
  {
    request: "POST /v1/offices/o1/items",
    body: '{"name":"n","labels":["a"],"createdAt":"2026-01-02T03:04:05Z"}',
    want: { officeId: "o1", item: { name: "n", labels: ["a"], createdAt: "2026-01-02T03:04:05Z" } },
  },
  { request: "POST /v1/items/i1:claim", body: '{"name":"x","size":"7"}', want: { id: "i1", name: "x", size: "7" } },
  { request: "POST /v1/items/i1:claim", body: '{"name":"x","id":"i1"}', want: { id: "i1", name: "x" } },
  { request: "POST /v1/items/i1:claim", body: "", want: { id: "i1" } },
  {
    request: "POST /v1/items/i1:claim",
    body: '{"id":"i2"}',
    error: '"id" is "i2" in the request body but "i1" in the path; leave it out of the body or make them match',
  },
  { request: "PUT /v1/items/i1", body: '{"item":{"id":"i2"}}', error: /^"item\.id" is "i2" in the request body but "i1" in the path/ },
  { request: "PUT /v1/items/i1", body: '{"item":{"name":"n"},"note":"x"}', want: { item: { id: "i1", name: "n" }, note: "x" } },
  { request: "PATCH /v1/items/i1", body: '{"id":"i2"}', error: /^"item\.id" is "i2" in the request body but "i1" in the path/ },
  { request: "PATCH /v1/items/i1", body: '{"id":"i1","flag":true}', want: { item: { id: "i1", flag: true } } },
  // Malformed JSON names the position of the problem.
  {
    request: "POST /v1/items/i1:claim",
    body: '{"name": tru}',
    error: "malformed JSON in request body: Unexpected token '}' in JSON at position 12 (line 1 column 13)",
  },
  {
    request: "POST /v1/items/i1:claim",
    body: '{\n"name": "x",\n}',
    error: "malformed JSON in request body: Expected double-quoted property name in JSON at position 15 (line 3 column 1)",
  },
  {
    request: "POST /v1/items/i1:claim",
    body: '{"name": "x"',
    error: "malformed JSON in request body: Expected ',' or '}' after property value in JSON at position 12 (line 1 column 13)",
  },
  {
    request: "POST /v1/items/i1:claim",
    body: '{"name":',
    error: "malformed JSON in request body: Unexpected end of JSON input in JSON at position 8 (line 1 column 9)",
  },
  { request: "PATCH /v1/items/i1", body: "{name}", error: /^malformed JSON in request body: .* at position 1 \(line 1 column 2\)$/ },
  // Unknown fields and wrong types name the field.
  { request: "POST /v1/items/i1:claim", body: '{"nope":1}', error: 'invalid request body: unknown field "nope"' },
  { request: "PATCH /v1/items/i1", body: '{"inner":{"nope":1}}', error: 'invalid request body: unknown field "inner.nope"' },
  {
    request: "POST /v1/items/i1:claim",
    body: '{"inners":[{"n":1},{"n":2,"x":0}]}',
    error: 'invalid request body: unknown field "inners[1].x"',
  },
  { request: "POST /v1/items/i1:claim", body: '{"name":5}', error: 'invalid request body: field "name": expected string, got 5' },
  {
    request: "POST /v1/items/i1:claim",
    body: '{"parent":{"state":"STATE_NOPE"}}',
    error:
      'invalid request body: field "parent.state": "STATE_NOPE" is not a value of enum resttest.v1.State; use one of: STATE_OPEN, STATE_DONE',
  },
  {
    request: "POST /v1/items/i1:claim",
    body: '{"createdAt":"yesterday"}',
    error: 'invalid request body: field "createdAt": expected google.protobuf.Timestamp in its JSON form: invalid RFC 3339 string',
  },
  {
    request: "PATCH /v1/items/i1",
    body: '{"size":"abc"}',
    error: 'invalid request body: field "size": expected bigint (int64): abc out of range',
  },
  {
    request: "POST /v1/items/i1:claim",
    body: '{"name":"a","name":"b"}',
    error: 'invalid request body: expected resttest.v1.Item in its JSON form: duplicate object key "name"',
  },
  {
    request: "POST /v1/items/i1:claim",
    body: "[1]",
    error: "invalid request body: expected a JSON object (resttest.v1.Item), got an array",
  },
  { request: "PATCH /v1/items/i1", body: '"x"', error: "invalid request body: expected a JSON object (resttest.v1.Item), got a string" },
  { request: "POST /v1/items/i1:claim", body: new Uint8Array([0x7b, 0xff, 0x7d]), error: "request body is not valid UTF-8" },
  // A body where the binding takes none.
  {
    request: "GET /v1/items/i1",
    body: "{}",
    error: "GET /v1/items/{id} takes no request body; send its parameters in the path and query string",
  },
  // Content types: JSON in UTF-8 only; a missing type counts as JSON.
  {
    request: "POST /v1/items/i1:claim",
    body: '{"name":"x"}',
    contentType: "application/json; charset=UTF-8",
    want: { id: "i1", name: "x" },
  },
  { request: "POST /v1/items/i1:claim", body: '{"name":"x"}', contentType: "application/merge-patch+json", want: { id: "i1", name: "x" } },
  {
    request: "POST /v1/items/i1:claim",
    body: '{"name":"x"}',
    contentType: "text/plain",
    status: 415,
    error: /^unsupported content-type "text\/plain"/,
  },
  {
    request: "POST /v1/items/i1:claim",
    body: "name=x",
    contentType: "application/x-www-form-urlencoded",
    status: 415,
    error: /unsupported content-type/,
  },
  {
    // `curl -d '{...}'` without a Content-Type header: the body is JSON, not a form.
    request: "POST /v1/items/i1:claim",
    body: '{"name":"x"}',
    contentType: "application/x-www-form-urlencoded",
    want: { id: "i1", name: "x" },
  },
  {
    request: "POST /v1/items/i1:claim",
    body: '{"name":"x"}',
    contentType: "application/json; charset=latin1",
    status: 415,
    error: /unsupported content-type/,
  },
  {
    request: "POST /v1/items/i1:claim",
    body: "\x1f\x8b",
    contentEncoding: "gzip",
    status: 415,
    error: 'unsupported content-encoding "gzip": send the body uncompressed',
  },
  { request: "POST /v1/items/i1:claim", body: '{"name":"x"}', contentEncoding: "identity", want: { id: "i1", name: "x" } },
  // Our own API: PATCH sends only what changes.
  {
    request: "PATCH /api/offices/7c9e6679-7425-40de-944b-e07fc1f90ae7/settings",
    body: '{"allowAgentHiring":false}',
    want: { officeId: "7c9e6679-7425-40de-944b-e07fc1f90ae7", allowAgentHiring: false },
  },
];

describe("buildRequestMessage", () => {
  for (const [name, cases] of [
    ["query", queryCases],
    ["path", pathCases],
    ["body", bodyCases],
  ] as const) {
    describe(name, () => {
      it.each(cases)("$request $body", (c) => {
        if (c.error === undefined) {
          expect(build(c).json).toEqual(c.want);
          return;
        }
        let thrown: unknown;
        try {
          build(c);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(RestRequestError);
        const err = thrown as RestRequestError;
        if (typeof c.error === "string") {
          expect(err.rawMessage).toBe(c.error);
        } else {
          expect(err.rawMessage).toMatch(c.error);
        }
        expect(err.httpStatus).toBe(c.status);
      });
    });
  }
});
