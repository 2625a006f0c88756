import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import { createHash } from "node:crypto";
import type { ConnectRouter } from "@connectrpc/connect";
import { Code, ConnectError, createContextValues } from "@connectrpc/connect";
import type { UniversalHandler } from "@connectrpc/connect/protocol";
import { universalRequestFromNodeRequest, universalResponseToNodeResponse } from "@connectrpc/connect-node";
import type { Logger } from "./log.js";
import { wireBodyKey } from "./rpc/context.js";

type NodeRequest = http.IncomingMessage | http2.Http2ServerRequest;
type NodeResponse = http.ServerResponse | http2.Http2ServerResponse;

/** Handles what is not an RPC path (REST, /healthz, /openapi.json); resolves false when nothing matched. */
export type Fallback = (req: NodeRequest, res: NodeResponse) => Promise<boolean>;

/**
 * Serves the router's RPCs by exact path (gRPC, gRPC-Web and Connect all use
 * `/package.Service/Method`) and hands every other request to `fallback`.
 */
export function createRequestHandler(router: ConnectRouter, fallback: Fallback, log: Logger) {
  const paths = new Map<string, UniversalHandler>(router.handlers.map((h) => [h.requestPath, h]));
  return (req: NodeRequest, res: NodeResponse) => {
    const handler = paths.get((req.url ?? "").split("?", 1)[0] ?? "");
    if (!handler) {
      fallback(req, res)
        .then((handled) => {
          if (!handled && !res.headersSent) {
            (res as http.ServerResponse).writeHead(404, { "content-type": "application/json" });
            res.end(JSON.stringify({ code: 5, message: `no route for ${req.method} ${req.url}`, details: [] }));
          }
        })
        .catch((err) => {
          // The path only: a query string may carry anything.
          log.error({ err, httpMethod: req.method, path: (req.url ?? "").split("?", 1)[0] }, "request failed");
          if (!res.headersSent) (res as http.ServerResponse).writeHead(500);
          res.end();
        });
      return;
    }
    const uReq = universalRequestFromNodeRequest(req, res, undefined, undefined);
    if (req.headers["x-mi-signature"] !== undefined) hashBody(uReq);
    handler(uReq)
      .then((uRes) => universalResponseToNodeResponse(uRes, res))
      .catch((err) => {
        // The call itself has its line in the request log; this is the response failing on its
        // way out. Canceled or aborted: the client went away (e.g. a watcher hung up).
        const code = ConnectError.from(err).code;
        const gone = code === Code.Canceled || code === Code.Aborted;
        if (gone) log.debug({ method: handler.requestPath.slice(1) }, "response not delivered: the client went away");
        else log.error({ err, method: handler.requestPath.slice(1) }, "writing the response failed");
      });
  };
}

/**
 * Hashes the body of an agent-signed request as the protocol handler reads it, so auth can check
 * the signature over the exact bytes without buffering the body a second time.
 */
function hashBody(uReq: ReturnType<typeof universalRequestFromNodeRequest>): void {
  const body = uReq.body as AsyncIterable<Uint8Array>;
  const hash = createHash("sha256");
  let done!: (digest: string) => void;
  const digest = new Promise<string>((resolve) => {
    done = resolve;
  });
  uReq.contextValues = createContextValues().set(wireBodyKey, digest);
  uReq.body = (async function* () {
    for await (const chunk of body) {
      hash.update(chunk);
      yield chunk;
    }
    done(hash.digest("hex"));
  })();
}

