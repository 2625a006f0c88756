import type { DescService } from "@bufbuild/protobuf";
import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";

/** A generated Connect client for `service` that sends `apiKey` as a bearer token. */
export function clientFor<T extends DescService>(
  service: T,
  baseUrl: string,
  apiKey: string | undefined,
  protocol: "connect" | "grpc" | "grpc-web" = "connect",
): Client<T> {
  const auth: Interceptor = (next) => (req) => {
    if (apiKey !== undefined) req.header.set("authorization", `Bearer ${apiKey}`);
    return next(req);
  };
  const transport =
    protocol === "grpc"
      ? createGrpcTransport({ baseUrl, interceptors: [auth] })
      : protocol === "grpc-web"
        ? createGrpcWebTransport({ baseUrl, httpVersion: "1.1", interceptors: [auth] })
        : createConnectTransport({ baseUrl, httpVersion: "1.1", interceptors: [auth] });
  return createClient(service, transport);
}
