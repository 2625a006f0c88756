import type { Logger } from "../log.js";
import type { LogStreamName } from "./model.js";
import type { PgAgentStore } from "./store.js";

/** One line to keep. */
export interface PendingLogLine {
  agentId: string;
  time: Date;
  stream: LogStreamName;
  text: string;
}

/** Lines per insert. */
const BATCH = 500;
/** How long a line may wait for others to share its insert. */
const DELAY_MS = 100;

/**
 * Writes agents' log lines in batches: what their processes print and what the platform says
 * about them go through the same queue, so the stored order is the order they happened in, and
 * a chatty agent costs one insert per batch rather than one per line.
 */
export class AgentLogWriter {
  private readonly pending: PendingLogLine[] = [];
  private flushing?: Promise<void>;

  constructor(
    private readonly store: Pick<PgAgentStore, "appendLogs">,
    private readonly log: Logger,
  ) {}

  write(line: PendingLogLine): void {
    this.pending.push(line);
    if (this.pending.length === 1) setTimeout(() => void this.flush(), DELAY_MS).unref();
  }

  /** Writes what is queued; resolves when it is stored. */
  flush(): Promise<void> {
    this.flushing ??= (async () => {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, BATCH);
        await this.store.appendLogs(batch).catch((err) => this.log.warn({ err, lines: batch.length }, "agent log lines lost"));
      }
    })().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }
}
