/**
 * A flag's spellings and how help writes it. A flag declared as `assignedAgent` is shown as
 * `--assigned-agent` (kebab-case, like gh and kubectl) and answers to `--assignedAgent` too
 * (the docs' spelling); aliases get both forms as well.
 */
import { type Command, type FlagSpec, type FlagSpecs, flag } from "./spec.js";

/** `--office`/`--colony`, added to every command that acts on an office. */
export const OFFICE_FLAG = flag.string({
  summary: "Office to act on, instead of the first argument (--colony is the docs' name)",
  value: "officeId",
  aliases: ["colony"],
});

/** `assignedAgent` -> `assigned-agent`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The flags a command accepts: `--office` first when it takes an office, then its own. */
export function commandFlags(cmd: Command): FlagSpecs {
  const takesOffice = Object.values(cmd.args).some((a) => a.type === "office");
  return takesOffice ? { office: OFFICE_FLAG, ...cmd.flags } : cmd.flags;
}

/** Every way to write the flag `key`: `--assigned-agent`, `--assignedAgent`, aliases, `-y`. */
export function spellings(key: string, spec: FlagSpec): string[] {
  const names = [key, ...(spec.aliases ?? [])].flatMap((n) => [`--${kebab(n)}`, `--${n}`]);
  if (spec.short !== undefined) names.push(`-${spec.short}`);
  return [...new Set(names)];
}

/** The value placeholder: `<agent>`, or nothing for a switch. */
export function placeholder(key: string, spec: FlagSpec): string {
  return spec.type === "switch" ? "" : ` <${spec.value ?? kebab(key)}>`;
}

/** How help and messages write a flag: `--assigned-agent <agent>`. */
export function displayFlag(key: string, spec: FlagSpec): string {
  return `--${kebab(key)}${placeholder(key, spec)}`;
}
