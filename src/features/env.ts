import { EnvService } from "../../gen/ts/mitosis/v1/env_pb.js";
import { Env } from "../env/env.js";
import { envHandlers } from "../env/handlers.js";
import { PgEnvStore } from "../env/store.js";
import type { Feature } from "./feature.js";
import { integrationEnv } from "./integrations.js";

/** Environment variables given to agents, office-wide and per agent, sealed at rest. */
export const envFeature: Feature = {
  name: "env",
  services: [EnvService],
  async install(ctx) {
    const { pool, secrets, clock } = ctx;
    // GetAgentEnv shows the agent's enabled integrations' variables too (secrets masked).
    const env = new Env(new PgEnvStore(pool), secrets, clock, integrationEnv(ctx));
    return { register: (router) => router.service(EnvService, envHandlers(env)) };
  },
};
