/**
 * Tables for people and for pipes. On a terminal: columns aligned under upper-case headers,
 * two spaces apart, and when a row would be wider than the terminal the widest column is cut
 * with an ellipsis until it fits (like gh). Piped: the same rows tab-separated, never cut, so
 * `cut -f` and `awk -F'\t'` see every value whole.
 */
import type { Terminal } from "./io.js";

const GAP = "  ";
/** Columns are not cut below this width; a terminal narrower than that wraps instead. */
const MIN_WIDTH = 5;

/** Renders `rows` under `headers` for `term`. Tabs and line breaks inside cells become spaces. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], term: Terminal): string {
  const all = [headers.map((h) => h.toUpperCase()), ...rows].map((r) => r.map(oneLine));
  if (!term.tty) return all.map((r) => r.join("\t")).join("\n") + "\n";
  const widths = fit(
    headers.map((_, i) => Math.max(...all.map((r) => length(r[i] ?? "")))),
    term.columns,
  );
  return (
    all
      .map((r) =>
        r
          .map((cell, i) => {
            const width = widths[i] ?? 0;
            const cut = truncate(cell, width);
            return i === r.length - 1 ? cut : cut.padEnd(width + cut.length - length(cut));
          })
          .join(GAP)
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

/** Narrows the widest column, one character at a time, until the row fits in `columns`. */
export function fit(natural: readonly number[], columns: number): number[] {
  const widths = [...natural];
  let excess = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1) - columns;
  while (excess > 0) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= MIN_WIDTH) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    excess--;
  }
  return widths;
}

function oneLine(cell: string): string {
  return cell.replace(/[\t\r\n]+/g, " ");
}

/** Length in code points, so an emoji or accented letter counts once. */
function length(text: string): number {
  return [...text].length;
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width
    ? text
    : chars
        .slice(0, Math.max(0, width - 1))
        .join("")
        .trimEnd() + "…";
}
