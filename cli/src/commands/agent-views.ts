/**
 * How `mi agents` prints agents for people: a table for lists, label/value details for one
 * agent, one line per log line, and the activity feed as a table.
 */
import type { Terminal } from "../io.js";
import { renderDetails, when } from "../output.js";
import type { Agent, AgentActivity, AgentLogLine } from "../sdk.js";
import { renderTable } from "../table.js";

/** Agents as a table, one row each, in hiring order. */
export function agentTable(agents: readonly Agent[], term: Terminal): string {
  return renderTable(
    ["name", "phase", "type", "model", "provider", "hired"],
    agents.map((a) => [a.name, a.status.phase, a.employeeType, a.modelTier, a.provider || "-", a.createdAt]),
    term,
  );
}

/** One agent's fields as label/value lines; empty optional fields are left out. */
export function agentDetails(a: Agent): string {
  const why = [a.status.reason, a.status.message].filter((t) => t !== "").join(": ");
  const pairs: [string, string][] = [
    ["name", a.name],
    ["phase", why === "" ? a.status.phase : `${a.status.phase} (${why})`],
    ["type", a.employeeType],
    ["model", a.modelTier],
    ["provider", a.provider || "-"],
    ["role", a.role || "-"],
    ["skills", a.skills.length === 0 ? "-" : a.skills.join(", ")],
    ["hired by", a.hiredBy],
    ["hired", a.createdAt],
    ["last heartbeat", when(a.lastHeartbeatAt)],
    ["credits used", String(a.creditsUsed)],
  ];
  if (a.budget !== null) pairs.push(["budget", String(a.budget)]);
  if (a.spawnDepth > 0) pairs.push(["spawn depth", String(a.spawnDepth)]);
  if (a.clonedFrom) pairs.push(["cloned from", a.clonedFrom]);
  if (a.xmtpAddress) pairs.push(["xmtp address", a.xmtpAddress]);
  if (a.systemPrompt) pairs.push(["system prompt", a.systemPrompt]);
  pairs.push(["public key", a.publicKey]);
  return renderDetails(pairs);
}

/** One log line: `<time>  <stream>  <text>`; the streams' names are all six letters, so texts line up. */
export function logLine(l: AgentLogLine): string {
  return `${l.time}  ${l.stream}  ${l.text}`;
}

/** The activity feed as a table, newest first. */
export function activityTable(entries: readonly AgentActivity[], term: Terminal): string {
  return renderTable(
    ["id", "time", "category", "type", "task", "summary"],
    entries.map((e) => [String(e.id), e.time, e.category, e.type, e.taskId === undefined ? "-" : String(e.taskId), e.summary]),
    term,
  );
}
