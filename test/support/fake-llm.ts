/**
 * A scripted LLM provider for tests: a real HTTP server on 127.0.0.1 that speaks OpenAI Chat
 * Completions (`…/chat/completions` under any base path, JSON or SSE) and Anthropic Messages
 * (`…/v1/messages`, JSON or SSE). It answers with the test's scripted turns in order, can fail the next N
 * requests with 503, and records every request (body and headers, API key included) for
 * assertions. Requests the real API would refuse get a 400 (401 for a missing key) in its shape.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { Socket } from "node:net";
import { anthropic, BadRequest, openai, type ScriptedTurn, type WireAnswer } from "./fake-llm-protocols.js";

export type { ScriptedCall, ScriptedTurn } from "./fake-llm-protocols.js";

/** A request the fake received, and how it answered. */
export interface RecordedLlmRequest {
  api: "openai" | "anthropic";
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the provider's JSON freely
  body: any;
  /** The HTTP status answered; 0 if the client hung up before the answer. */
  status: number;
}

/** A running fake provider. */
export interface FakeLlm {
  /** `http://127.0.0.1:<port>`; OpenAI clients take `${url}/v1` as base URL, Anthropic's `url`. */
  url: string;
  /** Every request so far, oldest first. */
  requests: RecordedLlmRequest[];
  /** Replaces what is left of the script. */
  script(turns: ScriptedTurn[]): void;
  /**
   * Answers every request with what `respond` picks from the request's messages (as the wire
   * carries them, all text joined), instead of a script: for several agents calling at once.
   */
  respond(respond: (conversation: string, n: number) => ScriptedTurn): void;
  /** Scripted turns not yet answered. */
  remaining(): number;
  /** Answers the next `count` requests with `status` (default 503) in the provider's error shape. */
  failNext(count: number, status?: number): void;
  /** Drops the connection of the next `count` requests without an answer (a network failure). */
  dropNext(count: number): void;
  /** Resolves once `count` requests have arrived in all. */
  received(count: number): Promise<void>;
  /** Forgets requests and script. */
  reset(): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Starts a fake provider on a free port. */
export async function startFakeLlm(): Promise<FakeLlm> {
  let turns: ScriptedTurn[] = [];
  let responder: ((conversation: string, n: number) => ScriptedTurn) | undefined;
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let drops = 0;
  let served = 0;
  const requests: RecordedLlmRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer(async (req, res) => {
    let hungUp = false;
    res.on("close", () => {
      hungUp = true;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const protocol =
      req.method !== "POST"
        ? undefined
        : path.endsWith("/chat/completions")
          ? openai
          : path.endsWith("/v1/messages")
            ? anthropic
            : undefined;
    if (!protocol) {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") ?? {};
    } catch {
      // a body that is no JSON is refused below as the real API would
    }
    const record: RecordedLlmRequest = { api: protocol === openai ? "openai" : "anthropic", path, headers: req.headers, body, status: 0 };
    requests.push(record);
    for (const w of waiters.filter((w) => requests.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
    if (drops > 0) {
      drops--;
      req.socket.destroy();
      return;
    }
    const answer = await answerFor(protocol, req.headers, body, () => hungUp);
    if (!answer || hungUp) return;
    record.status = answer.status;
    if ("sse" in answer) {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const { event, data } of answer.sse) res.write(`${event ? `event: ${event}\n` : ""}data: ${data}\n\n`);
      res.end();
    } else {
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.json));
    }
  });

  async function answerFor(
    protocol: typeof openai | typeof anthropic,
    headers: IncomingHttpHeaders,
    body: Record<string, unknown>,
    gone: () => boolean,
  ): Promise<WireAnswer | undefined> {
    if (failures.count > 0) {
      failures.count--;
      return protocol.error(failures.status, "The server is overloaded; please try again later.");
    }
    try {
      protocol.validate(headers, body);
    } catch (err) {
      if (err instanceof BadRequest) return protocol.error(err.status, err.message);
      throw err;
    }
    const turn = responder ? responder(JSON.stringify(body.messages ?? []), served + 1) : turns.shift();
    if (!turn) return protocol.error(400, "fake-llm: the script has no turn left for this request");
    const offered = protocol.offeredTools(body);
    const unknown = (turn.toolCalls ?? []).find((c) => !offered.includes(c.name));
    if (unknown) return protocol.error(400, `fake-llm: the script calls ${unknown.name}, which the request does not offer`);
    if (turn.delayMs) {
      const until = Date.now() + turn.delayMs;
      while (Date.now() < until && !gone()) await new Promise((r) => setTimeout(r, 10));
      if (gone()) return undefined;
    }
    return protocol.answer(body, turn, ++served);
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fake-llm: no port");

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    script(next) {
      turns = [...next];
      responder = undefined;
    },
    respond(next) {
      responder = next;
    },
    remaining: () => turns.length,
    failNext(count, status = 503) {
      failures = { count, status };
    },
    dropNext(count) {
      drops = count;
    },
    received(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    reset() {
      requests.length = 0;
      turns = [];
      responder = undefined;
      served = 0;
      failures = { count: 0, status: 503 };
      drops = 0;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
