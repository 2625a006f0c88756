import pg from "pg";
import type { Logger } from "../log.js";
import { TASK_EVENTS_CHANNEL } from "./task-rows.js";

/** A watcher of one office: woken when its task events may have changed. */
export interface OfficeSubscription {
  /** Resolves at the next wake-up, after `timeoutMs`, or when `signal` aborts, whichever is first. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): void;
}

interface Waiter {
  pending: boolean;
  wake?: () => void;
}

/**
 * One LISTEN connection per server replica. NOTIFY is only a hint that an office's events
 * changed; watchers always read the event table by cursor and also poll, so a dropped
 * connection (re-established here with backoff) delays updates but never loses them.
 */
export class TaskEventListener {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private client?: pg.Client;
  private closed = false;
  private retryMs = 250;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  /** Watches one office. */
  subscribe(officeId: string): OfficeSubscription {
    const waiter: Waiter = { pending: false };
    let set = this.waiters.get(officeId);
    if (!set) this.waiters.set(officeId, (set = new Set()));
    set.add(waiter);
    return {
      wait: (timeoutMs, signal) =>
        new Promise<void>((resolve) => {
          if (waiter.pending || signal?.aborted) {
            waiter.pending = false;
            return resolve();
          }
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener("abort", done);
            waiter.wake = undefined;
            waiter.pending = false;
            resolve();
          };
          const timer = setTimeout(done, timeoutMs);
          signal?.addEventListener("abort", done, { once: true });
          waiter.wake = done;
        }),
      close: () => {
        set.delete(waiter);
        if (set.size === 0) this.waiters.delete(officeId);
      },
    };
  }

  /** The backend pid of the LISTEN connection (tests drop it on purpose). */
  get backendPid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
  }

  private wake(officeId: string): void {
    for (const waiter of this.waiters.get(officeId) ?? []) {
      if (waiter.wake) waiter.wake();
      else waiter.pending = true;
    }
  }

  private wakeAll(): void {
    for (const officeId of this.waiters.keys()) this.wake(officeId);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on("notification", (msg) => {
      if (msg.channel === TASK_EVENTS_CHANNEL && msg.payload) this.wake(msg.payload);
    });
    client.on("error", (err) => this.log.warn("task event listener lost its connection; reconnecting", { err: err.message }));
    client.on("end", () => {
      if (this.client === client) this.client = undefined;
      if (!this.closed) this.reconnectSoon();
    });
    await client.connect();
    await client.query(`listen ${TASK_EVENTS_CHANNEL}`);
    this.client = client;
    this.retryMs = 250;
    this.wakeAll(); // anything may have happened while we were not listening
  }

  private reconnectSoon(): void {
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    setTimeout(() => {
      if (this.closed) return;
      this.connect().catch((err) => {
        this.log.warn("task event listener could not reconnect", { err: err instanceof Error ? err.message : String(err), retryInMs: this.retryMs });
        this.reconnectSoon();
      });
    }, delay).unref();
  }
}
