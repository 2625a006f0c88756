/**
 * Every google.api.http binding of our real API (all services generated into
 * gen/ts/mitosis/v1, picked up as they are added): they compile without
 * conflicts, and a request shaped like each binding reaches exactly that
 * binding's method (here unimplemented, so it answers 501 naming itself).
 */
import { readdirSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { DescService } from "@bufbuild/protobuf";
import { createConnectRouter } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { compileBindings, type Binding } from "../src/rest/bindings.js";
import { createRestTranscoder, type RestTranscoder } from "../src/rest/index.js";
import { inProcessCalls } from "../src/rpc/in-process.js";
import { samplePath } from "./support/rest-paths.js";

const genDir = new URL("../gen/ts/mitosis/v1/", import.meta.url);

async function loadServices(): Promise<DescService[]> {
  const services: DescService[] = [];
  for (const file of readdirSync(genDir)
    .filter((f) => f.endsWith("_pb.ts"))
    .sort()) {
    const mod = (await import(new URL(file, genDir).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (value && typeof value === "object" && (value as { kind?: unknown }).kind === "service") {
        services.push(value as DescService);
      }
    }
  }
  return services;
}

let services: DescService[];
let transcoder: RestTranscoder;
let bindings: Binding[];
let server: http.Server;
let base: string;

beforeAll(async () => {
  services = await loadServices();
  const { router, call } = inProcessCalls(createConnectRouter(), []);
  for (const service of services) {
    router.service(service, {});
  }
  bindings = compileBindings(router.handlers).bindings;
  transcoder = createRestTranscoder({ handlers: router.handlers, call, maxBodyBytes: 1 << 20, log: createLogger("warn") });
  server = http.createServer((req, res) => {
    void transcoder.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the API's REST bindings", () => {
  it("cover every unary method, and the streaming ones that move bytes (file upload and download)", () => {
    expect(services.length).toBeGreaterThanOrEqual(10);
    const byteStreams = ["mitosis.v1.FileService.DownloadFile", "mitosis.v1.FileService.UploadFile"];
    for (const service of services) {
      for (const method of service.methods) {
        const name = `${service.typeName}.${method.name}`;
        const bound = bindings.some((b) => b.method === method);
        expect(bound, `${name} has a REST binding`).toBe(method.methodKind === "unary" || byteStreams.includes(name));
      }
    }
    expect(
      bindings
        .filter((b) => b.byteStream)
        .map((b) => b.name)
        .sort(),
    ).toEqual(byteStreams);
    expect(transcoder.warnings).toEqual([]);
  });

  it("each route reaches its own method", async () => {
    const misrouted: string[] = [];
    for (const binding of bindings) {
      const method = binding.httpMethod === "*" ? "POST" : binding.httpMethod;
      const path = samplePath(binding);
      const withBody = binding.body.kind !== "none" && !binding.byteStream;
      const res = await fetch(base + path, {
        method,
        headers: withBody ? { "content-type": "application/json" } : {},
        body: withBody ? "{}" : undefined,
      });
      const json = (await res.json()) as { message?: string };
      if (res.status !== 501 || json.message !== `${binding.name} is not implemented`) {
        misrouted.push(`${method} ${path}: ${res.status} ${JSON.stringify(json)} (expected ${binding.name})`);
      }
    }
    expect(misrouted).toEqual([]);
  });

  it("have an OpenAPI operation each, with no dangling $ref", () => {
    const doc = transcoder.openapi() as {
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { schemas: Record<string, unknown> };
    };
    const operationIds = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(operationIds.sort()).toEqual(bindings.map((b) => b.operationId).sort());
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      expect(doc.components.schemas[ref.slice('"#/components/schemas/'.length, -1)], ref).toBeDefined();
    }
  });
});
