import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { TaskKind, TaskService, TaskStatus } from "../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "./support/clients.js";
import { startTestServer, type TestServer } from "./support/server.js";

/**
 * REST speaks the docs' words, as a new user tries it with curl: lowercase enum values in
 * requests and answers, `status=running,queued` and `limit` as query parameters. The proto
 * names keep working over REST, and Connect and gRPC stay canonical.
 */
// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read freely
type Json = Record<string, any>;

const run = promisify(execFile);
let server: TestServer;
let officeId: string;

beforeAll(async () => {
  server = await startTestServer();
  officeId = (await clientFor(OfficeService, server.url, server.adminKey).createOffice({ name: "words" })).office!.id;
});
afterAll(async () => {
  await server?.stop();
});

async function rest(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.adminKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

const tasksPath = () => `/api/offices/${officeId}/tasks`;

describe("REST in the docs' words", () => {
  it("creates a task with the docs' kind and answers in words; Connect still answers in proto names", async () => {
    const created = await rest("POST", tasksPath(), { title: "Review pipeline", kind: "review" });
    expect(created.status).toBe(200);
    expect(created.json.task).toMatchObject({ title: "Review pipeline", kind: "review", status: "queued" });

    const connect = clientFor(TaskService, server.url, server.adminKey);
    const viaConnect = await connect.getTask({ officeId, taskId: BigInt(created.json.task.id) });
    expect(viaConnect.task).toMatchObject({ kind: TaskKind.REVIEW, status: TaskStatus.QUEUED });
    const connectJson = await fetch(`${server.url}/mitosis.v1.TaskService/GetTask`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ officeId, taskId: created.json.task.id }),
    });
    expect(((await connectJson.json()) as { task: { kind: string } }).task.kind).toBe("TASK_KIND_REVIEW");
  });

  it("works as the docs' curl line is pasted (curl -d sends no JSON content type)", async () => {
    const { stdout } = await run("curl", [
      "-s",
      "-X",
      "POST",
      `${server.url}${tasksPath()}`,
      "-H",
      `Authorization: Bearer ${server.adminKey}`,
      "-d",
      '{"title":"Review pipeline","kind":"review"}',
    ]);
    expect(JSON.parse(stdout).task).toMatchObject({ title: "Review pipeline", kind: "review", status: "queued" });
  });

  it("still takes the proto names", async () => {
    const created = await rest("POST", tasksPath(), { title: "canonical", kind: "TASK_KIND_CODE" });
    expect(created.status).toBe(200);
    expect(created.json.task.kind).toBe("code");
  });

  it("refuses an unknown word and lists the words it takes, losing nothing", async () => {
    const before = (await rest("GET", `/api/offices/${officeId}/tasks:stats`)).json.stats.total;
    const refused = await rest("POST", tasksPath(), { title: "typo", kind: "reviw" });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(
      /"reviw" is not a value of enum mitosis\.v1\.TaskKind; use one of: general, code, research, browser, review, verify/,
    );
    expect((await rest("GET", `/api/offices/${officeId}/tasks:stats`)).json.stats.total).toBe(before);
  });

  it("filters with status=running,queued and pages with limit", async () => {
    const connect = clientFor(TaskService, server.url, server.adminKey);
    const office = (await clientFor(OfficeService, server.url, server.adminKey).createOffice({ name: "filters" })).office!.id;
    for (const title of ["a", "b", "c", "d"]) await connect.createTask({ officeId: office, title });
    const claimed = await connect.claimTask({ officeId: office, agent: "w1" });
    await connect.updateTask({
      officeId: office,
      taskId: claimed.task!.id,
      agent: "w1",
      leaseToken: claimed.leaseToken,
      status: TaskStatus.RUNNING,
    });
    const done = await connect.claimTask({ officeId: office, agent: "w2" });
    await connect.updateTask({
      officeId: office,
      taskId: done.task!.id,
      agent: "w2",
      leaseToken: done.leaseToken,
      status: TaskStatus.DONE,
      result: "ok",
    });

    const statusesOf = (json: Json) => (json.tasks as { status: string }[]).map((t) => t.status).sort();
    const open = await rest("GET", `/api/offices/${office}/tasks?status=running,queued`);
    expect(open.status).toBe(200);
    expect(statusesOf(open.json)).toEqual(["queued", "queued", "running"]);
    // The canonical spelling of the same filter, and the two mixed.
    expect(statusesOf((await rest("GET", `/api/offices/${office}/tasks?statuses=TASK_STATUS_RUNNING&statuses=queued`)).json)).toEqual([
      "queued",
      "queued",
      "running",
    ]);
    expect(statusesOf((await rest("GET", `/api/offices/${office}/tasks?status=done`)).json)).toEqual(["done"]);

    const firstPage = await rest("GET", `/api/offices/${office}/tasks?limit=3`);
    expect(firstPage.json.tasks).toHaveLength(3);
    expect(firstPage.json.nextPageToken).not.toBe("");
    const bad = await rest("GET", `/api/offices/${office}/tasks?status=sleeping`);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/sleeping/);
  });

  it("office status reads active", async () => {
    const office = await rest("GET", `/api/offices/${officeId}`);
    expect(office.json.office.status).toBe("active");
  });

  it("artifact kinds and event types are words too", async () => {
    const task = (await rest("POST", tasksPath(), { title: "with artifact" })).json.task;
    const added = await rest("POST", `${tasksPath()}/${task.id}/artifacts`, { kind: "file", path: "/reports/q3.md" });
    expect(added.status).toBe(200);
    expect(added.json.artifact).toMatchObject({ kind: "file", path: "/reports/q3.md" });
    const events = await rest("GET", `/api/offices/${officeId}/task-events?sinceId=0&limit=1000`);
    expect(new Set((events.json.events as { type: string }[]).map((e) => e.type))).toEqual(new Set(["created", "artifact_added"]));
  });

  it("/openapi.json describes the words it answers with and everything it accepts", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as Json;
    const schemas = doc.components.schemas;
    expect(schemas["mitosis.v1.TaskKind"].enum).toEqual(["unspecified", "general", "code", "research", "browser", "review", "verify"]);
    expect(schemas["mitosis.v1.TaskKind.Input"].enum).toEqual(expect.arrayContaining(["review", "TASK_KIND_REVIEW"]));
    expect(schemas["mitosis.v1.OfficeState"].enum).toContain("active");
    // The task a response carries uses the answer's words; the create body takes either.
    expect(schemas["mitosis.v1.Task"].properties.kind).toEqual({ $ref: "#/components/schemas/mitosis.v1.TaskKind" });
    const create = doc.paths["/api/offices/{office_id}/tasks"].post;
    expect(create.requestBody.content["application/json"].schema.properties.kind).toEqual({
      $ref: "#/components/schemas/mitosis.v1.TaskKind.Input",
    });
    const list = doc.paths["/api/offices/{office_id}/tasks"].get;
    const param = (name: string) => list.parameters.find((p: { name: string }) => p.name === name);
    expect(param("status")).toMatchObject({ in: "query", style: "form", explode: false, schema: { type: "array" } });
    expect(param("statuses")).toMatchObject({ in: "query", explode: true });
    expect(param("limit")).toMatchObject({ in: "query", schema: { type: "integer" } });
  });
});
