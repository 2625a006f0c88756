/**
 * The type registry the transcoder reads and writes JSON with: every file the
 * registered services are defined in, with all their imports, plus whatever
 * the caller adds (e.g. google.rpc error details). It resolves
 * google.protobuf.Any fields and error details by type name.
 */
import { createRegistry, type DescFile, type Registry } from "@bufbuild/protobuf";
import type { UniversalHandler } from "@connectrpc/connect/protocol";

/** A registry of the handlers' files and their imports; `extra` wins on duplicate names. */
export function registryForHandlers(handlers: readonly UniversalHandler[], extra?: Registry): Registry {
  const files = new Set<DescFile>();
  const visit = (file: DescFile): void => {
    if (!files.has(file)) {
      files.add(file);
      file.dependencies.forEach(visit);
    }
  };
  for (const h of handlers) visit(h.service.file);
  return createRegistry(...files, ...(extra ? [extra] : []));
}
