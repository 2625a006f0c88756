import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { startTestServer, type TestServer } from "./support/server.js";

const run = promisify(execFile);
let server: TestServer;
let ca: Buffer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "mi-tls-"));
  const [cert, key] = [path.join(dir, "cert.pem"), path.join(dir, "key.pem")];
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "1",
    "-keyout",
    key,
    "-out",
    cert,
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
  ]);
  ca = await readFile(cert);
  server = await startTestServer({ MI_TLS_CERT_FILE: cert, MI_TLS_KEY_FILE: key });
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("TLS", () => {
  it("serves Connect over HTTP/1.1 and gRPC over HTTP/2 on one TLS port", async () => {
    expect(server.url).toMatch(/^https:/);
    const auth: Interceptor = (next) => (req) => {
      req.header.set("authorization", `Bearer ${server.adminKey}`);
      return next(req);
    };
    const overH1 = createClient(
      OfficeService,
      createConnectTransport({ baseUrl: server.url, httpVersion: "1.1", nodeOptions: { ca }, interceptors: [auth] }),
    );
    const overH2 = createClient(OfficeService, createGrpcTransport({ baseUrl: server.url, nodeOptions: { ca }, interceptors: [auth] }));
    const { office } = await overH1.createOffice({ name: "secure" });
    expect((await overH2.getOffice({ officeId: office!.id })).office).toEqual(office);
  });

  it("serves REST over TLS to curl", async () => {
    const caFile = path.join(dir, "ca.pem");
    await writeFile(caFile, ca);
    const { stdout } = await run("curl", [
      "-s",
      "--cacert",
      caFile,
      `${server.url}/api/offices`,
      "-H",
      `Authorization: Bearer ${server.adminKey}`,
    ]);
    expect(JSON.parse(stdout).offices.map((o: { name: string }) => o.name)).toContain("secure");
  });
});
