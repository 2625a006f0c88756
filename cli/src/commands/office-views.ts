/**
 * How offices, their status and settings print for people.
 */
import type { Terminal } from "../io.js";
import { renderDetails } from "../output.js";
import type { Office, OfficeSettings, OfficeStatus } from "../sdk.js";
import { renderTable } from "../table.js";

/** Offices as a table, one row each. */
export function officeTable(offices: readonly Office[], term: Terminal): string {
  return renderTable(
    ["id", "name", "status", "created"],
    offices.map((o) => [o.id, o.name, o.status, o.createdAt]),
    term,
  );
}

export function officeDetails(o: Office): string {
  return renderDetails([
    ["id", o.id],
    ["name", o.name],
    ["status", o.status],
    ["created", o.createdAt],
  ]);
}

export function statusDetails(s: OfficeStatus): string {
  return renderDetails([
    ["office", s.officeId],
    ["status", s.status],
    ["agents", `${s.agentCount} (${s.runningAgentCount} running)`],
    ["open tasks", String(s.openTaskCount)],
    ["credits", String(s.creditBalance)],
  ]);
}

export function settingsDetails(s: OfficeSettings): string {
  return renderDetails([
    ["allow agent hiring", String(s.allowAgentHiring)],
    ["agent idle timeout", `${s.agentIdleTimeoutMinutes} minutes`],
    ["default model tier", s.defaultModelTier],
  ]);
}
