import { FileService } from "../../gen/ts/mitosis/v1/file_pb.js";
import { Files } from "../files/files.js";
import { fileHandlers } from "../files/handlers.js";
import { PgFileStore } from "../files/store.js";
import type { ArtifactFiles } from "../tasks/model.js";
import { startLoop, type Loop } from "../lifecycle/loop.js";
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

/** Objects younger than this are never swept: an upload commits its file right after its object is complete. */
const ORPHAN_MIN_AGE_MS = 60 * 60_000;

/**
 * The office's shared drive: files on object storage, their metadata and change log in
 * Postgres, and a sweep (every replica may run it) that deletes objects no file points at.
 */
export const filesFeature: Feature = {
  name: "files",
  services: [FileService],
  async install({ pool, blobs, clock, config, log }) {
    const files = new Files(new PgFileStore(pool), blobs, clock);
    let sweep: Loop | undefined;
    return {
      register: (router) => router.service(FileService, fileHandlers(files)),
      serve() {
        sweep = startLoop(
          "orphan sweep",
          async (signal) => {
            const deleted = await files.sweepOrphans(new Date(clock.now().getTime() - ORPHAN_MIN_AGE_MS), signal);
            if (deleted > 0) log.info({ count: deleted }, "drive objects no file points at deleted");
          },
          // It lists every object of the store: not at every start, once an interval has passed.
          { intervalMs: config.orphanSweepMs, maxBackoffMs: config.orphanSweepMs, waitFirst: true, log },
        );
      },
      stop: async () => sweep?.stop(),
    };
  },
};
