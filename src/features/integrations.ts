import { IntegrationService } from "../../gen/ts/mitosis/v1/integration_pb.js";
import { integrationHandlers } from "../integrations/handlers.js";
import type { Feature } from "./feature.js";

/** Third-party services connected to an office, credentials sealed at rest, enabled per agent. */
export const integrationsFeature: Feature = {
  name: "integrations",
  services: [IntegrationService],
  async install() {
    return { register: (router) => router.service(IntegrationService, integrationHandlers()) };
  },
};
