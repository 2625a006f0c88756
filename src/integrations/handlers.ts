import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type IntegrationCategory,
  IntegrationCategorySchema,
  IntegrationSchema,
  IntegrationService,
} from "../../gen/ts/mitosis/v1/integration_pb.js";
import { enumWords } from "../enum-words.js";
import { unimplementedMethods } from "../rpc/unimplemented.js";
import { CATALOG, type CatalogEntry, envVarsOf, type IntegrationCategoryName } from "./catalog.js";

// The domain's words for the proto enums, read from the descriptors.
const categories = enumWords<IntegrationCategory, IntegrationCategoryName>(IntegrationCategorySchema);

export function integrationToProto(e: CatalogEntry) {
  return create(IntegrationSchema, {
    id: e.id,
    name: e.name,
    description: e.description,
    category: categories.value(e.category),
    capabilities: [...e.capabilities],
    llmProvider: e.llmProvider,
    secretFields: e.secretFields.map((f) => ({ key: f.key, description: f.description, required: f.required })),
    envVars: envVarsOf(e),
  });
}

const byName = (a: CatalogEntry, b: CatalogEntry) => a.name.localeCompare(b.name, "en");

/** Connect handlers of mitosis.v1.IntegrationService: translation only, rules live in the domain. */
export function integrationHandlers(): ServiceImpl<typeof IntegrationService> {
  return {
    // Methods of later slices answer unimplemented until they are built.
    ...(unimplementedMethods(IntegrationService) as ServiceImpl<typeof IntegrationService>),
    async listIntegrationCatalog() {
      return { integrations: [...CATALOG].sort(byName).map(integrationToProto) };
    },
  };
}
