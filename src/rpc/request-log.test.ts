import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { OfficeService } from "../../gen/ts/mitosis/v1/office_pb.js";
import { TaskService } from "../../gen/ts/mitosis/v1/task_pb.js";
import { createLogger, type LogLevel } from "../log.js";
import { errorInterceptor } from "./errors.js";
import { requestLogInterceptor } from "./request-log.js";

/** An in-memory OfficeService whose GetOffice fails as `fail` says, behind the request log and error mapping. */
function serve(level: LogLevel, fail: (officeId: string) => unknown) {
  const text: string[] = [];
  const log = createLogger(level, { write: (line: string) => void text.push(line) });
  const transport = createRouterTransport(
    (router) => {
      router.service(OfficeService, {
        getOffice: async ({ officeId }) => {
          const err = fail(officeId);
          if (err) throw err;
          return {};
        },
      });
      router.service(TaskService, {
        async *watchTasks() {
          yield {};
          throw new Error("lost the listener");
        },
      });
    },
    { router: { interceptors: [requestLogInterceptor(log), errorInterceptor(log)] } },
  );
  const lines = () => text.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { offices: createClient(OfficeService, transport), tasks: createClient(TaskService, transport), lines };
}

const failures: Record<string, unknown> = {
  internal: new Error("a bug"),
  unknown: new ConnectError("odd", Code.Unknown),
  "data-loss": new ConnectError("gone", Code.DataLoss),
  exhausted: new ConnectError("slow down", Code.ResourceExhausted),
  unavailable: new ConnectError("later", Code.Unavailable),
  canceled: new ConnectError("never mind", Code.Canceled),
};

describe("requestLogInterceptor", () => {
  it("logs server faults at error, anything else at info", async () => {
    const { offices, lines } = serve("debug", (id) => failures[id]);
    for (const officeId of ["fine", ...Object.keys(failures)]) await offices.getOffice({ officeId }).catch(() => {});
    const rpc = lines().filter((l) => l.msg === "rpc");
    expect(rpc.map((l) => [l.code, l.level])).toEqual([
      ["ok", "info"],
      ["internal", "error"],
      ["unknown", "error"],
      ["data_loss", "error"],
      ["resource_exhausted", "info"],
      ["unavailable", "info"],
      // Not a client hang-up (the call's signal is not aborted): the handler said so.
      ["canceled", "info"],
    ]);
    for (const line of rpc)
      expect(line).toMatchObject({ method: "mitosis.v1.OfficeService/GetOffice", protocol: "connect", durationMs: expect.any(Number) });
    // The unexpected error keeps its own line, with the error.
    expect(lines().find((l) => l.msg === "unexpected error")).toMatchObject({
      level: "error",
      method: "mitosis.v1.OfficeService/GetOffice",
      err: { message: "a bug" },
    });
  });

  it("writes only the lines its level lets through", async () => {
    const { offices, lines } = serve("warn", (id) => failures[id]);
    for (const officeId of ["fine", "exhausted", "internal"]) await offices.getOffice({ officeId }).catch(() => {});
    expect(
      lines()
        .filter((l) => l.msg === "rpc")
        .map((l) => l.code),
    ).toEqual(["internal"]);
  });

  it("logs a stream that fails once, with the mapped code", async () => {
    const { tasks, lines } = serve("info", () => undefined);
    const received: unknown[] = [];
    await expect(
      (async () => {
        for await (const res of tasks.watchTasks({})) received.push(res);
      })(),
    ).rejects.toThrow(/internal error/);
    expect(received).toHaveLength(1);
    expect(lines().filter((l) => l.msg === "rpc")).toEqual([
      expect.objectContaining({ level: "error", method: "mitosis.v1.TaskService/WatchTasks", code: "internal" }),
    ]);
  });
});
