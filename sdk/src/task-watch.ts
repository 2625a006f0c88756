/**
 * A server stream of events that survives dropped connections: it reopens the stream
 * from the last event id it delivered, so the caller sees every event once, in order.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ConnectError } from "@connectrpc/connect";
import { toMitosisError, type ErrorCode, type MitosisError } from "./errors.js";

/** What {@link resumableStream} reports before each reconnect. */
export interface ReconnectInfo {
  /** Why the stream ended: the error, or undefined when the server closed it cleanly. */
  error: MitosisError | undefined;
  /** Consecutive reconnects without a message in between, starting at 1. */
  attempt: number;
  /** How long it waits before reopening, in milliseconds. */
  delayMs: number;
  /** The id it resumes after (the last event delivered), if any. */
  sinceId: number | undefined;
}

/** Options of {@link resumableStream}. */
export interface ResumableStreamOptions {
  /** Resume after this event id; undefined starts with new events only. */
  sinceId?: number;
  /** Ends the stream (quietly) when aborted. */
  signal?: AbortSignal;
  /** Called before each reconnect, e.g. to tell a person the connection dropped. */
  onReconnect?: (info: ReconnectInfo) => void;
  /** Called when a connection's first message arrives: from then on no event is missed. */
  onOpen?: () => void;
}

/**
 * Failures that say "the connection or server went away", worth reopening for. Anything
 * else (a bad filter, a deleted office, a revoked key) would fail again, so it is thrown.
 */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "unavailable",
  "unknown",
  "internal",
  "aborted",
  "canceled",
  "deadline_exceeded",
  "data_loss",
  "resource_exhausted",
]);

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

/**
 * Yields the events of `open(sinceId, signal)`, reopening it after a transient failure or
 * a clean end, with backoff (250 ms doubling to 5 s, reset by any message). A number item
 * is the server's position (its first message and keep-alives): it moves the resume point
 * but is not yielded. Events at or below the resume point are dropped, so a reconnect never
 * repeats one.
 */
export async function* resumableStream<E extends { id: number }>(
  open: (sinceId: number | undefined, signal: AbortSignal) => AsyncIterable<E | number>,
  options: ResumableStreamOptions = {},
): AsyncGenerator<E, void, undefined> {
  const { signal, onReconnect, onOpen } = options;
  let sinceId = options.sinceId;
  let attempt = 0;
  while (!signal?.aborted) {
    // One controller per connection, so a consumer that stops early also closes the stream.
    const connection = new AbortController();
    const connectionSignal = signal ? AbortSignal.any([signal, connection.signal]) : connection.signal;
    let error: MitosisError | undefined;
    let opened = false;
    try {
      for await (const item of open(sinceId, connectionSignal)) {
        attempt = 0;
        if (!opened) {
          opened = true;
          onOpen?.();
        }
        if (typeof item === "number") {
          if (sinceId === undefined || item > sinceId) sinceId = item;
          continue;
        }
        if (sinceId !== undefined && item.id <= sinceId) continue;
        sinceId = item.id;
        yield item;
        if (signal?.aborted) return; // the consumer stopped us while holding this event
      }
    } catch (err) {
      if (signal?.aborted) return;
      // Only wire failures are retried; a bug on this side (say, a response the SDK cannot
      // map) would fail the same way on every reconnect.
      if (!(err instanceof ConnectError)) throw err;
      error = toMitosisError(err);
      if (!TRANSIENT.has(error.code)) throw error;
    } finally {
      connection.abort();
    }
    if (signal?.aborted) return;
    attempt++;
    const delayMs = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1));
    onReconnect?.({ error, attempt, delayMs, sinceId });
    try {
      await sleep(delayMs, undefined, { signal });
    } catch {
      return; // aborted while waiting
    }
  }
}
