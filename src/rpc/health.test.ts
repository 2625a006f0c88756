import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { Health } from "../../gen/ts/grpc/health/v1/health_pb.js";
import { HealthState, ServingStatus, registerHealth } from "./health.js";

function setup() {
  const health = new HealthState();
  const transport = createRouterTransport((router) => registerHealth(router, health));
  return { health, client: createClient(Health, transport) };
}

describe("grpc.health.v1.Health", () => {
  it("reports the whole server as SERVING from the start", async () => {
    const { client } = setup();
    expect((await client.check({ service: "" })).status).toBe(ServingStatus.SERVING);
  });

  it("answers NOT_FOUND for a service that was never set, then its status once set", async () => {
    const { client, health } = setup();
    const err = await client.check({ service: "mitosis.v1.OfficeService" }).catch((e: unknown) => e);
    expect(ConnectError.from(err).code).toBe(Code.NotFound);
    health.setServing("mitosis.v1.OfficeService", ServingStatus.SERVING);
    expect((await client.check({ service: "mitosis.v1.OfficeService" })).status).toBe(ServingStatus.SERVING);
  });

  it("drain marks every service NOT_SERVING and keeps it so", async () => {
    const { client, health } = setup();
    health.setServing("mitosis.v1.OfficeService", ServingStatus.SERVING);
    health.drain();
    health.setServing("", ServingStatus.SERVING); // a late start-up step must not undo draining
    expect((await client.check({ service: "" })).status).toBe(ServingStatus.NOT_SERVING);
    expect((await client.check({ service: "mitosis.v1.OfficeService" })).status).toBe(ServingStatus.NOT_SERVING);
  });

  it("lists every known service with its status", async () => {
    const { client, health } = setup();
    health.setServing("mitosis.v1.TaskService", ServingStatus.NOT_SERVING);
    const { statuses } = await client.list({});
    expect(Object.fromEntries(Object.entries(statuses).map(([k, v]) => [k, v.status]))).toEqual({
      "": ServingStatus.SERVING,
      "mitosis.v1.TaskService": ServingStatus.NOT_SERVING,
    });
  });

  it("watch streams the current status, then each change, until the client cancels", async () => {
    const { client, health } = setup();
    const abort = new AbortController();
    const stream = client.watch({ service: "mitosis.v1.OfficeService" }, { signal: abort.signal })[Symbol.asyncIterator]();
    expect((await stream.next()).value?.status).toBe(ServingStatus.SERVICE_UNKNOWN);
    health.setServing("mitosis.v1.OfficeService", ServingStatus.SERVING);
    expect((await stream.next()).value?.status).toBe(ServingStatus.SERVING);
    health.setServing("mitosis.v1.OtherService", ServingStatus.NOT_SERVING); // not ours: no message
    health.setServing("mitosis.v1.OfficeService", ServingStatus.SERVING); // unchanged: no message
    health.drain();
    expect((await stream.next()).value?.status).toBe(ServingStatus.NOT_SERVING);
    abort.abort();
    const end = await stream.next().catch((e: unknown) => e);
    expect(ConnectError.from(end).code).toBe(Code.Canceled);
  });

  it("a watcher that falls behind gets the latest status, and stops listening when cancelled", async () => {
    const health = new HealthState();
    const abort = new AbortController();
    const watch = health.watch("", abort.signal);
    expect((await watch.next()).value).toBe(ServingStatus.SERVING);
    health.setServing("", ServingStatus.NOT_SERVING);
    health.setServing("", ServingStatus.UNKNOWN);
    expect((await watch.next()).value).toBe(ServingStatus.UNKNOWN);
    const waiting = watch.next();
    abort.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
  });
});
