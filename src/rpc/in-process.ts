/**
 * Calls of a router's methods inside this process, on message objects, with the router's
 * interceptors around them. REST byte streams use it: a file's chunks reach the domain
 * without a protobuf round trip each, while auth, validation and office scope run exactly
 * as they do for gRPC and Connect.
 */
import type { DescMethod } from "@bufbuild/protobuf";
import {
  type ConnectRouter,
  createMethodImplSpec,
  createServiceImplSpec,
  type Interceptor,
  type MethodImplSpec,
} from "@connectrpc/connect";
import { transformInvokeImplementation } from "@connectrpc/connect/protocol";
import type { InProcessCall } from "../rest/byte-stream.js";

/**
 * Wraps `router` so it remembers the implementations registered on it; `call` runs them with
 * `interceptors` (the list the router was created with).
 */
export function inProcessCalls(router: ConnectRouter, interceptors: Interceptor[]): { router: ConnectRouter; call: InProcessCall } {
  const specs = new Map<DescMethod, MethodImplSpec>();
  const recording: ConnectRouter = {
    get handlers() {
      return router.handlers;
    },
    service(service, implementation, options) {
      for (const spec of Object.values(createServiceImplSpec(service, implementation).methods)) specs.set(spec.method, spec);
      router.service(service, implementation, options);
      return recording;
    },
    rpc(method, implementation, options) {
      specs.set(method, createMethodImplSpec(method, implementation));
      router.rpc(method, implementation, options);
      return recording;
    },
  };
  return {
    router: recording,
    call(method, context, input) {
      const spec = specs.get(method);
      if (spec === undefined) throw new Error(`${method.parent.typeName}.${method.name} has no implementation registered`);
      return transformInvokeImplementation(spec, context, interceptors)(input as AsyncIterable<never>);
    },
  };
}
