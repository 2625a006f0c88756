import type { DescService } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";

/** What each not-yet-built service will bring, so callers know it is planned, not broken. */
const plannedFeature: Record<string, string> = {
  "mitosis.v1.ChatService": "office chat",
};

/**
 * Registers every method of `service` to answer `unimplemented` with a message that names
 * the method, the feature it belongs to, and what does work (`working`: the features built).
 */
export function registerUnimplemented(router: ConnectRouter, service: DescService, working: readonly string[]): void {
  router.service(
    service,
    unimplementedMethods(service, `Working in this version: ${working.join(", ")}.`) as Parameters<ConnectRouter["service"]>[1],
  );
}

/** Handlers answering `unimplemented` for every method of `service`. */
function unimplementedMethods(service: DescService, more = ""): Record<string, unknown> {
  const feature = plannedFeature[service.typeName] ?? "this service";
  const impl: Record<string, unknown> = {};
  for (const method of service.methods) {
    const error = () =>
      new ConnectError(
        `${service.typeName}/${method.name} is not available yet: ${feature} is not built in this version of the server.${more ? ` ${more}` : ""}`,
        Code.Unimplemented,
      );
    impl[method.localName] =
      method.methodKind === "unary" || method.methodKind === "client_streaming"
        ? async () => {
            throw error();
          }
        : // biome-ignore lint/correctness/useYield: the stream fails before its first message
          async function* () {
            throw error();
          };
  }
  return impl;
}
