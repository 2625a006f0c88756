/**
 * A command's usage line, for its help and for usage errors:
 * `mi tasks get [officeId] <taskId> [flags]`.
 */
import { displayFlag } from "./flags.js";
import type { Command } from "./spec.js";

/** Positionals in brackets (`<required>`, `[optional]`), then required flags, then `[flags]`. */
export function usageLine(cmd: Command): string {
  const parts = [`mi ${cmd.name}`];
  for (const [name, a] of Object.entries(cmd.args)) {
    parts.push(a.type === "office" ? "[officeId]" : a.type === "rest" ? `<${name}...>` : a.optional ? `[${name}]` : `<${name}>`);
  }
  const flags = Object.entries(cmd.flags);
  for (const [key, spec] of flags) if (spec.required) parts.push(displayFlag(key, spec));
  parts.push("[flags]");
  return parts.join(" ");
}
