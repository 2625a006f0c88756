import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type FileChangeType,
  FileChangeTypeSchema,
  FileInfoSchema,
  type FileService,
  type UploadFileRequest,
} from "../../gen/ts/mitosis/v1/file_pb.js";
import { enumWords } from "../enum-words.js";
import { fail } from "../errors.js";
import { scopeOf, timestampOrUnset } from "../rpc/context.js";
import type { Files } from "./files.js";
import type { FileChangeTypeName, FileRecord } from "./model.js";
import { DOWNLOAD_CHUNK_BYTES } from "./rules.js";

// The domain's words for the proto enum, read from the descriptor.
const changeTypes = enumWords<FileChangeType, FileChangeTypeName>(FileChangeTypeSchema);

function fileToProto(f: FileRecord) {
  return create(FileInfoSchema, {
    path: f.path,
    sizeBytes: BigInt(f.sizeBytes),
    contentType: f.contentType,
    sha256: f.sha256,
    createdAt: timestampOrUnset(f.createdAt),
    modifiedAt: timestampOrUnset(f.modifiedAt),
    modifiedBy: f.modifiedBy,
  });
}

/** The chunks after an upload's header; a second header is refused. */
async function* chunksAfterHeader(rest: AsyncIterator<UploadFileRequest>): AsyncGenerator<Uint8Array> {
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    const part = next.value.part;
    if (part.case !== "chunk") throw fail.invalid("UploadFileRequest: only the first message carries a header; send chunks after it");
    if (part.value.byteLength > 0) yield part.value;
  }
}

/** Connect handlers of mitosis.v1.FileService: translation only, rules live in the domain. */
export function fileHandlers(files: Files): ServiceImpl<typeof FileService> {
  return {
    async uploadFile(requests, ctx) {
      const messages = requests[Symbol.asyncIterator]();
      const first = await messages.next();
      if (first.done || first.value.part.case !== "header") {
        throw fail.invalid("UploadFileRequest: the first message must be the header (office_id, path), then the chunks");
      }
      const header = first.value.part.value;
      const file = await files.upload(
        scopeOf(ctx),
        {
          path: header.path,
          contentType: header.contentType,
          sizeBytes: header.sizeBytes === undefined ? undefined : Number(header.sizeBytes),
          sha256: header.sha256 || undefined,
        },
        chunksAfterHeader(messages),
      );
      return { file: fileToProto(file) };
    },
    async *downloadFile(req, ctx) {
      const { file, body } = await files.download(scopeOf(ctx), req.path);
      try {
        yield { part: { case: "file", value: fileToProto(file) } };
        for await (const piece of body as AsyncIterable<Buffer>) {
          for (let at = 0; at < piece.byteLength; at += DOWNLOAD_CHUNK_BYTES) {
            yield { part: { case: "chunk", value: piece.subarray(at, at + DOWNLOAD_CHUNK_BYTES) } };
          }
        }
      } finally {
        body.destroy();
      }
    },
    async writeFile(req, ctx) {
      return { file: fileToProto(await files.write(scopeOf(ctx), req.path, req.content, req.contentType)) };
    },
    async readFile(req, ctx) {
      const { file, content } = await files.read(scopeOf(ctx), req.path);
      return { file: fileToProto(file), content };
    },
    async getFile(req, ctx) {
      return { file: fileToProto(await files.get(scopeOf(ctx), req.path)) };
    },
    async listFiles(req, ctx) {
      const page = await files.list(scopeOf(ctx), req.prefix, req);
      return { files: page.items.map(fileToProto), nextPageToken: page.next };
    },
    async deleteFile(req, ctx) {
      await files.delete(scopeOf(ctx), req.path);
      return {};
    },
    async listFileChanges(req, ctx) {
      const { changes, next, more } = await files.changes(scopeOf(ctx), Number(req.sinceId), req.pageSize);
      return {
        changes: changes.map((c) => ({
          id: BigInt(c.id),
          type: changeTypes.value(c.type),
          path: c.path,
          file: c.file ? fileToProto(c.file) : undefined,
          changedBy: c.changedBy,
          changedAt: timestampOrUnset(c.changedAt),
        })),
        nextSinceId: BigInt(next),
        hasMore: more,
      };
    },
  };
}
