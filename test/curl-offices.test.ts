import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/server.js";

const run = promisify(execFile);
let server: TestServer;
let alice: string;
let bob: string;
let tmp: string;
let bodies = 0;

beforeAll(async () => {
  server = await startTestServer();
  tmp = await mkdtemp(join(os.tmpdir(), "mi-curl-"));
  alice = (await server.newAccount("alice")).apiKey;
  bob = (await server.newAccount("bob")).apiKey;
});
afterAll(async () => {
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
});

/** Runs the real curl binary and returns the HTTP status, headers and parsed JSON body. */
async function curl(method: string, path: string, opts: { key?: string; body?: string; headers?: string[] } = {}) {
  const args = ["-s", "-i", "-X", method, `${server.url}${path}`];
  if (opts.key) args.push("-H", `Authorization: Bearer ${opts.key}`);
  if (opts.body !== undefined) {
    const file = join(tmp, `body-${bodies++}.json`);
    await writeFile(file, opts.body);
    args.push("-H", "Content-Type: application/json", "--data-binary", `@${file}`);
  }
  for (const h of opts.headers ?? []) args.push("-H", h);
  const { stdout: raw } = await run("curl", args, { maxBuffer: 64 * 1024 * 1024 });
  const stdout = raw.replace(/^(HTTP\/[\d.]+ 100 [^\r]*\r\n\r\n)+/, ""); // interim "100 Continue" replies
  const [head, ...rest] = stdout.split("\r\n\r\n");
  const text = rest.join("\r\n\r\n");
  const status = Number(/^HTTP\/[\d.]+ (\d+)/.exec(head!)![1]);
  return { status, head: head!, json: text ? JSON.parse(text) : undefined };
}

/** The same procedure through Connect JSON, also with curl. */
const connect = (procedure: string, body: unknown, key = alice) =>
  curl("POST", `/mitosis.v1.OfficeService/${procedure}`, { key, body: JSON.stringify(body) });

