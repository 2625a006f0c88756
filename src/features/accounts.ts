import { AccountService, ApiKeyService } from "../../gen/ts/mitosis/v1/auth_pb.js";
import { accountHandlers, apiKeyHandlers } from "../accounts/handlers.js";
import { AccountSchema, ApiKeySchema } from "../accounts/entities.js";
import type { Feature } from "./feature.js";

/** Accounts and their API keys (the identity itself is shared: every request is authenticated with it). */
export const accountsFeature: Feature = {
  name: "accounts and API keys",
  services: [AccountService, ApiKeyService],
  entities: [AccountSchema, ApiKeySchema],
  async install({ accounts }) {
    return {
      register(router) {
        router.service(AccountService, accountHandlers(accounts));
        router.service(ApiKeyService, apiKeyHandlers(accounts));
      },
    };
  },
};
