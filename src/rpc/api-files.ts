import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DescFile, DescService } from "@bufbuild/protobuf";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../gen/ts/mitosis/v1");

/** Every generated file of our API (gen/ts/mitosis/v1/*_pb.ts), found on disk so none is forgotten. */
export async function loadApiFiles(): Promise<DescFile[]> {
  const names = (await readdir(apiDir)).filter((n) => /_pb\.(ts|js)$/.test(n)).sort();
  const files: DescFile[] = [];
  for (const name of names) {
    const mod = (await import(path.join(apiDir, name))) as Record<string, unknown>;
    for (const [exported, value] of Object.entries(mod)) {
      if (exported.startsWith("file_")) files.push(value as DescFile);
    }
  }
  return files;
}

/** All services declared in the given files. */
export function servicesOf(files: DescFile[]): DescService[] {
  return files.flatMap((f) => f.services);
}
