/**
 * `--json` and `--json field,field` (gh's convention): the whole result, or only the named
 * fields of it (of each item, for lists). Unknown names are usage errors that list the
 * fields there are.
 */
import { UsageError } from "./exit.js";
import type { Command } from "./spec.js";

/** How a field list is written: names separated by commas (`id,title`). */
export const FIELD_LIST = /^[A-Za-z_]\w*(,[A-Za-z_]\w*)*,?$/;

/** The names in `--json id,title`, each checked against the command's fields. */
export function parseFields(text: string, cmd: Command): string[] {
  const available = cmd.json ?? [];
  const names = text
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
  if (names.length === 0) throw fieldError("Specify one or more comma-separated fields for --json, or none for all:", cmd);
  for (const name of names) {
    if (!available.includes(name)) throw fieldError(`Unknown JSON field ${JSON.stringify(name)} for mi ${cmd.name}.`, cmd);
  }
  return [...new Set(names)];
}

function fieldError(message: string, cmd: Command): UsageError {
  const fields = [...(cmd.json ?? [])].sort();
  return new UsageError(`${message}\nAvailable fields:\n  ${fields.join("\n  ")}`, cmd.name);
}

/** `value` with only `fields` kept (in the order asked), item by item for lists; all of it without fields. */
export function selectFields(value: unknown, fields: readonly string[] | undefined): unknown {
  if (fields === undefined || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => selectFields(item, fields));
  const record = value as Record<string, unknown>;
  // Absent optional fields (a top-level task's parentId) print as null, so every object has every asked field.
  return Object.fromEntries(fields.map((f) => [f, record[f] ?? null]));
}

/** The text `--json` prints: indented JSON and a newline. */
export function jsonText(value: unknown, fields: readonly string[] | undefined): string {
  return JSON.stringify(selectFields(value, fields), null, 2) + "\n";
}
