/**
 * How commands print: data to stdout (aligned tables, key/value details or JSON),
 * status and errors to stderr.
 */

/** Where a command writes; the process streams in production. */
export interface IO {
  /** Data: tables, details, JSON. */
  stdout: { write(text: string): unknown };
  /** Status lines and errors. */
  stderr: { write(text: string): unknown };
  /** Environment (config dir, endpoint and key overrides). */
  env: NodeJS.ProcessEnv;
}

/**
 * Renders rows under upper-case headers in columns padded to the widest cell, two
 * spaces apart, like `gh`. The last column is not padded (no trailing spaces).
 */
export function renderTable(headers: string[], rows: string[][]): string {
  const all = [headers.map((h) => h.toUpperCase()), ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  return (
    all
      .map((r) =>
        r
          .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

/** Renders `label: value` lines with the values aligned. */
export function renderDetails(pairs: [label: string, value: string][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join("\n") + "\n";
}

/** Writes a value as indented JSON (the SDK's plain objects) for scripts. */
export function writeJson(io: IO, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

/** Writes a status line to stderr. */
export function status(io: IO, line: string): void {
  io.stderr.write(line + "\n");
}

/** A timestamp for tables and details: ISO, or "-" when unset. */
export function when(iso: string | null): string {
  return iso ?? "-";
}