describe("offices with curl: REST and Connect JSON", () => {
  it("the full lifecycle over REST matches Connect JSON", async () => {
    const created = await curl("POST", "/api/offices", { key: alice, body: '{"name":"My Colony"}' });
    expect(created.status).toBe(200);
    const office = created.json.office;
    // REST speaks the docs' words; Connect JSON stays canonical proto JSON.
    expect(office).toMatchObject({ name: "My Colony", status: "active" });
    expect(office.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(office.createdAt).getTime()).not.toBeNaN();

    // parity: REST and Connect JSON return the same message for every read, enum values aside
    const id = office.id;
    const pairs: [Awaited<ReturnType<typeof curl>>, Awaited<ReturnType<typeof curl>>][] = [
      [await curl("GET", `/api/offices/${id}`, { key: alice }), await connect("GetOffice", { officeId: id })],
      [await curl("GET", `/api/offices/${id}/status`, { key: alice }), await connect("GetOfficeStatus", { officeId: id })],
      [await curl("GET", `/api/offices/${id}/settings`, { key: alice }), await connect("GetOfficeSettings", { officeId: id })],
    ];
    for (const [rest, rpc] of pairs) {
      expect(rest.status).toBe(200);
      expect(rpc.status).toBe(200);
      expect(withoutDefaults(rest.json)).toEqual(withoutDefaults(officeStatesAsWords(rpc.json)));
    }

    const patched = await curl("PATCH", `/api/offices/${id}/settings`, { key: alice, body: '{"allowAgentHiring":true}' });
    expect(patched.json.settings).toMatchObject({ allowAgentHiring: true, agentIdleTimeoutMinutes: 10 });
    const listed = await curl("GET", "/api/offices?pageSize=10", { key: alice });
    expect(listed.json.offices.map((o: { id: string }) => o.id)).toContain(id);
    // proto field names work as query parameters too
    expect((await curl("GET", "/api/offices?page_size=1", { key: alice })).status).toBe(200);

    expect((await curl("DELETE", `/api/offices/${id}`, { key: alice })).status).toBe(200);
    expect((await curl("GET", `/api/offices/${id}`, { key: alice })).status).toBe(404);
  });

  it("another account gets 404 on every office path, over REST and Connect JSON", async () => {
    const id = (await curl("POST", "/api/offices", { key: alice, body: '{"name":"private"}' })).json.office.id;
    const restCalls: [string, string, string?][] = [
      ["GET", `/api/offices/${id}`],
      ["GET", `/api/offices/${id}/status`],
      ["GET", `/api/offices/${id}/settings`],
      ["PATCH", `/api/offices/${id}/settings`, '{"allowAgentHiring":true}'],
      ["DELETE", `/api/offices/${id}`],
    ];
    for (const [method, path, body] of restCalls) {
      const res = await curl(method, path, { key: bob, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json).toMatchObject({ code: 5, message: expect.stringMatching(/not found/) });
    }
    for (const procedure of ["GetOffice", "GetOfficeStatus", "GetOfficeSettings", "UpdateOfficeSettings", "DeleteOffice"]) {
      const res = await connect(procedure, { officeId: id }, bob);
      expect(res.status, procedure).toBe(404);
      expect(res.json.code).toBe("not_found");
    }
    expect((await curl("GET", "/api/offices", { key: bob })).json.offices ?? []).toEqual([]);
    expect((await curl("GET", `/api/offices/${id}/settings`, { key: alice })).json.settings.allowAgentHiring).toBe(false);
  });

  it.each([
    ["empty name", "POST", "/api/offices", '{"name":""}', 400, /name/],
    ["name of the wrong type", "POST", "/api/offices", '{"name":42}', 400, /name/],
    ["unknown field", "POST", "/api/offices", '{"name":"x","colour":"red"}', 400, /colour/],
    ["malformed JSON", "POST", "/api/offices", '{"name":', 400, /JSON/i],
    ["non-UUID id", "GET", "/api/offices/abc", undefined, 400, /office_id|officeId/],
    ["unknown query parameter", "GET", "/api/offices?colour=red", undefined, 400, /colour/],
    ["page size too large", "GET", "/api/offices?pageSize=5000", undefined, 400, /page_size|pageSize/],
    [
      "idle timeout out of range",
      "PATCH",
      "/api/offices/00000000-0000-4000-8000-000000000000/settings",
      '{"agentIdleTimeoutMinutes":0}',
      400,
      /agent_idle_timeout_minutes/,
    ],
    ["wrong method", "PUT", "/api/offices", "{}", 405, /allowed/],
  ])("%s", async (_name, method, path, body, status, message) => {
    const res = await curl(method, path, { key: alice, body });
    expect(res.status).toBe(status);
    expect(res.json.message).toMatch(message);
  });

  it("refuses requests without a valid key with 401 and says how to log in", async () => {
    const none = await curl("GET", "/api/offices");
    expect(none.status).toBe(401);
    expect(none.json.message).toMatch(/mi login/);
    expect((await curl("GET", "/api/offices", { key: "mi_wrong" })).status).toBe(401);
    expect((await connect("ListOffices", {}, "mi_wrong")).status).toBe(401);
  });

  it("refuses oversize bodies with 413", async () => {
    const res = await curl("POST", "/api/offices", { key: alice, body: JSON.stringify({ name: "x".repeat(9 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
  });

  it("serves an OpenAPI document of every REST binding", async () => {
    const doc = await curl("GET", "/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(["/api/offices", "/api/offices/{office_id}/settings", "/api/offices/{office_id}/tasks"]),
    );
  });
});

/** REST writes default values (false, 0, "") that Connect JSON omits; compare what is set. */
/** Connect JSON with office states as the docs write them (OFFICE_STATE_ACTIVE -> active). */
function officeStatesAsWords(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_, v) =>
    typeof v === "string" && v.startsWith("OFFICE_STATE_") ? v.slice(13).toLowerCase() : v,
  );
}

function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== false && v !== 0 && v !== "" && v !== "0" && !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => [k, withoutDefaults(v)]),
    );
  }
  return value;
}
