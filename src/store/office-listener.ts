import pg from "pg";
import { Backoff, sleep } from "../lifecycle/backoff.js";
import { OutageLog } from "../lifecycle/outage.js";
import type { Logger } from "../log.js";
import type { OfficeSubscription, OfficeWakeups } from "../domain/office-wakeups.js";

interface Waiter {
  pending: boolean;
  wake?: () => void;
}

/**
 * One LISTEN connection per channel and server replica, kept by a single loop: connect, listen,
 * wait until the connection ends, back off with jitter, repeat. However the connection fails,
 * there is never more than one connection or one retry in flight. A NOTIFY (its payload an
 * office id) is only a hint that something of that office changed; watchers always read their
 * table by cursor and also poll, so while the connection is down updates are delayed, never lost.
 */
export class OfficeListener implements OfficeWakeups {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly closing = new AbortController();
  private readonly outage: OutageLog;
  private client?: pg.Client;
  private loop?: Promise<void>;

  constructor(
    private readonly databaseUrl: string,
    /** The channel its notifications come on, e.g. "mi_task_events". */
    private readonly channel: string,
    /** What it is called in logs and in pg_stat_activity, e.g. "task event listener". */
    private readonly what: string,
    log: Logger,
  ) {
    this.outage = new OutageLog(log, what);
  }

  /** Connects and listens; resolves once listening, or rejects (and stops) if the first attempt fails. */
  async start(): Promise<void> {
    const client = await this.connect();
    this.loop = this.run(client);
  }

  /** Watches one office. */
  subscribe(officeId: string): OfficeSubscription {
    const waiter: Waiter = { pending: false };
    let set = this.waiters.get(officeId);
    if (!set) {
      set = new Set();
      this.waiters.set(officeId, set);
    }
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

  async close(): Promise<void> {
    this.closing.abort();
    await this.client?.end().catch(() => {});
    await this.loop;
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

  /** The only loop that opens connections: one at a time, backing off between failures. */
  private async run(first: pg.Client): Promise<void> {
    const backoff = new Backoff(250, 10_000);
    let client: pg.Client | undefined = first;
    while (!this.closing.signal.aborted) {
      if (client) {
        const lost = await this.untilEnded(client);
        if (this.closing.signal.aborted) return;
        this.outage.failed(lost);
        client = undefined;
      }
      await sleep(backoff.next(), this.closing.signal);
      if (this.closing.signal.aborted) return;
      try {
        client = await this.connect();
        backoff.reset();
        this.outage.succeeded();
        this.wakeAll(); // anything may have happened while nobody was listening
      } catch (err) {
        this.outage.failed(err);
      }
    }
  }

  /** Opens the connection and listens; on failure nothing is left open. */
  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      application_name: `mitosis ${this.what}`,
    });
    // Errors also end the connection; `untilEnded` reports them, so none may go unhandled.
    client.on("error", () => {});
    client.on("notification", (msg) => {
      if (msg.channel === this.channel && msg.payload) this.wake(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closing.signal.aborted) {
      await client.end().catch(() => {});
      throw new Error(`${this.what} is closing`);
    }
    this.client = client;
    return client;
  }

  /** Resolves with the reason when the connection has ended, for whatever reason. */
  private untilEnded(client: pg.Client): Promise<Error> {
    return new Promise((resolve) => {
      let reason: Error = new Error("connection ended");
      client.on("error", (err) => (reason = err));
      client.once("end", () => {
        if (this.client === client) this.client = undefined;
        resolve(reason);
      });
    });
  }
}

/** How long one connection attempt may take before it counts as failed. */
const CONNECT_TIMEOUT_MS = 5_000;
