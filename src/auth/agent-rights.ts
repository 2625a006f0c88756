/**
 * What an agent may call with its signature. Agents work the office's queue (claim, update,
 * comment, create subtasks), use the shared drive and their enabled integrations, read the office and its agents, hire when the
 * office allows it and send their own heartbeats; they never manage API keys, accounts, credits deposits or
 * the office itself. Everything not listed needs an operator's API key.
 */
const AGENT_METHODS: Record<string, readonly string[]> = {
  "mitosis.v1.TaskService": [
    "CreateTask",
    "ListTasks",
    "GetTask",
    "UpdateTask",
    "ClaimTask",
    "RenewTaskLease",
    "ListSubtasks",
    "AddTaskArtifact",
    "ListTaskArtifacts",
    "AddTaskComment",
    "ListTaskComments",
    "VerifyTask",
    "GetTaskStats",
    "ListTaskEvents",
    "WatchTasks",
  ],
  "mitosis.v1.AgentService": ["HireAgent", "ListAgents", "GetAgent", "ListAgentLogs", "StreamAgentLogs", "ListAgentActivity"],
  // Their own heartbeats, and an external agent cloning itself into a hosted worker.
  "mitosis.v1.InviteService": ["Heartbeat", "CloneAgent"],
  "mitosis.v1.OfficeService": ["GetOffice", "GetOfficeStatus", "GetOfficeSettings"],
  // Agents reserve and settle their own LLM calls' credits (the worker does, around each call).
  "mitosis.v1.CreditService": ["GetCreditBalance", "ReserveCredits", "SettleCredits"],
  // The shared drive is the agents' as much as the operators'.
  "mitosis.v1.FileService": [
    "UploadFile",
    "DownloadFile",
    "WriteFile",
    "ReadFile",
    "GetFile",
    "ListFiles",
    "DeleteFile",
    "ListFileChanges",
  ],
  // The office chat: agents write as themselves and read their own conversations and the group.
  "mitosis.v1.ChatService": ["SendDirectMessage", "ListDirectMessages", "SendGroupMessage", "ListGroupMessages", "SubscribeMessages"],
  // Agents discover and use integrations and ask for the ones they lack; configuring,
  // toggling and answering requests stay with the office owner.
  "mitosis.v1.IntegrationService": [
    "ListIntegrationCatalog",
    "ListOfficeIntegrations",
    "ListModels",
    "ListAgentIntegrations",
    "GetIntegrationCredentials",
    "ProxyIntegration",
    "CreateIntegrationRequest",
  ],
};

const allowed = new Set(Object.entries(AGENT_METHODS).flatMap(([service, methods]) => methods.map((m) => `${service}/${m}`)));

/** Whether an agent may call `service`/`method` at all (office scope and the domain's own rules still apply). */
export function agentMayCall(service: string, method: string): boolean {
  return allowed.has(`${service}/${method}`);
}
