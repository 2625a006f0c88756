import { EnvService } from "../../gen/ts/mitosis/v1/env_pb.js";
import { Env } from "../env/env.js";
import { envHandlers } from "../env/handlers.js";
import { PgEnvStore } from "../env/store.js";
import type { Feature } from "./feature.js";

/** Environment variables given to agents, office-wide and per agent, sealed at rest. */
export const envFeature: Feature = {
  name: "env",
  services: [EnvService],
  async install({ pool, secrets, clock }) {
    const env = new Env(new PgEnvStore(pool), secrets, clock);
    return { register: (router) => router.service(EnvService, envHandlers(env)) };
  },
};
