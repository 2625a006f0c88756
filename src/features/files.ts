import { FileService } from "../../gen/ts/mitosis/v1/file_pb.js";
import { Files } from "../files/files.js";
import { fileHandlers } from "../files/handlers.js";
import { PgFileStore } from "../files/store.js";
import type { ArtifactFiles } from "../tasks/model.js";
import type { Feature, FeatureContext } from "./feature.js";

/**
 * The tasks domain's port for artifact files, answered by the drive: artifacts under
 * /shared/files/ show the file their path names. Built from the context like the other
 * cross-feature ports, so no feature reaches into another's installed state.
 */
export function artifactFiles({ pool, blobs, clock }: FeatureContext): ArtifactFiles {
  const files = new Files(new PgFileStore(pool), blobs, clock);
  return { describe: (officeId, paths) => files.describe(officeId, paths) };
}

/** The office's shared drive: files on object storage, their metadata and change log in Postgres. */
export const filesFeature: Feature = {
  name: "files",
  services: [FileService],
  async install({ pool, blobs, clock }) {
    const files = new Files(new PgFileStore(pool), blobs, clock);
    return { register: (router) => router.service(FileService, fileHandlers(files)) };
  },
};
