import type { DestinationStream } from "../../src/log.js";

/** A log destination that keeps every line written to it, for a test to read. */
export interface LogCapture {
  destination: DestinationStream;
  /** Everything written so far, as written. */
  text(): string;
  /** The lines written so far, parsed. */
  lines(): { level: string; msg: string; [field: string]: unknown }[];
}

/** Creates an empty capture. */
export function captureLog(): LogCapture {
  const written: string[] = [];
  return {
    destination: { write: (line: string) => void written.push(line) },
    text: () => written.join(""),
    lines: () => written.map((line) => JSON.parse(line)),
  };
}
