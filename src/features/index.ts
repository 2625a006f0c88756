import { accountsFeature } from "./accounts.js";
import { agentsFeature } from "./agents.js";
import { chatFeature } from "./chat.js";
import { creditsFeature } from "./credits.js";
import { envFeature } from "./env.js";
import type { Feature } from "./feature.js";
import { filesFeature } from "./files.js";
import { integrationsFeature } from "./integrations.js";
import { officesFeature } from "./offices.js";
import { tasksFeature } from "./tasks.js";

export type { Feature, FeatureContext, InstalledFeature } from "./feature.js";

/** Every feature this server has: adding a service means adding it here, and nowhere else. */
export const features: readonly Feature[] = [
  accountsFeature,
  officesFeature,
  tasksFeature,
  creditsFeature,
  agentsFeature,
  filesFeature,
  envFeature,
  integrationsFeature,
  chatFeature,
];
