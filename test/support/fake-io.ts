import { PassThrough } from "node:stream";
import type { IO } from "../../cli/src/io.js";

/** A terminal or pipe for in-process `mi` runs: what was written, and the raw-mode switches made. */
export interface FakeIO extends IO {
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
  /** Each setRawMode call on stdin, in order (only terminals have it). */
  rawModes: boolean[];
  /** Types more input (a terminal keeps stdin open between answers). */
  type(text: string): void;
}

/** Options of {@link fakeIO}. */
export interface FakeIOOptions {
  /** stdin, stdout and stderr are a terminal (default false: pipes). */
  tty?: boolean;
  /** Terminal width (default 80). */
  columns?: number;
  /** Typed or piped input; a pipe ends after it, a terminal stays open. */
  input?: string;
  env?: NodeJS.ProcessEnv;
}

/** Streams with chosen terminal traits, collecting what is written. */
export function fakeIO(opts: FakeIOOptions = {}): FakeIO {
  const tty = opts.tty ?? false;
  let out = "";
  let err = "";
  const rawModes: boolean[] = [];
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?(raw: boolean): void };
  if (tty) {
    stdin.isTTY = true;
    stdin.setRawMode = (raw) => rawModes.push(raw);
  }
  if (opts.input !== undefined) stdin.write(opts.input);
  if (!tty) stdin.end();
  const stream = (write: (t: string) => void) => ({
    write: (t: string) => write(t),
    isTTY: tty,
    columns: tty ? (opts.columns ?? 80) : undefined,
  });
  return {
    stdout: stream((t) => (out += t)),
    stderr: stream((t) => (err += t)),
    stdin,
    env: opts.env ?? {},
    out: () => out,
    err: () => err,
    rawModes,
    type: (text) => stdin.write(text),
  };
}
