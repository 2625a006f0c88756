/**
 * Where a command reads and writes: the process streams in production, fakes with chosen
 * terminal traits (`isTTY`, `columns`, typed input) in tests.
 */

/** An output stream; `isTTY` and `columns` say whether it is a terminal and how wide. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** The input stream: a key piped to `mi login --with-token`, or a person typing at a prompt. */
export type InStream = NodeJS.ReadableStream & {
  isTTY?: boolean;
  /** Present on terminals: raw mode turns off echo (for the API key prompt). */
  setRawMode?(raw: boolean): unknown;
};

/** Streams and environment of one `mi` run. */
export interface IO {
  /** Data: tables, details, JSON. */
  stdout: OutStream;
  /** Status lines, prompts and errors. */
  stderr: OutStream;
  stdin: InStream;
  /** Environment (config dir, endpoint and key overrides). */
  env: NodeJS.ProcessEnv;
}

/** How output is laid out: for a person at a terminal of some width, or for a pipe. */
export interface Terminal {
  tty: boolean;
  columns: number;
}

/** The layout stdout calls for; 80 columns when a terminal does not say. */
export function terminalOf(io: IO): Terminal {
  return { tty: io.stdout.isTTY === true, columns: io.stdout.columns || 80 };
}

/**
 * Whether mi may ask a question: the answer comes from stdin and the question goes to stderr,
 * so both must be a terminal (not a pipe, a file or a CI log).
 */
export function canPrompt(io: IO): boolean {
  return io.stdin.isTTY === true && io.stderr.isTTY === true;
}
