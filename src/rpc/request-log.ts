/**
 * The request log: one line per RPC, whichever protocol carried it, written when the call ends
 * with the code its caller got.
 */
import {
  Code,
  ConnectError,
  type Interceptor,
  type StreamRequest,
  type StreamResponse,
  type UnaryRequest,
  type UnaryResponse,
} from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import type { Principal } from "../domain/principal.js";
import { principalKey } from "./context.js";
import type { Logger } from "../log.js";
import { restRequestKey } from "../rest/rest-context.js";
import { officeNamedBy } from "./office-scope.js";

/** How a call reached the server. */
export type RequestProtocol = "grpc" | "grpc-web" | "connect" | "rest";

const OK = 0;

/** A code as the Connect protocol spells it (`not_found`); `ok` for a call that succeeded. */
export function codeName(code: number): string {
  return code === OK ? "ok" : codeToString(code);
}

/**
 * Logs one line per RPC: `method` (`mitosis.v1.TaskService/CreateTask`), `protocol`, for REST
 * calls the `httpMethod` and the `route` template (never the query string), `code` (`ok`,
 * `not_found`, ...), `durationMs`, the `office` the request names, and the `principal` (account
 * and key ids; never a key, token or signature). A stream gets its line when it ends, with the
 * stream's whole duration.
 *
 * It must be the first (outermost) interceptor, so that the code it logs is the one the caller
 * got after error mapping, authentication, validation and office scope. Failures are logged at
 * info, since the caller's mistake is not the server's, except internal, unknown and data_loss
 * at error; a call the client gave up on (canceled) at debug. A unary call whose line's level is
 * off costs a clock read and nothing else.
 *
 * Requests that the Connect protocol layer refuses before any interceptor runs (a body that does
 * not parse, an unsupported content type or compression) never become a call of a method, and
 * get no line; the REST transcoder logs the requests it refuses itself, in the same shape.
 */
export function requestLogInterceptor(log: Logger): Interceptor {
  const finish = (req: UnaryRequest | StreamRequest, code: number, started: number) => {
    const level = code === OK ? "info" : levelOf(code, req.signal.aborted);
    if (!log.isLevelEnabled(level)) return;
    const values = req.contextValues;
    const rest = values.get(restRequestKey);
    log[level](
      {
        method: `${req.service.typeName}/${req.method.name}`,
        protocol: rest ? "rest" : protocolOf(req.header.get("content-type")),
        httpMethod: rest?.method,
        route: rest?.binding.template,
        code: codeName(code),
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        office: officeNamedBy(values),
        principal: principalFields(values.get(principalKey)),
      },
      "rpc",
    );
  };
  return (next) => async (req) => {
    const started = performance.now();
    let res: UnaryResponse | StreamResponse;
    try {
      res = await next(req);
    } catch (err) {
      finish(req, ConnectError.from(err).code, started);
      throw err;
    }
    if (!res.stream) {
      finish(req, OK, started);
      return res;
    }
    return { ...res, message: whenDone(res.message, req.signal, (code) => finish(req, code, started)) };
  };
}

/**
 * Passes the messages on, then reports the stream's final code once. A stream that ended because
 * its call was aborted (the client hung up, the deadline passed) ends with the abort's code even
 * when the handler returned quietly, as handlers that follow the signal do.
 */
async function* whenDone<T>(messages: AsyncIterable<T>, signal: AbortSignal, done: (code: number) => void): AsyncIterable<T> {
  // Stays canceled when the reader stops early: the client went away mid-stream.
  let code: number = Code.Canceled;
  try {
    yield* messages;
    code = signal.aborted ? ConnectError.from(signal.reason, Code.Canceled).code : OK;
  } catch (err) {
    code = ConnectError.from(err).code;
    throw err;
  } finally {
    done(code);
  }
}

function levelOf(code: number, aborted: boolean): "debug" | "info" | "error" {
  switch (code) {
    case Code.Internal:
    case Code.Unknown:
    case Code.DataLoss:
      return "error";
    case Code.Canceled:
      return aborted ? "debug" : "info";
    default:
      return "info";
  }
}

/** gRPC and gRPC-Web name themselves in the content type; everything else here speaks Connect (GET calls send none). */
function protocolOf(contentType: string | null): RequestProtocol {
  if (!contentType?.startsWith("application/grpc")) return "connect";
  return contentType.startsWith("application/grpc-web") ? "grpc-web" : "grpc";
}

/** Who called, by id only. */
function principalFields(principal: Principal | undefined): Record<string, string> | undefined {
  if (!principal) return undefined;
  switch (principal.kind) {
    case "operator":
      return { accountId: principal.accountId, keyId: principal.keyId };
    case "agent":
      return { accountId: principal.accountId, agent: principal.agentName };
    case "system":
      return { system: principal.component };
  }
}
