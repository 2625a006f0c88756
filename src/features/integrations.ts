import { IntegrationService } from "../../gen/ts/mitosis/v1/integration_pb.js";
import type { ProviderIntegrations } from "../agents/model.js";
import { Credits } from "../credits/credits.js";
import { PgCreditStore } from "../credits/store.js";
import type { InjectedEnv } from "../env/model.js";
import { integrationHandlers } from "../integrations/handlers.js";
import { Integrations } from "../integrations/integrations.js";
import { PgIntegrationStore } from "../integrations/store.js";
import type { Feature, FeatureContext } from "./feature.js";

function integrationsOf({ pool, secrets, clock, log, config }: FeatureContext): Integrations {
  const { baseUrls, proxyTimeoutMs, proxyMaxResponseBytes, proxyCredits } = config.integrations;
  const credits = new Credits(new PgCreditStore(pool));
  return new Integrations(
    new PgIntegrationStore(pool),
    secrets,
    clock,
    log,
    { baseUrls, timeoutMs: proxyTimeoutMs, maxResponseBytes: proxyMaxResponseBytes },
    // Every proxied call is metered in the office's credits, charged to the agent it was made for.
    async (scope, agentName, note) => {
      if (proxyCredits > 0) await credits.debit(scope, BigInt(proxyCredits), { agentName, note, kind: "usage" });
    },
  );
}

/**
 * The env domain's port for injected variables, answered by the integrations domain: the env
 * feature (GetAgentEnv) and the agents feature (a worker's environment at start) each build one,
 * as the agents feature builds its own read-only Env, so no feature reaches into another's
 * installed state and the domains never import each other.
 */
export function integrationEnv(ctx: FeatureContext): InjectedEnv {
  const integrations = integrationsOf(ctx);
  return { variables: (officeId, agentId) => integrations.injectedVariables(officeId, agentId) };
}

/** The agents domain's port for provider integrations: hire and promote with `provider` turn it on for the agent. */
export function providerIntegrations(ctx: FeatureContext): ProviderIntegrations {
  const integrations = integrationsOf(ctx);
  return { enable: async (scope, agentName, provider) => void (await integrations.toggle(scope, provider, agentName, true)) };
}

/** Third-party services connected to an office: credentials sealed at rest, enabled per agent, requested by agents. */
export const integrationsFeature: Feature = {
  name: "integrations",
  services: [IntegrationService],
  async install(ctx) {
    const integrations = integrationsOf(ctx);
    return { register: (router) => router.service(IntegrationService, integrationHandlers(integrations)) };
  },
};
