/**
 * The REST transcoder: matches google.api.http bindings, builds the request
 * message, dispatches it to the method's Connect handler, and translates the
 * answer. Everything is compiled once, at construction.
 */
import type { Registry } from "@bufbuild/protobuf";
import { Code, ConnectError, createContextValues, type ContextValues } from "@connectrpc/connect";
import { universalRequestFromNodeRequest } from "@connectrpc/connect-node";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import type { UniversalHandler, UniversalServerRequest } from "@connectrpc/connect/protocol";
import { compileBindings, type Binding } from "./bindings.js";
import { type ByteStreamCall, CONTENT_SHA256_HEADER, type InProcessCall, serveByteStream, statedBodySha256 } from "./byte-stream.js";
import type { Dialect } from "./dialect.js";
import { dispatch } from "./dispatch.js";
import { readBody, writeJson, type NodeRequest, type NodeResponse } from "./node-io.js";
import { buildOpenApi, type OpenApiInfo } from "./openapi.js";
import { buildRequestMessage } from "./params.js";
import { registryForHandlers } from "./registry.js";
import { translateResponse } from "./response.js";
import { restRequestKey } from "./rest-context.js";
import { PathValueError, RouteTrie } from "./router.js";
import { asConnectError, httpStatusOf, RestRequestError, statusJson } from "./status.js";

/** REST access to the Connect handlers, plus their OpenAPI description. */
export interface RestTranscoder {
  /** Handles the request if a google.api.http binding matches; resolves false if nothing matches the path. */
  handle(req: NodeRequest, res: NodeResponse): Promise<boolean>;
  /** The OpenAPI 3.1 document for all bindings (served at GET /openapi.json). */
  openapi(): object;
  /** Notes on methods that were skipped at compile time (e.g. streaming methods with a binding). */
  readonly warnings: readonly string[];
}

/** Options of createRestTranscoder. */
export interface RestTranscoderOptions {
  /** The handlers of the Connect router (`router.handlers`); REST calls are dispatched to them. */
  handlers: UniversalHandler[];
  /** Larger request bodies are refused with 413. */
  maxBodyBytes: number;
  /** Extra types for JSON (e.g. google.rpc error details); the handlers' files are always included. */
  registry?: Registry;
  /** Context values for each call, as in connectNodeAdapter; the transcoder adds restRequestKey. */
  contextValues?: (req: NodeRequest) => ContextValues;
  /** Runs streaming methods in this process (rpc/in-process.ts); needed for byte-stream bindings. */
  call?: InProcessCall;
  /** Title and version of the OpenAPI document. */
  info?: OpenApiInfo;
  /** The JSON it reads and writes: canonical proto JSON (the default) or the docs' words (see dialect.ts). */
  dialect?: Dialect;
  /** Where a failure of the transcoder itself (a bug, not an error the handler answered) is logged; the server's pino logger. */
  log: { info(fields: object, msg: string): void; error(fields: object, msg: string): void };
}

/**
 * Compiles every binding of the handlers. Throws if a google.api.http option
 * is invalid or two bindings match the same requests.
 */
