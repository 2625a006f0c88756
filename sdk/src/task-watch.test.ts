import { describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { NotFoundError } from "./errors.js";
import { resumableStream, type ReconnectInfo } from "./task-watch.js";

type Event = { id: number };

/** Collects what a stream yields until `stop` events were seen. */
async function take(stream: AsyncGenerator<Event>, stop: number): Promise<number[]> {
  const ids: number[] = [];
  for await (const e of stream) {
    ids.push(e.id);
    if (ids.length === stop) break;
  }
  return ids;
}

describe("resumableStream", () => {
  it("resumes from the server's position even before any event arrived", async () => {
    const opens: (number | undefined)[] = [];
    let opened = 0;
    async function* open(sinceId: number | undefined) {
      opens.push(sinceId);
      if (sinceId === undefined) {
        yield 10; // the watch is in place after event 10, then the connection drops
        throw new ConnectError("socket hang up", Code.Unavailable);
      }
      yield sinceId;
      yield { id: 11 };
    }
    const ids = await take(resumableStream(open, { onOpen: () => opened++ }), 1);
    expect(ids).toEqual([11]);
    expect(opens).toEqual([undefined, 10]);
    expect(opened).toBe(2);
  });

  it("reopens after a dropped connection from the last delivered id, without repeats", async () => {
    const opens: (number | undefined)[] = [];
    const reconnects: ReconnectInfo[] = [];
    // The server's log; each connection replays everything after sinceId, then drops.
    const log = [1, 2, 3, 4, 5];
    async function* open(sinceId: number | undefined) {
      opens.push(sinceId);
      const start = sinceId ?? 0;
      // The server's position first, and a stale event the server might resend.
      yield start;
      if (start > 0) yield { id: start };
      for (const id of log.filter((i) => i > start).slice(0, 2)) yield { id };
      throw new ConnectError("socket hang up", Code.Unavailable);
    }
    const ids = await take(resumableStream(open, { onReconnect: (info) => reconnects.push(info) }), 5);
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(opens).toEqual([undefined, 2, 4]);
    expect(reconnects.map((r) => [r.error?.code, r.attempt, r.sinceId])).toEqual([
      ["unavailable", 1, 2],
      ["unavailable", 1, 4],
    ]);
  });

  it("starts after the caller's sinceId and reconnects after a clean end too", async () => {
    const opens: (number | undefined)[] = [];
    async function* open(sinceId: number | undefined) {
      opens.push(sinceId);
      yield { id: (sinceId ?? 0) + 1 };
    }
    expect(await take(resumableStream(open, { sinceId: 10 }), 2)).toEqual([11, 12]);
    expect(opens).toEqual([10, 11]);
  });

  it("backs off while the server stays away, resetting once messages flow", async () => {
    const reconnects: ReconnectInfo[] = [];
    let opens = 0;
    async function* open(): AsyncGenerator<Event> {
      opens++;
      if (opens <= 2) throw new ConnectError("connect ECONNREFUSED", Code.Unavailable);
      yield { id: opens };
    }
    await take(resumableStream(open, { onReconnect: (info) => reconnects.push(info) }), 1);
    expect(reconnects.map((r) => [r.attempt, r.delayMs])).toEqual([
      [1, 250],
      [2, 500],
    ]);
  });

  it("throws errors that would repeat (not found, bad filter) as typed errors", async () => {
    // biome-ignore lint/correctness/useYield: a stream that fails before its first event
    async function* open(): AsyncGenerator<Event> {
      throw new ConnectError("office gone", Code.NotFound);
    }
    await expect(take(resumableStream(open), 1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("does not retry its own bugs (non-wire errors)", async () => {
    let opens = 0;
    // biome-ignore lint/correctness/useYield: a stream that fails before its first event
    async function* open(): AsyncGenerator<Event> {
      opens++;
      throw new Error("The server response is missing event.created_at");
    }
    await expect(take(resumableStream(open), 1)).rejects.toThrow(/created_at/);
    expect(opens).toBe(1);
  });

  it("ends quietly when the signal aborts, closing the open stream", async () => {
    const controller = new AbortController();
    let closedWith: unknown;
    async function* open(_: number | undefined, signal: AbortSignal) {
      yield { id: 1 };
      // Wait like a live stream until the connection's signal fires.
      if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      closedWith = signal.reason;
      throw new ConnectError("canceled", Code.Canceled);
    }
    const ids: number[] = [];
    const stream = resumableStream(open, { signal: controller.signal });
    const done = (async () => {
      for await (const e of stream) ids.push(e.id);
    })();
    // Abort while the stream waits for its next event, as Ctrl-C would.
    while (ids.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    await done;
    expect(ids).toEqual([1]);
    expect(closedWith).toBeDefined();
  });

  it("closes the stream when the consumer stops early", async () => {
    let aborted = false;
    async function* open(_: number | undefined, signal: AbortSignal) {
      signal.addEventListener("abort", () => (aborted = true));
      yield { id: 1 };
      yield { id: 2 };
    }
    expect(await take(resumableStream(open), 1)).toEqual([1]);
    expect(aborted).toBe(true);
  });
});
