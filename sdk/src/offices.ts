/**
 * `client.offices`: create, list, inspect, configure and delete offices
 * (docs: "Offices & Agents" and the SDK guide's Offices section).
 */
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import {
  OfficeService,
  OfficeStateSchema,
  type Office as OfficeMessage,
  type OfficeSettings as OfficeSettingsMessage,
} from "../../gen/ts/mitosis/v1/office_pb.js";
import { call } from "./errors.js";
import { enumToString, required, timestampToIso } from "./mapping.js";

/** An office's lifecycle state. */
export type OfficeState = "provisioning" | "active" | "suspended";

/** An isolated workspace with its own agents, tasks, files, integrations and credits. */
export interface Office {
  /** Office UUID. */
  id: string;
  /** Display name. */
  name: string;
  /** Lifecycle state. */
  status: OfficeState;
  /** When the office was created (ISO 8601). */
  createdAt: string;
}

/** An office's live status: its state plus counters. */
export interface OfficeStatus {
  /** Office UUID. */
  officeId: string;
  /** Lifecycle state. */
  status: OfficeState;
  /** Agents in the office, hosted and external. */
  agentCount: number;
  /** Agents currently running (hosted) or online (external). */
  runningAgentCount: number;
  /** Tasks that are queued, claimed, running or blocked. */
  openTaskCount: number;
  /** Credits left in the office's shared balance. */
  creditBalance: number;
}

/** An office's switches. */
export interface OfficeSettings {
  /** Whether agents may hire other agents into this office. */
  allowAgentHiring: boolean;
  /** Idle minutes after which an agent hired by another agent stops itself. */
  agentIdleTimeoutMinutes: number;
  /** Model tier for hires that do not name one (sonnet, opus, haiku, gpt-5.5, gemini-2.5-flash). */
  defaultModelTier: string;
}

/** Settings to change; absent fields keep their value. */
export type OfficeSettingsUpdate = Partial<OfficeSettings>;

/** Options of {@link OfficesClient.iterate}. */
export interface IterateOfficesOptions {
  /** Offices fetched per request, 1 to 1000 (server default 100). */
  pageSize?: number;
}

/** Sub-client for offices; reach it as `client.offices`. */
export class OfficesClient {
  private readonly rpc: Client<typeof OfficeService>;

  /** Use `client.offices` rather than constructing this directly. */
  constructor(transport: Transport) {
    this.rpc = createClient(OfficeService, transport);
  }

  /** Creates an office owned by the caller. */
  async create(input: { name: string }): Promise<Office> {
    const res = await call(() => this.rpc.createOffice({ name: input.name }));
    return toOffice(required(res.office, "office"));
  }

  /** All of the caller's offices, oldest first (fetches every page). */
  async list(): Promise<Office[]> {
    const offices: Office[] = [];
    for await (const office of this.iterate()) offices.push(office);
    return offices;
  }

  /** The caller's offices one at a time, fetching pages as needed. */
  async *iterate(options: IterateOfficesOptions = {}): AsyncGenerator<Office, void, undefined> {
    let pageToken = "";
    do {
      const res = await call(() => this.rpc.listOffices({ pageSize: options.pageSize ?? 0, pageToken }));
      for (const office of res.offices) yield toOffice(office);
      pageToken = res.nextPageToken;
    } while (pageToken !== "");
  }

  /** One office by id. */
  async get(officeId: string): Promise<Office> {
    const res = await call(() => this.rpc.getOffice({ officeId }));
    return toOffice(required(res.office, "office"));
  }

  /** An office's live status: state, agents, open tasks and credits. */
  async status(officeId: string): Promise<OfficeStatus> {
    const res = await call(() => this.rpc.getOfficeStatus({ officeId }));
    const s = required(res.status, "status");
    return {
      officeId: s.officeId,
      status: enumToString<OfficeState>(OfficeStateSchema, s.status),
      agentCount: s.agentCount,
      runningAgentCount: s.runningAgentCount,
      openTaskCount: s.openTaskCount,
      // int64 on the wire; balances stay far below 2^53, and numbers serialise to JSON.
      creditBalance: Number(s.creditBalance),
    };
  }

  /** An office's settings. */
  async getSettings(officeId: string): Promise<OfficeSettings> {
    const res = await call(() => this.rpc.getOfficeSettings({ officeId }));
    return toSettings(required(res.settings, "settings"));
  }

  /** Changes the given settings and returns all settings as they now are. */
  async updateSettings(officeId: string, settings: OfficeSettingsUpdate): Promise<OfficeSettings> {
    const res = await call(() =>
      this.rpc.updateOfficeSettings({
        officeId,
        allowAgentHiring: settings.allowAgentHiring,
        agentIdleTimeoutMinutes: settings.agentIdleTimeoutMinutes,
        defaultModelTier: settings.defaultModelTier,
      }),
    );
    return toSettings(required(res.settings, "settings"));
  }

  /** Deletes an office and everything in it. */
  async delete(officeId: string): Promise<void> {
    await call(() => this.rpc.deleteOffice({ officeId }));
  }
}

/** An office message as the docs' object. */
export function toOffice(o: OfficeMessage): Office {
  return {
    id: o.id,
    name: o.name,
    status: enumToString<OfficeState>(OfficeStateSchema, o.status),
    createdAt: required(timestampToIso(o.createdAt), "office.created_at"),
  };
}

function toSettings(s: OfficeSettingsMessage): OfficeSettings {
  return {
    allowAgentHiring: s.allowAgentHiring,
    agentIdleTimeoutMinutes: s.agentIdleTimeoutMinutes,
    defaultModelTier: s.defaultModelTier,
  };
}
