import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { type EnvScope, EnvScopeSchema, type EnvService, EnvVarSchema } from "../../gen/ts/mitosis/v1/env_pb.js";
import { enumWords } from "../enum-words.js";
import { scopeOf, timestampOrUnset } from "../rpc/context.js";
import { type Env, SECRET_MASK } from "./env.js";
import type { EnvScopeName, EnvVarRecord } from "./model.js";

// The domain's words for the proto enum, read from the descriptor.
const scopes = enumWords<EnvScope, EnvScopeName>(EnvScopeSchema);

function varToProto(v: EnvVarRecord) {
  return create(EnvVarSchema, {
    key: v.key,
    value: v.value,
    secret: v.secret,
    maskedValue: v.secret ? SECRET_MASK : "",
    scope: scopes.value(v.scope),
    agentName: v.agentName,
    updatedAt: timestampOrUnset(v.updatedAt),
    updatedBy: v.updatedBy,
  });
}

/** Connect handlers of mitosis.v1.EnvService: translation only, rules live in the domain. */
export function envHandlers(env: Env): ServiceImpl<typeof EnvService> {
  return {
    async listEnvVars(req, ctx) {
      const page = await env.list(scopeOf(ctx), req);
      return { vars: page.items.map(varToProto), nextPageToken: page.next };
    },
    async setEnvVar(req, ctx) {
      return { envVar: varToProto(await env.set(scopeOf(ctx), req.key, req.value, req.secret)) };
    },
    async deleteEnvVar(req, ctx) {
      await env.delete(scopeOf(ctx), req.key);
      return {};
    },
    async getAgentEnv(req, ctx) {
      return { vars: (await env.agentEnv(scopeOf(ctx), req.agentName)).map(varToProto) };
    },
    async setAgentEnvVar(req, ctx) {
      return { envVar: varToProto(await env.setForAgent(scopeOf(ctx), req.agentName, req.key, req.value, req.secret)) };
    },
    async deleteAgentEnvVar(req, ctx) {
      await env.deleteForAgent(scopeOf(ctx), req.agentName, req.key);
      return {};
    },
  };
}
