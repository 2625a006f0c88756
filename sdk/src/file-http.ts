/**
 * Files' bytes over the server's REST byte routes (`PUT .../files/{path}:upload`,
 * `GET .../files/{path}:download`): the body is the file as it is, which costs the server a
 * fraction of the CPU that 1 MiB protobuf messages do (see the files benchmark). Auth is the
 * client's own: the API token, and for agents the request signature.
 */
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type DescMessage, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ViolationsSchema } from "../../gen/ts/buf/validate/validate_pb.js";
import { BadRequestSchema, ErrorInfoSchema, RetryInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { type FileInfo, FileInfoSchema, UploadFileResponseSchema } from "../../gen/ts/mitosis/v1/file_pb.js";
import { invalidArgument } from "./input.js";
import { required } from "./mapping.js";
import { privateKeyFromSeedHex, SIGNATURE_HEADERS, signRequest } from "./signing.js";

/** Who the requests are from: the client's endpoint, token and (agents) signing key. */
export interface FileRoutesOptions {
  endpoint: string;
  token?: string;
  signing?: { signingKey: string; agentId: string; officeId: string };
}

/** What an upload states about its bytes up front (the UploadFile header's other fields). */
export interface UploadQuery {
  contentType: string;
  sizeBytes?: number;
  sha256?: string;
}

/** The error details the SDK reads (error-details.ts), by their JSON `@type`. */
const DETAIL_TYPES: Record<string, DescMessage> = Object.fromEntries(
  [ErrorInfoSchema, BadRequestSchema, RetryInfoSchema, ViolationsSchema].map((d) => [`type.googleapis.com/${d.typeName}`, d]),
);

/** Raw-byte uploads and downloads of one client. */
export class FileRoutes {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(private readonly options: FileRoutesOptions) {
    this.base = new URL(options.endpoint.replace(/\/+$/, "") + "/");
    this.agent = new (this.base.protocol === "https:" ? https.Agent : http.Agent)({ keepAlive: true });
  }

  /** Opens a download: the file's metadata (from the X-Mi-File header) and its bytes as they arrive. */
  async download(officeId: string, path: string, signal: AbortSignal): Promise<{ file: FileInfo; body: IncomingMessage }> {
    const res = await this.send("GET", this.target(officeId, path, "download"), signal, new Uint8Array(0));
    const header = res.headers["x-mi-file"];
    if (typeof header !== "string") {
      res.destroy();
      throw new ConnectError("the download came without its X-Mi-File header", Code.Internal);
    }
    return { file: fromJson(FileInfoSchema, JSON.parse(header) as JsonValue, { ignoreUnknownFields: true }), body: res };
  }

  /** Uploads `chunks` and returns what the server stored. */
  async upload(
    officeId: string,
    path: string,
    query: UploadQuery,
    chunks: AsyncIterable<Uint8Array>,
    signal: AbortSignal,
  ): Promise<FileInfo> {
    if (this.options.signing && query.sha256 === undefined) {
      throw invalidArgument(
        "sha256",
        "is needed for an agent's upload of a stream (the signature covers it): pass options.sha256, or upload bytes, a Blob or a file",
      );
    }
    const target = this.target(officeId, path, "upload");
    if (query.contentType) target.searchParams.set("header.contentType", query.contentType);
    if (query.sizeBytes !== undefined) target.searchParams.set("header.sizeBytes", String(query.sizeBytes));
    if (query.sha256 !== undefined) target.searchParams.set("header.sha256", query.sha256);
    const res = await this.send("PUT", target, signal, { sha256: query.sha256 ?? "", chunks, size: query.sizeBytes });
    const answer = fromJson(UploadFileResponseSchema, (await readJson(res)) as JsonValue, { ignoreUnknownFields: true });
    return required(answer.file, "file");
  }

  private target(officeId: string, path: string, verb: "upload" | "download"): URL {
    const encoded = path.split("/").map(encodeURIComponent).join("/");
    return new URL(`api/offices/${encodeURIComponent(officeId)}/files/${encoded}:${verb}`, this.base);
  }

  /** Sends the request and resolves with a 200 response; any other answer is thrown as the server's error. */
  private async send(
    method: "GET" | "PUT",
    target: URL,
    signal: AbortSignal,
    body: Uint8Array | { sha256: string; size: number | undefined; chunks: AsyncIterable<Uint8Array> },
  ): Promise<IncomingMessage> {
    const headers: Record<string, string> = {};
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const streamed = !(body instanceof Uint8Array);
    if (streamed) {
      headers["content-type"] = "application/octet-stream";
      if (body.size !== undefined) headers["content-length"] = String(body.size);
      if (body.sha256) headers["x-mi-content-sha256"] = body.sha256;
    }
    const signing = this.options.signing;
    if (signing) {
      const parts = {
        method,
        host: target.host,
        path: target.pathname + target.search,
        agentId: signing.agentId,
        officeId: signing.officeId,
        timestamp: String(Date.now()),
        nonce: randomBytes(16).toString("hex"),
        body: streamed ? { sha256: body.sha256 } : body,
      };
      headers[SIGNATURE_HEADERS.agentId] = parts.agentId;
      headers[SIGNATURE_HEADERS.officeId] = parts.officeId;
      headers[SIGNATURE_HEADERS.timestamp] = parts.timestamp;
      headers[SIGNATURE_HEADERS.nonce] = parts.nonce;
      headers[SIGNATURE_HEADERS.signature] = signRequest(privateKeyFromSeedHex(signing.signingKey), parts);
    }
    const transport = target.protocol === "https:" ? https : http;
    const req = transport.request(target, { method, headers, agent: this.agent, signal });
    const answered = new Promise<IncomingMessage>((resolve, reject) => req.once("response", resolve).once("error", reject));
    let sent: Promise<void> | undefined;
    if (streamed) {
      sent = pipeline(Readable.from(body.chunks, { objectMode: false }), req);
      // Judged below: a server that refuses early (a JSON error) cuts the body short.
      sent.catch(() => {});
    } else {
      req.end();
    }
    let res: IncomingMessage;
    try {
      res = await answered;
    } catch (err) {
      await sent; // the source's own failure explains a failed request first
      if (signal.aborted)
        throw new ConnectError(`the ${method === "GET" ? "download" : "upload"} was cancelled`, Code.Canceled, undefined, undefined, err);
      throw err;
    }
    if (res.statusCode === 200) return res;
    throw errorOf(res.statusCode ?? 0, res.headers["retry-after"], await readJson(res).catch(() => ({})));
  }
}

async function readJson(res: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of res) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString("utf8"));
}

/** The server's google.rpc.Status answer as the ConnectError the other calls throw, with its details. */
function errorOf(status: number, retryAfter: string | string[] | undefined, json: unknown): ConnectError {
  const body = (json ?? {}) as { code?: number; message?: string; details?: { "@type"?: string }[] };
  const code = typeof body.code === "number" && body.code in Code ? (body.code as Code) : Code.Unknown;
  const details = (body.details ?? []).flatMap((detail) => {
    const desc = DETAIL_TYPES[detail["@type"] ?? ""];
    if (desc === undefined) return [];
    const { "@type": _type, ...fields } = detail;
    try {
      return [{ desc, value: fromJson(desc, fields as JsonValue, { ignoreUnknownFields: true }) }];
    } catch {
      return [];
    }
  });
  const metadata = typeof retryAfter === "string" ? new Headers({ "retry-after": retryAfter }) : undefined;
  return new ConnectError(body.message ?? `HTTP ${status}`, code, metadata, details);
}
