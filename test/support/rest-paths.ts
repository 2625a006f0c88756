import { ScalarType } from "@bufbuild/protobuf";
import type { Binding } from "../../src/rest/bindings.js";
import { encodeSegment } from "../../src/rest/path-encoding.js";

/**
 * A request path that only `binding` should match, with a plausible value for each variable;
 * `values` gives the value of a path field by its proto name (e.g. office_id).
 */
export function samplePath(binding: Binding, values: Record<string, string> = {}): string {
  const { segments, variables, verb } = binding.template;
  const parts = segments.map((segment, i) => {
    if (segment.kind === "literal") {
      return encodeSegment(segment.value);
    }
    if (segment.kind === "**") {
      return "dir/file.txt";
    }
    const variable = variables.find((v) => v.start === i && v.end === i + 1);
    const leaf = binding.pathFields.find((p) => p.variable === variable)?.fields.at(-1);
    if (leaf && values[leaf.name] !== undefined) {
      return encodeSegment(values[leaf.name]!);
    }
    if (leaf?.fieldKind === "enum") {
      return leaf.enum.values[1]?.name ?? leaf.enum.values[0]!.name;
    }
    if (leaf?.fieldKind === "scalar" && leaf.scalar !== ScalarType.STRING && leaf.scalar !== ScalarType.BYTES) {
      return leaf.scalar === ScalarType.BOOL ? "true" : "7";
    }
    return `v${i}`;
  });
  return "/" + parts.join("/") + (verb === undefined ? "" : ":" + encodeSegment(verb));
}
