import { FileService } from "../../gen/ts/mitosis/v1/file_pb.js";
import { Files } from "../files/files.js";
import { fileHandlers } from "../files/handlers.js";
import { PgFileStore } from "../files/store.js";
import type { Feature } from "./feature.js";

/** The office's shared drive: files on object storage, their metadata and change log in Postgres. */
export const filesFeature: Feature = {
  name: "files",
  services: [FileService],
  async install({ pool, blobs, clock }) {
    const files = new Files(new PgFileStore(pool), blobs, clock);
    return { register: (router) => router.service(FileService, fileHandlers(files)) };
  },
};
