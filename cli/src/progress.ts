/**
 * The progress bar of long transfers (`mi files push|pull`): one line on stderr, redrawn in
 * place at most every {@link REDRAW_MS} ms, with the bytes done, the total when known, and the
 * average rate. Only on a terminal: piped or redirected, stderr gets no bar, so logs and CI
 * output stay free of carriage returns.
 */
import type { IO, OutStream } from "./io.js";

/** The shortest time between two redraws: about ten a second, enough to look live. */
export const REDRAW_MS = 100;
/** The widest bar, in characters; wide terminals leave the rest empty. */
const MAX_BAR = 30;
/** Below this the bar is left out, and only the numbers are shown. */
const MIN_BAR = 10;
/** Carriage return to the start of the line, and erase what an earlier, longer line left after the cursor. */
const REDRAW = "\r";
const ERASE_RIGHT = "\u001b[K";

/** What a line shows. */
export interface ProgressState {
  /** What moves: a file's path. */
  label: string;
  /** Bytes done. */
  bytes: number;
  /** Bytes in all, when known. */
  total: number | undefined;
  /** Time since the transfer began, for the rate. */
  elapsedMs: number;
}

/** A byte count for people: `17 B`, `1.5 KiB`, `3.0 MiB`, `120 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * One line of progress that fits in `columns - 1` characters (the last column would wrap on
 * some terminals): `report.md  [######........]  1.5 MiB / 3.0 MiB  50%  12 MiB/s`. Without a
 * total there is no bar nor percentage; a narrow terminal drops the bar, then cuts the label.
 */
export function progressLine(state: ProgressState, columns: number): string {
  const { label, bytes, total, elapsedMs } = state;
  const rate = elapsedMs > 0 ? `  ${formatBytes(Math.round((bytes * 1000) / elapsedMs))}/s` : "";
  const width = Math.max(columns - 1, 1);
  if (total === undefined) return fitLabel(label, `  ${formatBytes(bytes)}${rate}`, width);
  const fraction = total === 0 ? 1 : Math.min(bytes / total, 1);
  const numbers = `  ${formatBytes(bytes)} / ${formatBytes(total)}  ${Math.floor(fraction * 100)}%${rate}`;
  const room = width - [...label].length - numbers.length - 4; // two spaces and the brackets
  if (room < MIN_BAR) return fitLabel(label, numbers, width);
  const barWidth = Math.min(room, MAX_BAR);
  const filled = Math.floor(fraction * barWidth);
  return `${label}  [${"#".repeat(filled)}${".".repeat(barWidth - filled)}]${numbers}`;
}

/** `label` and `rest` in `width` characters, the label cut with an ellipsis if need be. */
function fitLabel(label: string, rest: string, width: number): string {
  const chars = [...label];
  const room = width - rest.length;
  if (chars.length <= room) return label + rest;
  if (room < 2) return (label + rest).slice(0, width);
  return chars.slice(0, room - 1).join("") + "…" + rest;
}

/** What the bar is told: bytes so far, and the stage they count (an upload hashes a local file first). */
export interface ProgressUpdate {
  stage?: string;
  bytes: number;
  total: number | undefined;
}

/**
 * A progress line on a terminal, redrawn at most every {@link REDRAW_MS} ms. A new stage
 * (an upload's `hashing`, then `sending`) starts over: drawn at once, its rate counted afresh.
 */
export class ProgressBar {
  private startedAt: number;
  private drawnAt: number | undefined;
  private stage: string | undefined;
  private bytes = 0;
  private total: number | undefined;

  constructor(
    private readonly out: OutStream,
    private readonly label: string,
    /** Milliseconds from any fixed point; a test passes its own clock. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
  }

  /** Takes the latest count; draws it unless the last drawing is more recent than {@link REDRAW_MS}. */
  update(progress: ProgressUpdate): void {
    const time = this.now();
    const newStage = progress.stage !== this.stage;
    if (newStage) {
      this.stage = progress.stage;
      this.startedAt = time;
    }
    this.bytes = progress.bytes;
    this.total = progress.total;
    if (newStage || this.drawnAt === undefined || time - this.drawnAt >= REDRAW_MS) this.draw(time);
  }

  /** Draws the final count, whatever the time, and ends the line. */
  done(): void {
    this.draw(this.now());
    this.out.write("\n");
  }

  /** Ends the line where the bar stopped (after a failure), so what is printed next starts on a line of its own. */
  abandon(): void {
    if (this.drawnAt !== undefined) this.out.write("\n");
  }

  private draw(time: number): void {
    this.drawnAt = time;
    // Hashing reads the whole file before any byte is sent: say so, or the bar would seem to run twice.
    const label = this.stage === "hashing" ? `${this.label} (hashing)` : this.label;
    const state = { label, bytes: this.bytes, total: this.total, elapsedMs: time - this.startedAt };
    this.out.write(REDRAW + progressLine(state, this.out.columns || 80) + ERASE_RIGHT);
  }
}

/** A progress bar on stderr for `label` when stderr is a terminal; none otherwise. */
export function progressBar(io: IO, label: string): ProgressBar | undefined {
  return io.stderr.isTTY === true ? new ProgressBar(io.stderr, label) : undefined;
}
