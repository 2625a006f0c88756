/**
 * Test fixture: a real HTTP/1.1 server on a free port whose only handler is
 * the REST transcoder over a Connect router with the echoing OfficeService
 * and FixtureService; what no binding matches gets a bare 404.
 */
import * as http from "node:http";
import type * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { createConnectRouter } from "@connectrpc/connect";
import { createLogger } from "../../log.js";
import { createRestTranscoder, type RestTranscoder } from "../transcoder.js";
import { registerEchoOfficeService } from "./echo-office-service.js";
import { errorDetailsRegistry } from "./error-details.js";
import { registerEchoFixtureService } from "./fixture-service.js";

/** A running echo server. */
export interface EchoServer {
  /** e.g. "http://127.0.0.1:39123" */
  base: string;
  transcoder: RestTranscoder;
  /** The request listener, to mount on other servers (e.g. HTTP/2). */
  listener: (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse) => void;
  /** Sends one request (JSON content type when there is a body) and parses the JSON reply. */
  call(method: string, path: string, init?: { body?: string; headers?: Record<string, string> }): Promise<EchoReply>;
  close(): Promise<void>;
}

/** Status, headers and parsed JSON body of a reply. */
export interface EchoReply {
  status: number;
  headers: Headers;
  json: unknown;
}

/** Starts an echo server with the given body limit. */
export async function startEchoServer(maxBodyBytes: number): Promise<EchoServer> {
  const router = createConnectRouter();
  registerEchoOfficeService(router);
  registerEchoFixtureService(router);
  const transcoder = createRestTranscoder({
    handlers: router.handlers,
    maxBodyBytes,
    registry: errorDetailsRegistry,
    log: createLogger("warn"),
  });
  const listener: EchoServer["listener"] = (req, res) => {
    void transcoder.handle(req, res).then((handled) => {
      if (!handled) {
        (res as http.ServerResponse).writeHead(404).end();
      }
    });
  };
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    transcoder,
    listener,
    async call(method, path, init = {}) {
      const headers = { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers };
      const res = await fetch(base + path, { method, headers, body: init.body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
