import type { Logger } from "../log.js";

/**
 * Logs a dependency's failures once per change of state: the first failure after a success
 * ("lost") and the first success after failures ("restored", with how long it took), not
 * every attempt in between.
 */
export class OutageLog {
  private downSince?: number;
  private attempts = 0;

  constructor(
    private readonly log: Logger,
    /** What failed, as the subject of the log line, e.g. "lease reaper". */
    private readonly what: string,
  ) {}

  get down(): boolean {
    return this.downSince !== undefined;
  }

  failed(err: unknown): void {
    this.attempts++;
    if (this.downSince !== undefined) return;
    this.downSince = Date.now();
    this.log.warn({ err: messageOf(err) }, `${this.what} failed; retrying with backoff`);
  }

  succeeded(): void {
    if (this.downSince === undefined) return;
    this.log.info({ downForMs: Date.now() - this.downSince, failedAttempts: this.attempts }, `${this.what} recovered`);
    this.downSince = undefined;
    this.attempts = 0;
  }
}

/** An error's message, or the value itself as text. */
export function messageOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return err.errors.map(messageOf).join("; ");
  return err instanceof Error ? err.message || err.name : String(err);
}
