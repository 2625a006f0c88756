/**
 * The engine's one retry policy for LLM calls: transient failures (5xx, 429, 408, timeouts,
 * dropped connections) are retried with jittered exponential backoff while the task's signal is
 * live; the SDK packages' own retries are off so nothing multiplies.
 */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

/** Backoff of {@link withRetries}. */
export interface RetryPolicy {
  /** Attempts in all, at least 1; default 6. */
  maxAttempts?: number;
  /** First wait, in milliseconds; default 500. */
  initialDelayMs?: number;
  /** Longest wait, in milliseconds; default 4000. */
  maxDelayMs?: number;
}

/** Whether `err` from an LLM call is worth another attempt. */
export function isTransient(err: unknown): boolean {
  if (err instanceof OpenAI.APIUserAbortError || err instanceof Anthropic.APIUserAbortError) return false;
  // Connection errors include the packages' timeouts (APIConnectionTimeoutError extends them).
  if (err instanceof OpenAI.APIConnectionError || err instanceof Anthropic.APIConnectionError) return true;
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === "number" && (status >= 500 || status === 429 || status === 408);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `call` until it succeeds, fails for good, runs out of attempts, or `signal` aborts
 * (then it rejects with the signal's reason). `onRetry` hears of each failure that is retried,
 * before the wait.
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  signal: AbortSignal,
  policy: RetryPolicy = {},
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void | Promise<void>,
): Promise<T> {
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 6);
  const initial = policy.initialDelayMs ?? 500;
  const cap = policy.maxDelayMs ?? 4000;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    try {
      return await call();
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      if (attempt >= maxAttempts || !isTransient(err)) throw err;
      // Full jitter between half and all of the exponential step: retries of many workers spread out.
      const delay = Math.min(cap, initial * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      await onRetry?.(err, attempt, delay);
      await sleep(delay, signal);
    }
  }
}
