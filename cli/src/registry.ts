/**
 * The set of commands and groups mi knows, and the names each command answers to.
 */
import type { Command, GroupSpec } from "./spec.js";

/** The commands and groups that resolution and help read. */
export interface Registry {
  commands: readonly Command[];
  groups: readonly GroupSpec[];
}

/** Every full name a command answers to, group aliases included: `offices list`, `offices ls`, `colonies list`, `colonies ls`. */
export function commandNames(cmd: Command, registry: Registry): string[] {
  const names = [cmd.name, ...(cmd.aliases ?? [])];
  const group = registry.groups.find((g) => cmd.name.startsWith(`${g.name} `));
  if (group === undefined) return names;
  const aliased = (group.aliases ?? []).flatMap((alias) => names.map((n) => alias + n.slice(group.name.length)));
  return [...names, ...aliased];
}
