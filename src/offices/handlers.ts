import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import { callerOf, scopeOf } from "../rpc/context.js";
import {
  OfficeSchema,
  type OfficeService,
  OfficeSettingsSchema,
  OfficeState,
  OfficeStatusSchema,
} from "../../gen/ts/mitosis/v1/office_pb.js";
import type { Office, Offices, OfficeStatusName } from "./offices.js";

const stateOf: Record<OfficeStatusName, OfficeState> = {
  provisioning: OfficeState.PROVISIONING,
  active: OfficeState.ACTIVE,
  suspended: OfficeState.SUSPENDED,
};

/** The proto form of an office. */
export function officeToProto(office: Office) {
  return create(OfficeSchema, {
    id: office.id,
    name: office.name,
    status: stateOf[office.status],
    createdAt: timestampFromDate(office.createdAt),
  });
}

function settingsToProto(office: Office) {
  return create(OfficeSettingsSchema, {
    allowAgentHiring: office.allowAgentHiring,
    agentIdleTimeoutMinutes: office.agentIdleTimeoutMinutes,
    defaultModelTier: office.defaultModelTier,
  });
}

/** Connect handlers of mitosis.v1.OfficeService: translation only, rules live in the domain. */
export function officeHandlers(offices: Offices): ServiceImpl<typeof OfficeService> {
  return {
    async createOffice(req, ctx) {
      return { office: officeToProto(await offices.create(callerOf(ctx), req.name)) };
    },
    async listOffices(req, ctx) {
      const page = await offices.list(callerOf(ctx), req);
      return { offices: page.items.map(officeToProto), nextPageToken: page.next };
    },
    async getOffice(_req, ctx) {
      return { office: officeToProto(await offices.get(scopeOf(ctx))) };
    },
    async getOfficeStatus(_req, ctx) {
      const view = await offices.status(scopeOf(ctx));
      return {
        status: create(OfficeStatusSchema, {
          officeId: view.office.id,
          status: stateOf[view.office.status],
          agentCount: view.agentCount,
          runningAgentCount: view.runningAgentCount,
          openTaskCount: view.openTaskCount,
          creditBalance: view.creditBalance,
        }),
      };
    },
    async getOfficeSettings(_req, ctx) {
      return { settings: settingsToProto(await offices.get(scopeOf(ctx))) };
    },
    async updateOfficeSettings(req, ctx) {
      const office = await offices.updateSettings(scopeOf(ctx), {
        allowAgentHiring: req.allowAgentHiring,
        agentIdleTimeoutMinutes: req.agentIdleTimeoutMinutes,
        defaultModelTier: req.defaultModelTier,
      });
      return { settings: settingsToProto(office) };
    },
    async deleteOffice(_req, ctx) {
      await offices.delete(scopeOf(ctx));
      return {};
    },
  };
}
