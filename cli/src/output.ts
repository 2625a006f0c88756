/**
 * Label/value details for one object (`mi offices get`, `mi tasks stats`); tables are in
 * table.ts. The same on a terminal and in a pipe: one `label: value` per line.
 */

/** Renders `label: value` lines with the values aligned. */
export function renderDetails(pairs: readonly (readonly [label: string, value: string])[]): string {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join("\n") + "\n";
}

/** A timestamp for tables and details: ISO, or "-" when unset. */
export function when(iso: string | null | undefined): string {
  return iso ?? "-";
}
