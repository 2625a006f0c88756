import { create } from "@bufbuild/protobuf";
import { createConnectRouter } from "@connectrpc/connect";
import { createLogger } from "../src/log.js";
import { createRequestHandler, listenOnePort } from "../src/server.js";
import { OfficeSchema, OfficeService, OfficeState } from "../gen/ts/mitosis/v1/office_pb.js";
import { clientFor } from "../test/support/clients.js";
import { startTestServer } from "../test/support/server.js";
import { measureInWorker } from "./in-worker.js";
import { report, type Measurement } from "./measure.js";

const OFFICE_LOAD = new URL("./office-load.ts", import.meta.url);

/**
 * GetOffice through the full stack (auth lookup + validation + Postgres read) against a bare
 * connect-node handler that returns a constant office, both served by our one-port listener
 * in this process, over gRPC (h2c) and Connect JSON (HTTP/1.1). The callers run in a worker
 * thread, so client and server each have a core of their own.
 */
export async function benchOffices(opts: { seconds: number; concurrency: number }): Promise<void> {
  const server = await startTestServer();
  const bare = await startBareServer();
  try {
    const officeId = (await clientFor(OfficeService, server.url, server.adminKey).createOffice({ name: "bench" })).office!.id;
    const rows: { m: Measurement; baseline: Measurement }[] = [];
    for (const protocol of ["grpc", "connect"] as const) {
      const baseline = await measureInWorker(OFFICE_LOAD, {
        name: `bare handler (${protocol})`,
        ...opts,
        params: { url: bare.url, apiKey: undefined, protocol, officeId },
      });
      const m = await measureInWorker(OFFICE_LOAD, {
        name: `GetOffice full stack (${protocol})`,
        ...opts,
        params: { url: server.url, apiKey: server.adminKey, protocol, officeId },
      });
      rows.push({ m, baseline });
    }
    report(`GetOffice, ${opts.concurrency} concurrent callers, ${opts.seconds}s each`, rows);
  } finally {
    await bare.stop();
    await server.stop();
  }
}

async function startBareServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const office = create(OfficeSchema, { id: "00000000-0000-4000-8000-000000000000", name: "constant", status: OfficeState.ACTIVE });
  const router = createConnectRouter();
  router.service(OfficeService, { getOffice: async () => ({ office }) });
  const listener = await listenOnePort(
    createRequestHandler(router, async () => false, createLogger("warn")),
    { port: 0, host: "127.0.0.1" },
  );
  return { url: `http://127.0.0.1:${listener.port}`, stop: () => listener.close() };
}
