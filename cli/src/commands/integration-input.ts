/**
 * What `mi integrations set` and `mi integrations models` make of what the user gave: credential
 * values piped to stdin (never argv, where `ps` and shell history would keep them), and the
 * docs' short provider words (`--provider google`). Errors name keys, never values.
 */
import { UsageError } from "../exit.js";
import type { Integration } from "../sdk.js";

/** How to give credentials, for error messages. */
export function howToSet(entry: Integration): string {
  const keys = entry.secretFields.map((f) => f.key);
  const lines = [
    `mi integrations set reads ${entry.id}'s credentials from a prompt that does not echo (on a terminal) or from stdin:`,
    keys.length === 1
      ? `  mi integrations set --colony <colonyId> ${entry.id} < token-file`
      : `  printf '%s\\n' ${keys.map((k) => `'${k}=...'`).join(" ")} | mi integrations set --colony <colonyId> ${entry.id}`,
    `Fields: ${entry.secretFields.map((f) => `${f.key}${f.required ? "" : " (optional)"}`).join(", ")}.`,
  ];
  return lines.join("\n");
}

/**
 * Credentials piped to stdin, for the fields still `wanted`: `KEY=value` lines (blank lines
 * skipped), or, when one required field is wanted and the text is not such lines, the whole text
 * as its value (`< token-file`). Surrounding whitespace is dropped.
 */
export function parseSecretInput(text: string, entry: Integration, wanted: readonly string[]): Record<string, string> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new UsageError(`No credentials were read from stdin.\n${howToSet(entry)}`, "integrations set");
  // Upper-case variable names before '=': keyed lines, not a token that happens to hold '='.
  if (lines.every((l) => /^[A-Z_][A-Z0-9_]*=/.test(l))) {
    const known = new Set(entry.secretFields.map((f) => f.key));
    const data: Record<string, string> = {};
    for (const line of lines) {
      const eq = line.indexOf("=");
      const key = line.slice(0, eq);
      if (!known.has(key)) throw new UsageError(`${key} is not a credential of ${entry.id}.\n${howToSet(entry)}`, "integrations set");
      if (key in data) throw new UsageError(`${key} was given twice on stdin.`, "integrations set");
      const value = line.slice(eq + 1).trim();
      if (value !== "") data[key] = value;
    }
    return data;
  }
  const required = entry.secretFields.filter((f) => f.required && wanted.includes(f.key));
  if (required.length !== 1) {
    throw new UsageError(`${entry.id} takes several credentials: pipe them as KEY=value lines.\n${howToSet(entry)}`, "integrations set");
  }
  return { [required[0]!.key]: text.trim() };
}

/** The field a `--base-url` flag fills: the one key ending in `_BASE_URL`. */
export function baseUrlField(entry: Integration): string {
  const key = entry.secretFields.find((f) => f.key.endsWith("_BASE_URL"))?.key;
  if (key === undefined) throw new UsageError(`${entry.id} takes no base URL; --base-url is for LLM providers.`, "integrations set");
  return key;
}

/** Required fields the credentials lack, by key. */
export function missingFields(entry: Integration, data: Record<string, string>): string[] {
  return entry.secretFields.filter((f) => f.required && !data[f.key]).map((f) => f.key);
}

/**
 * The LLM provider a word names: its id (`google-gemini`), or the one provider whose id starts
 * with the word and '-' or whose name's first word it is (the docs' `--provider google`).
 * Unknown or ambiguous words pass through, for the server to refuse with its list.
 */
export function providerId(word: string, catalog: readonly Integration[]): string {
  const providers = catalog.filter((i) => i.llmProvider);
  const w = word.trim().toLowerCase();
  if (providers.some((p) => p.id === w)) return w;
  const matches = providers.filter((p) => p.id.startsWith(`${w}-`) || p.name.toLowerCase().split(/\s+/)[0] === w);
  return matches.length === 1 ? matches[0]!.id : w;
}
