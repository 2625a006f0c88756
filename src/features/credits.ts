import { CreditService } from "../../gen/ts/mitosis/v1/credit_pb.js";
import { Credits } from "../credits/credits.js";
import { creditHandlers } from "../credits/handlers.js";
import { PgCreditStore } from "../credits/store.js";
import type { Feature } from "./feature.js";

/** Credits: each office's one balance, deposits, and the ledger of every change. */
export const creditsFeature: Feature = {
  name: "credits",
  services: [CreditService],
  async install({ pool, config }) {
    const credits = new Credits(new PgCreditStore(pool), { creditsPerThousandTokens: config.integrations.creditsPerThousandTokens });
    return {
      register: (router) => router.service(CreditService, creditHandlers(credits)),
      officeCounters: async (scope) => ({ creditBalance: (await credits.balance(scope)).balance }),
    };
  },
};
