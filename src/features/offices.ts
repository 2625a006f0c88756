import { OfficeService } from "../../gen/ts/mitosis/v1/office_pb.js";
import { Offices } from "../domain/offices.js";
import { officeHandlers } from "../rpc/offices.js";
import { OfficeRepository } from "../store/offices.js";
import type { Feature } from "./feature.js";

/** Every object an office owns lives under this prefix of the one bucket. */
export function officeBlobPrefix(officeId: string): string {
  return `offices/${officeId}/`;
}

/** Offices: create, list, configure, delete, and their status across features. */
export const officesFeature: Feature = {
  name: "offices",
  services: [OfficeService],
  async install({ orm, access, blobs, officeCounters }) {
    const offices = new Offices(new OfficeRepository(orm.em), officeCounters, async (officeId) => {
      access.forget(officeId);
      await blobs.deletePrefix(officeBlobPrefix(officeId));
    });
    return {
      register: (router) => router.service(OfficeService, officeHandlers(offices)),
    };
  },
};
