import { OfficeService } from "../../gen/ts/mitosis/v1/office_pb.js";
import { Offices } from "../offices/offices.js";
import { officeHandlers } from "../offices/handlers.js";
import { OfficeRepository } from "../offices/store.js";
import { officeBlobPrefix } from "../offices/model.js";
import { OfficeSchema } from "../offices/entities.js";
import type { Feature } from "./feature.js";

/** Offices: create, list, configure, delete, and their status across features. */
export const officesFeature: Feature = {
  name: "offices",
  services: [OfficeService],
  entities: [OfficeSchema],
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