/** A listener serving HTTP/1.1 and cleartext HTTP/2 on one port. */
export interface OnePortServer {
  port: number;
  /** Stops accepting connections and waits for open requests (up to `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

/**
 * Node cannot serve h2c and HTTP/1.1 on one socket by itself, so a plain TCP server peeks
 * at the first bytes of each connection: the HTTP/2 preface goes to the http2 server,
 * anything else to the http1 server.
 */
export async function listenOnePort(
  handler: (req: NodeRequest, res: NodeResponse) => void,
  opts: { port: number; host: string; tls?: { cert: Buffer; key: Buffer } },
): Promise<OnePortServer> {
  if (opts.tls) return listenTls(handler, { ...opts, tls: opts.tls });
  // HTTP/1.1 sockets with a request in progress; when closing, idle ones are destroyed at once
  // and busy ones as soon as their response is done (keep-alive would otherwise hold the close).
  const busy = new Map<net.Socket, number>();
  let closing = false;
  const h1 = http.createServer((req, res) => {
    const socket = req.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    res.once("close", () => {
      const left = (busy.get(socket) ?? 1) - 1;
      if (left > 0) busy.set(socket, left);
      else busy.delete(socket);
      if (closing && left <= 0) socket.destroy();
    });
    handler(req, res);
  });
  h1.keepAliveTimeout = 65_000;
  const h1Sockets = new Set<net.Socket>();
  h1.on("connection", (socket: net.Socket) => track(h1Sockets, socket));
  const h2 = http2.createServer(
    { settings: H2_SETTINGS },
    handler as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void,
  );
  const sessions = new Set<http2.Http2Session>();
  h2.on("session", (session) => {
    track(sessions, session);
    widenWindow(session);
  });
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    track(sockets, socket);
    routeByPreface(socket, h1, h2);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(opts.port, opts.host, () => resolve());
  });
  const port = (tcp.address() as net.AddressInfo).port;
  return {
    port,
    async close(graceMs = 10_000) {
      closing = true;
      for (const socket of h1Sockets) if (!busy.has(socket)) socket.destroy();
      h1.close();
      h2.close();
      await drain(tcp, sessions, sockets, graceMs);
    },
  };
}

/** With TLS, ALPN picks h2 or HTTP/1.1 per connection, so one secure http2 server does both. */
async function listenTls(
  handler: (req: NodeRequest, res: NodeResponse) => void,
  opts: { port: number; host: string; tls: { cert: Buffer; key: Buffer } },
): Promise<OnePortServer> {
  const server = http2.createSecureServer({ ...opts.tls, allowHTTP1: true, settings: H2_SETTINGS }, handler);
  const sessions = new Set<http2.Http2Session>();
  server.on("session", (session) => {
    track(sessions, session);
    widenWindow(session);
  });
  const sockets = new Set<net.Socket>();
  server.on("secureConnection", (socket: net.Socket) => track(sockets, socket));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: (graceMs = 10_000) => drain(server, sessions, sockets, graceMs),
  };
}

/**
 * HTTP/2 flow-control windows of 64 KiB (the protocol's default) cap a stream at one window per
 * round trip: a file upload waits for WINDOW_UPDATEs every 64 KiB. Streams get 4 MiB and the
 * connection 16 MiB, which bounds what a client can have in flight to the server (memory stays
 * bounded) while large transfers run at the speed of the link.
 */
const H2_SETTINGS: http2.Settings = { initialWindowSize: 4 * 1024 * 1024 };
const H2_CONNECTION_WINDOW = 16 * 1024 * 1024;

function widenWindow(session: http2.Http2Session): void {
  const widen = () => session.setLocalWindowSize(H2_CONNECTION_WINDOW);
  if (session.connecting) session.once("connect", widen);
  else widen();
}

/** Keeps `item` in `set` until it closes. */
function track<T extends { once(event: "close", listener: () => void): unknown }>(set: Set<T>, item: T): void {
  set.add(item);
  item.once("close", () => set.delete(item));
}

/**
 * Stops accepting connections, asks HTTP/2 sessions to finish their streams, and resolves
 * once every connection is gone; whatever is still open after `graceMs` is cut.
 */
async function drain(listener: net.Server, sessions: Set<http2.Http2Session>, sockets: Set<net.Socket>, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
  for (const session of sessions) session.close();
  const timer = setTimeout(() => {
    for (const socket of sockets) socket.destroy();
  }, graceMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
}

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

function routeByPreface(socket: net.Socket, h1: http.Server, h2: http2.Http2Server): void {
  // Read in paused mode and push the bytes back: the chosen server then reads them first.
  // (Flowing mode would hand buffered bytes to 'data' listeners the http2 session never adds.)
  const onReadable = () => {
    const seen = socket.read() as Buffer | null;
    if (!seen) return;
    const n = Math.min(seen.length, PREFACE.length);
    const isH2 = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
    socket.unshift(seen);
    if (isH2 && seen.length < PREFACE.length) return; // wait for the rest of the preface
    socket.off("readable", onReadable);
    (isH2 ? h2 : h1).emit("connection", socket);
  };
  socket.on("readable", onReadable);
  socket.on("error", () => socket.destroy());
}
