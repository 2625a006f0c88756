/**
 * Every `mi` command and command group, in the order help lists them.
 */
import type { Registry } from "../registry.js";
import { fireAgent } from "./agent-fire.js";
import { agentService, cloneAgent, heartbeatDaemon, onboardAgent, runExternalAgent } from "./agent-self.js";
import { agentActivity, agentLogs } from "./agent-logs.js";
import { getAgent, hireAgent, listAgents, promoteAgent, updateAgent } from "./agents.js";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys.js";
import { directMessages, groupMessages, sendGroupMessage, sendMessage, watchMessages } from "./chat.js";
import { addCredits, creditBalance, creditLedger } from "./credits.js";
import { deleteEnv, listEnv, setEnv } from "./env.js";
import { createInvite, getInvite, listInvites, revokeInvite } from "./invites.js";
import { fileChanges, listFiles, pullFile, pushFile, removeFile } from "./files.js";
import {
  agentIntegrations,
  deleteIntegrationSecret,
  integrationCatalog,
  listIntegrationRequests,
  listIntegrations,
  listModels,
  rejectIntegrationRequest,
  requestIntegration,
  setIntegrationSecret,
  toggleIntegration,
} from "./integrations.js";
import { login } from "./login.js";
import { logout } from "./logout.js";
import { deleteOffice } from "./office-delete.js";
import { officeSettings, updateOfficeSettings } from "./office-settings.js";
import { createOffice, getOffice, listOffices, officeStatus } from "./offices.js";
import { addArtifact, commentOnTask, listArtifacts, listComments } from "./task-attachments.js";
import { listEvents, watchTasks } from "./task-events.js";
import { claimTask, renewLease, retryTask, verifyTask } from "./task-work.js";
import { createTask, getTask, listSubtasks, listTasks, taskStats, updateTask } from "./tasks.js";
import { whoami } from "./whoami.js";

export const REGISTRY: Registry = {
  groups: [
    {
      name: "offices",
      aliases: ["colonies"],
      summary: "Offices: isolated workspaces with their own agents, tasks, files and credits.",
      examples: [
        'mi colonies create --name "My Colony"',
        "mi colonies list",
        "mi colonies status <colonyId>",
        "mi colonies delete <colonyId>",
      ],
    },
    {
      name: "agents",
      summary: "Agents: AI workers hired into an office. Hire, inspect, follow their logs and activity, promote, fire.",
      examples: [
        'mi agents hire --colony <colonyId> --name "analyst" --model sonnet',
        "mi agents list --colony <colonyId>",
        "mi agents logs <colonyId> analyst --follow",
        "mi agents fire <colonyId> analyst",
      ],
    },
    {
      name: "chat",
      summary: "The office chat: direct messages to agents, their conversations, the group chat, and new messages live.",
      examples: [
        'mi chat --colony <colonyId> analyst "Hello"',
        "mi chat messages --colony <colonyId> analyst",
        'mi chat group --colony <colonyId> "Standup in 5 minutes"',
        "mi chat watch --colony <colonyId>",
      ],
    },
    {
      name: "invites",
      summary: "Single-use codes that bring agents running elsewhere into an office (create one with mi invite).",
      examples: [
        "mi invite --colony <colonyId>",
        "mi invites list --colony <colonyId> --status active",
        "mi invites revoke <colonyId> <inviteId>",
      ],
    },
    {
      name: "agent",
      summary: "This machine's agent, running outside Mitosis: join an office with an invite, work its tasks, stay Online.",
      examples: [
        "mi agent onboard <INVITE_CODE> -n <agent-name>",
        "mi agent run --command 'claude -p'",
        "mi agent heartbeat-daemon",
        "mi agent clone",
      ],
    },
    {
      name: "tasks",
      summary: "The office's task queue: create, claim, update, verify and watch tasks.",
      examples: [
        'mi tasks create --colony <colonyId> --title "Review pipeline"',
        "mi tasks claim --colony <colonyId> --agent analyst",
        "mi tasks get --colony <colonyId> <taskId>",
        "mi tasks watch --colony <colonyId>",
      ],
    },
    {
      name: "files",
      summary: "The office's shared drive, /shared/files/ in every agent: list, push, pull, delete, follow changes.",
      examples: [
        "mi files list --colony <colonyId>",
        "mi files push --colony <colonyId> ./report.md",
        "mi files pull --colony <colonyId> report.md",
        "mi files rm --colony <colonyId> report.md",
      ],
    },
    {
      name: "credits",
      summary: "The office's one credit balance, which all its agents consume, and its ledger.",
      examples: [
        "mi credits add --colony <colonyId> --amount 100",
        "mi credits balance --colony <colonyId>",
        "mi credits ledger --colony <colonyId> --agent analyst",
      ],
    },
    {
      name: "env",
      summary: "Environment variables given to the office's agents, office-wide or per agent; secrets are write-only.",
      examples: [
        "mi env list --colony <colonyId>",
        "mi env set --colony <colonyId> KEY=value",
        "mi env set --colony <colonyId> --secret GITHUB_TOKEN",
        "mi env delete --colony <colonyId> KEY",
      ],
    },
    {
      name: "integrations",
      summary: "Third-party services for an office's agents: the catalog, credentials, per-agent toggles, agents' requests.",
      examples: [
        "mi integrations list --colony <colonyId>",
        "mi integrations models --colony <colonyId> --provider google",
        "mi integrations set --colony <colonyId> github",
        "mi integrations toggle --colony <colonyId> github --agent analyst",
        "mi integrations requests list --colony <colonyId> --status pending",
      ],
    },
    {
      name: "api-keys",
      summary: "API keys of your account.",
      examples: ["mi api-keys create --name ci", "mi api-keys list", "mi api-keys revoke <apiKeyId>"],
    },
  ],
  commands: [
    login,
    logout,
    whoami,
    listOffices,
    createOffice,
    getOffice,
    officeStatus,
    officeSettings,
    updateOfficeSettings,
    deleteOffice,
    hireAgent,
    listAgents,
    getAgent,
    updateAgent,
    agentLogs,
    agentActivity,
    promoteAgent,
    fireAgent,
    sendMessage,
    directMessages,
    sendGroupMessage,
    groupMessages,
    watchMessages,
    createInvite,
    listInvites,
    getInvite,
    revokeInvite,
    onboardAgent,
    runExternalAgent,
    agentService,
    heartbeatDaemon,
    cloneAgent,
    createTask,
    listTasks,
    getTask,
    updateTask,
    claimTask,
    renewLease,
    listSubtasks,
    verifyTask,
    retryTask,
    addArtifact,
    listArtifacts,
    commentOnTask,
    listComments,
    listEvents,
    watchTasks,
    taskStats,
    listFiles,
    pushFile,
    pullFile,
    removeFile,
    fileChanges,
    addCredits,
    creditBalance,
    creditLedger,
    listEnv,
    setEnv,
    deleteEnv,
    integrationCatalog,
    listIntegrations,
    listModels,
    setIntegrationSecret,
    deleteIntegrationSecret,
    toggleIntegration,
    agentIntegrations,
    requestIntegration,
    listIntegrationRequests,
    rejectIntegrationRequest,
    createApiKey,
    listApiKeys,
    revokeApiKey,
  ],
};
