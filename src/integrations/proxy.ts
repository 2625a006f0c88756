import { DomainError, fail } from "../errors.js";
import type { ProxyAuth } from "./catalog.js";

/** A call to send for an agent. */
export interface ProxyCall {
  method: string;
  /** Path and query under the integration's base URL, starting with "/". */
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** What the integration answered. */
export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface ProxyLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

/**
 * Headers the caller may not set: credentials (the server sets them), hop-by-hop headers and
 * those fetch computes itself.
 */
const REFUSED_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
]);

/** Response headers not handed back: cookies meant for the server's session, hop-by-hop ones. */
const DROPPED_RESPONSE_HEADERS = new Set(["set-cookie", "connection", "keep-alive", "transfer-encoding"]);

/**
 * The URL a proxied path reaches: strictly under `baseUrl` (same origin, below its path). Paths
 * are plain paths, never URLs: no "//" start (protocol-relative), no backslashes, no "." or ".."
 * segments (also percent-encoded), so nothing escapes the integration's API.
 */
export function targetUrl(baseUrl: string, path: string): URL {
  const refuse = (why: string) => fail.invalid(`path: ${why}; give a path under the integration's API, e.g. "/repos/o/r/pulls"`);
  if (!path.startsWith("/") || path.startsWith("//")) throw refuse("must start with a single '/'");
  if (path.includes("\\")) throw refuse("must not contain '\\'");
  const pathOnly = path.split(/[?#]/, 1)[0]!;
  for (const segment of pathOnly.split("/")) {
    const decoded = segment.replace(/%2e/gi, ".");
    if (decoded === "." || decoded === "..") throw refuse("must not contain '.' or '..' segments");
    if (/%2f|%5c/i.test(segment)) throw refuse("must not contain encoded '/' or '\\'");
  }
  const base = new URL(baseUrl);
  const target = new URL(base.href.replace(/\/+$/, "") + path);
  const basePath = base.pathname.replace(/\/+$/, "");
  if (target.origin !== base.origin || !(target.pathname === basePath || target.pathname.startsWith(`${basePath}/`))) {
    throw refuse("leaves the integration's API");
  }
  target.hash = "";
  return target;
}

/** Refuses headers the caller may not set: the credential's own header and the ones above. */
export function checkCallerHeaders(call: Pick<ProxyCall, "headers">, auth: ProxyAuth): void {
  for (const name of Object.keys(call.headers)) {
    const lower = name.toLowerCase();
    if (REFUSED_HEADERS.has(lower) || lower === auth.header.toLowerCase()) {
      throw fail.invalid(`headers: ${name} is set by the server (or not at all); leave it out`);
    }
  }
}

/**
 * Sends one call with the credential added, following no redirect (a 3xx goes back to the caller
 * as it is, so a redirect can never carry the credential to another host), within the time and
 * size limits.
 */
export async function sendProxied(
  url: URL,
  call: ProxyCall,
  auth: ProxyAuth,
  credential: string,
  limits: ProxyLimits,
  fetchFn: typeof fetch = fetch,
): Promise<ProxyAnswer> {
  checkCallerHeaders(call, auth);
  const headers = new Headers(call.headers);
  headers.set(auth.header, auth.prefix + credential);
  const method = call.method || "GET";
  const hasBody = call.body.length > 0 && method !== "GET" && method !== "HEAD";
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let res: Response;
  try {
    res = await fetchFn(url, { method, headers, body: hasBody ? new Uint8Array(call.body) : undefined, redirect: "manual", signal });
  } catch (err) {
    throw unreachable(err, limits);
  }
  const answerHeaders: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) answerHeaders[name] = value;
  });
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > limits.maxResponseBytes) {
    await res.body?.cancel();
    throw tooLarge(limits);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > limits.maxResponseBytes) {
          await reader.cancel();
          throw tooLarge(limits);
        }
        chunks.push(value);
      }
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw unreachable(err, limits);
    }
  }
  return { status: res.status, headers: answerHeaders, body: Buffer.concat(chunks) };
}

function tooLarge(limits: ProxyLimits) {
  return fail.precondition(`the integration's response is larger than ${limits.maxResponseBytes} bytes; ask for less (a page, a range)`);
}

function unreachable(err: unknown, limits: ProxyLimits) {
  const name = err instanceof Error ? err.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return fail.precondition(`the integration did not answer within ${limits.timeoutMs} ms; try again later`);
  }
  return fail.precondition("the integration could not be reached; try again later");
}
