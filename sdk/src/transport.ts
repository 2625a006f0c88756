/**
 * The one transport all sub-clients share: Connect over HTTP/1.1 by default, or gRPC
 * over HTTP/2 (h2c for http:// endpoints), with the API token and, for agents, the
 * request signature attached by interceptors, and the call policy (deadline, retries)
 * around it all.
 */
import type { Interceptor, Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { withCallPolicy, type CallPolicy } from "./retry.js";
import { signingInterceptor } from "./signing.js";

/** What a transport needs to know; a subset of the client options. */
export interface TransportOptions {
  /** Server base URL, e.g. `http://127.0.0.1:8080`. */
  endpoint: string;
  /** API token sent as `Authorization: Bearer <token>`; agents that sign every request may have none. */
  token?: string;
  /** Wire protocol: `connect` (HTTP/1.1, default) or `grpc` (HTTP/2). */
  protocol: "connect" | "grpc";
  /** Agent signing, when the client acts as an agent. */
  signing?: { signingKey: string; agentId: string; officeId: string };
  /** Default deadline and retries of unary calls. */
  policy: CallPolicy;
}

/** Builds the Connect or gRPC transport with auth (and signing) interceptors and the call policy. */
export function createMitosisTransport(options: TransportOptions): Transport {
  return withCallPolicy(wireTransport(options), options.policy);
}

function wireTransport(options: TransportOptions): Transport {
  const baseUrl = options.endpoint.replace(/\/+$/, "");
  const interceptors: Interceptor[] = options.token ? [bearerToken(options.token)] : [];
  // Signing runs last (closest to the wire) so it sees the final headers and URL.
  if (options.signing) interceptors.push(signingInterceptor({ ...options.signing, protocol: options.protocol }));
  // Binary and uncompressed requests: the signature covers the exact body bytes, which
  // the signing interceptor rebuilds under exactly these settings.
  if (options.protocol === "grpc") {
    return createGrpcTransport({ baseUrl, interceptors });
  }
  return createConnectTransport({ baseUrl, httpVersion: "1.1", useBinaryFormat: true, interceptors });
}

function bearerToken(token: string): Interceptor {
  return (next) => async (req) => {
    req.header.set("authorization", `Bearer ${token}`);
    return next(req);
  };
}
