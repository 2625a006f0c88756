import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  AgentIntegrationSchema,
  type IntegrationCategory,
  IntegrationCategorySchema,
  type IntegrationRequestStatus,
  IntegrationRequestSchema,
  IntegrationRequestStatusSchema,
  IntegrationSchema,
  type IntegrationService,
  ModelSchema,
  OfficeIntegrationSchema,
} from "../../gen/ts/mitosis/v1/integration_pb.js";
import { enumWords } from "../enum-words.js";
import { scopeOf, timestampOrUnset } from "../rpc/context.js";
import { type CatalogEntry, envVarsOf, type IntegrationCategoryName } from "./catalog.js";
import type { AgentIntegrationRecord, Integrations, OfficeIntegrationRecord } from "./integrations.js";
import type { IntegrationRequestRecord, IntegrationRequestStatusName } from "./model.js";

// The domain's words for the proto enums, read from the descriptors.
const categories = enumWords<IntegrationCategory, IntegrationCategoryName>(IntegrationCategorySchema);
const statuses = enumWords<IntegrationRequestStatus, IntegrationRequestStatusName>(IntegrationRequestStatusSchema);

function integrationToProto(e: CatalogEntry) {
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

function officeIntegrationToProto(i: OfficeIntegrationRecord) {
  return create(OfficeIntegrationSchema, {
    integration: integrationToProto(i.entry),
    configured: i.configuredAt !== null,
    configuredAt: timestampOrUnset(i.configuredAt),
    enabledAgents: i.enabledAgents,
    pendingRequestCount: i.pendingRequestCount,
  });
}

function agentIntegrationToProto(i: AgentIntegrationRecord) {
  return create(AgentIntegrationSchema, {
    integration: integrationToProto(i.entry),
    configured: i.configured,
    enabledAt: timestampOrUnset(i.enabledAt),
  });
}

function requestToProto(r: IntegrationRequestRecord) {
  return create(IntegrationRequestSchema, {
    id: r.id,
    integrationId: r.integrationId,
    agentName: r.agentName,
    reason: r.reason,
    status: statuses.value(r.status),
    createdAt: timestampOrUnset(r.createdAt),
    resolvedAt: timestampOrUnset(r.resolvedAt),
    resolutionNote: r.resolutionNote,
  });
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en");

/** Connect handlers of mitosis.v1.IntegrationService: translation only, rules live in the domain. */
export function integrationHandlers(integrations: Integrations): ServiceImpl<typeof IntegrationService> {
  return {
    async listIntegrationCatalog() {
      return { integrations: [...integrations.catalog()].sort(byName).map(integrationToProto) };
    },
    async listOfficeIntegrations(_req, ctx) {
      const all = await integrations.officeIntegrations(scopeOf(ctx));
      return { integrations: all.sort((a, b) => byName(a.entry, b.entry)).map(officeIntegrationToProto) };
    },
    async setIntegrationSecret(req, ctx) {
      const { integration, autoEnabled } = await integrations.setSecret(scopeOf(ctx), req.integrationId, req.data);
      return { integration: officeIntegrationToProto(integration), autoEnabledAgents: autoEnabled };
    },
    async deleteIntegrationSecret(req, ctx) {
      return { integration: officeIntegrationToProto(await integrations.deleteSecret(scopeOf(ctx), req.integrationId)) };
    },
    async toggleAgentIntegration(req, ctx) {
      const integration = await integrations.toggle(scopeOf(ctx), req.integrationId, req.agentName, req.enabled);
      return { integration: officeIntegrationToProto(integration) };
    },
    async listAgentIntegrations(req, ctx) {
      return { integrations: (await integrations.agentIntegrations(scopeOf(ctx), req.agentName)).map(agentIntegrationToProto) };
    },
    async getIntegrationCredentials(req, ctx) {
      return { data: await integrations.credentials(scopeOf(ctx), req.integrationId, req.agentName) };
    },
    async createIntegrationRequest(req, ctx) {
      return { request: requestToProto(await integrations.createRequest(scopeOf(ctx), req.integrationId, req.agentName, req.reason)) };
    },
    async listIntegrationRequests(req, ctx) {
      const page = await integrations.listRequests(scopeOf(ctx), statuses.word(req.status), req);
      return { requests: page.items.map(requestToProto), nextPageToken: page.next };
    },
    async rejectIntegrationRequest(req, ctx) {
      return { request: requestToProto(await integrations.rejectRequest(scopeOf(ctx), req.requestId, req.note)) };
    },
    async proxyIntegration(req, ctx) {
      const { integrationId, agentName, method, path, headers, body } = req;
      return await integrations.proxy(scopeOf(ctx), integrationId, agentName, { method, path, headers, body });
    },
    async listModels(req, ctx) {
      return { models: (await integrations.models(scopeOf(ctx), req.provider)).map((m) => create(ModelSchema, m)) };
    },
  };
}
