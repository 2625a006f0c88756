import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Loading the SDK (Connect, the generated descriptors) is most of mi's start-up time, so the
// command tree imports only its types; commands load it with import() when they run. This
// follows the static imports from the entry points and fails if any reaches the SDK.

const here = dirname(fileURLToPath(import.meta.url));

/** Relative modules `file` imports statically for their values (`import type` is erased). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const found = [...source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?"(\.[^"]+)";/gms)].map((m) => m[1]!);
  return found.map((spec) => join(dirname(file), spec.replace(/\.js$/, ".ts")));
}

/** Every module reachable from `entry` through static value imports. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

describe("start-up", () => {
  it("mi --version, help and parsing load no SDK code", () => {
    const sdk = join(here, "sdk.ts");
    // run.ts loads parse.ts (and cac) with import() when there is a command to parse.
    for (const entry of ["main.ts", "run.ts", "parse.ts"]) {
      const modules = [...reachable(join(here, entry))].map((f) => relative(here, f));
      expect(modules, entry).not.toContain(relative(here, sdk));
      expect(modules.filter((m) => m.startsWith(".."))).toEqual([]);
    }
    // The walk does see the command tree.
    expect([...reachable(join(here, "run.ts"))].map((f) => relative(here, f))).toContain("commands/tasks.ts");
  });
});
