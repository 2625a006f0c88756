import type { Logger } from "../log.js";
import { Backoff, sleep } from "./backoff.js";
import { OutageLog } from "./outage.js";

/** One dependency the server cannot serve without (Postgres, the blob store). */
export interface DependencyCheck {
  name: string;
  /** Resolves when the dependency answers. */
  check(): Promise<void>;
}

/** What `/readyz` reports: every dependency's last result ("ok" or what failed). */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
}

/**
 * Checks every dependency every `intervalMs` (more slowly, with jittered backoff, while one
 * is failing) and reports the server ready only when all answered the last round. Each
 * dependency logs when it is lost and when it is back, not every attempt.
 */
export class Readiness {
  private readonly results = new Map<string, string>();
  private readonly outages: Map<string, OutageLog>;
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  private ready = false;

  constructor(
    private readonly checks: DependencyCheck[],
    private readonly opts: { intervalMs: number; timeoutMs: number; maxBackoffMs: number; log: Logger; onChange(ready: boolean): void },
  ) {
    this.outages = new Map(checks.map((c) => [c.name, new OutageLog(opts.log, `${c.name} check`)]));
  }

  /** Runs the first round (so the server starts with a true answer), then keeps checking. */
  async start(): Promise<void> {
    await this.round();
    this.loop = this.run();
  }

  report(): ReadinessReport {
    return { ready: this.ready, checks: Object.fromEntries(this.results) };
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const backoff = new Backoff(this.opts.intervalMs, this.opts.maxBackoffMs);
    while (!this.stopping.signal.aborted) {
      await sleep(this.ready ? this.opts.intervalMs : backoff.next(), this.stopping.signal);
      if (this.stopping.signal.aborted) return;
      await this.round();
      if (this.ready) backoff.reset();
    }
  }

  private async round(): Promise<void> {
    const results = await Promise.all(this.checks.map((c) => this.checkOne(c)));
    const ready = results.every(Boolean);
    if (ready !== this.ready) {
      this.ready = ready;
      this.opts.onChange(ready);
    }
  }

  private async checkOne(dependency: DependencyCheck): Promise<boolean> {
    const outage = this.outages.get(dependency.name)!;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs);
    });
    try {
      await Promise.race([dependency.check(), timeout]);
      this.results.set(dependency.name, "ok");
      outage.succeeded();
      return true;
    } catch (err) {
      // Details go to the log only: /readyz answers anyone.
      this.results.set(dependency.name, "unavailable");
      outage.failed(err);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