export function createRestTranscoder(opts: RestTranscoderOptions): RestTranscoder {
  const compiled = compileBindings(opts.handlers);
  const warnings = [...compiled.warnings];
  // Byte streams run in process; without a way to call the methods there they are left out.
  const bindings = compiled.bindings.filter((b) => {
    if (b.byteStream === undefined || opts.call !== undefined) return true;
    warnings.push(`${b.name}: byte-stream bindings need the in-process calls (options.call); ${b.template.source} is not served`);
    return false;
  });
  const trie = new RouteTrie<Binding>();
  for (const binding of bindings) {
    trie.add({ httpMethod: binding.httpMethod, template: binding.template, name: binding.name, target: binding });
  }
  const registry = registryForHandlers(opts.handlers, opts.registry);
  const dialect = opts.dialect ?? "proto";
  let document: object | undefined;

  const call = opts.call;
  /** A byte-stream binding's call: its first message from path and query, its body streamed. */
  const serveBytes = async (
    binding: ByteStreamCall["binding"],
    variables: Map<string, string>,
    query: URLSearchParams,
    url: string,
    req: NodeRequest,
    res: NodeResponse,
    incoming: UniversalServerRequest,
    contextValues: ContextValues,
  ) => {
    const signed = req.headers["x-mi-signature"] !== undefined;
    const upload = binding.method.methodKind === "client_streaming";
    const bodySha256 = upload ? statedBodySha256(req) : undefined;
    if (signed && upload && bodySha256 === undefined) {
      throw new RestRequestError(`a signed upload states its body's SHA-256 in ${CONTENT_SHA256_HEADER}, which the signature covers`);
    }
    const first = buildRequestMessage(binding, { variables, query, body: new Uint8Array(0), contentType: undefined }, registry, dialect);
    contextValues.set(restRequestKey, {
      method: req.method ?? "GET",
      url,
      body: new Uint8Array(0),
      bodySha256,
      binding: { httpMethod: binding.httpMethod, template: binding.template.source, operationId: binding.operationId },
    });
    await serveByteStream({ binding, first, req, res, incoming, contextValues, call: call!, registry, dialect, bodySha256 });
  };

  return {
    warnings,
    openapi() {
      document ??= buildOpenApi(bindings, opts.info, dialect);
      return document;
    },
    async handle(req, res) {
      const started = performance.now();
      // A request refused before it reaches a handler gets the request line the handler's
      // interceptors would have written (see rpc/request-log.ts), then its error.
      const refuse = (err: ConnectError, binding?: Binding) => {
        opts.log.info(
          {
            method: binding?.handler.requestPath.slice(1),
            protocol: "rest",
            httpMethod: req.method,
            route: binding?.template.source,
            code: codeToString(err.code),
            durationMs: Math.round((performance.now() - started) * 100) / 100,
          },
          "rpc",
        );
        respondError(res, err, registry);
      };
      const url = req.url ?? "/";
      const queryStart = url.indexOf("?");
      const path = queryStart < 0 ? url : url.slice(0, queryStart);
      const query = new URLSearchParams(queryStart < 0 ? "" : url.slice(queryStart + 1));
      let match: ReturnType<typeof trie.match>;
      try {
        match = trie.match(req.method ?? "GET", path);
      } catch (e) {
        if (!(e instanceof PathValueError)) {
          throw e;
        }
        refuse(new RestRequestError(e.message));
        return true;
      }
      if (match.kind === "no_match") {
        return false;
      }
      if (match.kind === "method_not_allowed") {
        const allow = match.allowed.join(", ");
        const message = `${req.method} is not allowed on ${path}; allowed: ${allow}`;
        refuse(new RestRequestError(message, Code.Unimplemented, 405, { allow }));
        return true;
      }
      const binding = match.route.target;
      try {
        const contextValues = opts.contextValues?.(req) ?? createContextValues();
        const incoming = universalRequestFromNodeRequest(req, res, undefined, contextValues);
        if (binding.byteStream !== undefined) {
          await serveBytes({ ...binding, byteStream: binding.byteStream }, match.variables, query, url, req, res, incoming, contextValues);
          return true;
        }
        const body = await readBody(incoming.body as AsyncIterable<Uint8Array>, opts.maxBodyBytes, req.headers["content-length"]);
        const message = buildRequestMessage(
          binding,
          {
            variables: match.variables,
            query,
            body,
            contentType: req.headers["content-type"],
            contentEncoding: req.headers["content-encoding"],
          },
          registry,
          dialect,
        );
        contextValues.set(restRequestKey, {
          method: req.method ?? "GET",
          url,
          body,
          binding: { httpMethod: binding.httpMethod, template: binding.template.source, operationId: binding.operationId },
        });
        const response = await translateResponse(
          binding,
          await dispatch(binding, message, incoming, contextValues, registry),
          registry,
          dialect,
        );
        writeJson(res, response.status, response.header, response.body);
      } catch (e) {
        if (e instanceof RestRequestError) {
          refuse(e, binding);
          return true;
        }
        if (!(e instanceof ConnectError)) {
          opts.log.error(
            { err: e, method: binding.handler.requestPath.slice(1), httpMethod: req.method, route: binding.template.source },
            "REST call failed",
          );
        }
        respondError(res, asConnectError(e), registry);
      }
      return true;
    },
  };
}

function respondError(res: NodeResponse, err: ConnectError, registry: Registry): void {
  if (res.headersSent || res.writableEnded) {
    return;
  }
  const header = new Headers(err instanceof RestRequestError ? err.headers : undefined);
  writeJson(res, httpStatusOf(err), header, statusJson(err, registry));
}
