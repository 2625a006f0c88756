/**
 * The client's call policy, applied to every unary call of the shared transport: a default
 * deadline, and retries with jittered exponential backoff for calls that are safe to repeat.
 *
 * Safe to repeat are reads (`Get*`, `List*`, {@link READS}, or methods the proto marks idempotent) and writes
 * whose request carries an idempotency key (see {@link IDEMPOTENCY_KEYS}). Every other write
 * runs once: the first attempt may have taken effect before the connection failed, and
 * repeating it could, say, create a second task. Streams (`tasks.watch`) pass through with
 * no deadline; they resume on their own (task-watch.ts).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { DescMessage, DescMethodUnary, MessageInitShape } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type Transport } from "@connectrpc/connect";
import { serverRetryDelayMs } from "./error-details.js";

/** Default deadline of one attempt of a unary call. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** How failed calls are retried; every field is optional. */
export interface RetryOptions {
  /** Attempts per call, the first one included; 1 turns retries off. Default 4. */
  maxAttempts?: number;
  /** Backoff before the first retry, doubling with each further one. Default 250 ms. */
  initialDelayMs?: number;
  /**
   * Longest wait between attempts. Default 10 000 ms. A server that asks for a longer wait
   * (RetryInfo or `retry-after`) gets no retry: the caller sees the error at once, with the
   * server's `retryAfter`, rather than a call that hangs for minutes.
   */
  maxDelayMs?: number;
}

/** The call policy of a transport: {@link RetryOptions} plus the default deadline. */
export interface CallPolicy extends Required<RetryOptions> {
  /** Deadline of each attempt of a unary call in ms; 0 means none. */
  timeoutMs: number;
}

/** The policy when the client options set nothing. */
export const DEFAULT_POLICY: Readonly<CallPolicy> = {
  timeoutMs: DEFAULT_TIMEOUT_MS,
  maxAttempts: 4,
  initialDelayMs: 250,
  maxDelayMs: 10_000,
};

/**
 * Writes that are safe to repeat because their request names an idempotency key: the
 * server applies a second request with the same key once. Keyed by `<service>.<method>`,
 * valued by the request field (local name) holding the key; such a write is retried only
 * when the caller set that field. From the `request_id` fields the protos document so.
 */
export const IDEMPOTENCY_KEYS: Readonly<Record<string, string>> = {
  "mitosis.v1.CreditService.AddCredits": "requestId",
};

/**
 * Reads whose names do not say so (`Get*` and `List*` do): safe to repeat like them. Keyed by
 * `<service>.<method>`.
 */
export const READS: ReadonlySet<string> = new Set(["mitosis.v1.FileService.ReadFile"]);

/** Failures that may pass on a later attempt. `resource_exhausted` only with a server-given wait. */
const RETRYABLE_CODES: ReadonlySet<Code> = new Set([Code.Unavailable, Code.ResourceExhausted, Code.DeadlineExceeded]);

/**
 * Wraps `inner` so every unary call gets `policy`: the default deadline unless the call sets
 * its own `timeoutMs`, and retries when {@link retryDelayMs} allows one. Each attempt goes
 * through the inner transport's interceptors again, so it carries a fresh signature nonce.
 */
export function withCallPolicy(inner: Transport, policy: CallPolicy): Transport {
  return {
    async unary(method, signal, timeoutMs, header, input, contextValues) {
      const deadline = timeoutMs ?? (policy.timeoutMs > 0 ? policy.timeoutMs : undefined);
      for (let attempt = 1; ; attempt++) {
        try {
          return await inner.unary(method, signal, deadline, header, input, contextValues);
        } catch (err) {
          const delayMs = signal?.aborted ? undefined : retryDelayMs(method, input, err, attempt, policy);
          if (delayMs === undefined) throw err;
          await sleep(delayMs, undefined, { signal }).catch(() => {
            throw ConnectError.from(signal?.reason ?? err, Code.Canceled);
          });
        }
      }
    },
    stream: (method, signal, timeoutMs, header, input, contextValues) =>
      inner.stream(method, signal, timeoutMs, header, input, contextValues),
  };
}

/**
 * How long to wait before attempt `attempt + 1` of a call that failed with `err`, or
 * undefined when it must not be retried. The server's RetryInfo / `retry-after` wins over
 * the backoff; either gets random jitter so clients that failed together spread out.
 */
export function retryDelayMs<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  input: MessageInitShape<I>,
  err: unknown,
  attempt: number,
  policy: RetryOptions = {},
  random: () => number = Math.random,
): number | undefined {
  const { maxAttempts, initialDelayMs, maxDelayMs } = { ...DEFAULT_POLICY, ...policy };
  if (attempt >= maxAttempts || !(err instanceof ConnectError) || !RETRYABLE_CODES.has(err.code)) return undefined;
  if (!safeToRepeat(method, input)) return undefined;
  const hinted = serverRetryDelayMs(err);
  if (hinted !== undefined) return hinted > maxDelayMs ? undefined : hinted + random() * hinted * 0.2;
  // Rate limits say when to come back; without that, hammering would only prolong them.
  if (err.code === Code.ResourceExhausted) return undefined;
  // "Equal jitter": at least half the exponential step, so retries never bunch up at zero.
  const step = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
  return step / 2 + random() * (step / 2);
}

/** Whether repeating the call cannot apply it twice: a read, or a write with its idempotency key set. */
export function safeToRepeat<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  input: MessageInitShape<I>,
): boolean {
  if (/^(Get|List)[A-Z]/.test(method.name) || READS.has(`${method.parent.typeName}.${method.name}`)) return true;
  if (method.idempotency !== MethodOptions_IdempotencyLevel.IDEMPOTENCY_UNKNOWN) return true;
  const keyField = IDEMPOTENCY_KEYS[`${method.parent.typeName}.${method.name}`];
  if (keyField === undefined) return false;
  const key = (input as Record<string, unknown>)[keyField];
  return typeof key === "string" && key !== "";
}

/**
 * The wait before the next try of a loop that keeps failing (heartbeats, claims, a chat
 * subscription): jittered, doubling from 500 ms, capped at 30 s, so a server outage never turns
 * into a request storm and a recovered server is reached again soon.
 */
export function failureBackoffMs(failures: number): number {
  return Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) * (0.5 + Math.random() / 2);
}
