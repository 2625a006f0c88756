/**
 * The fields `--json` may select, per SDK type. Written as objects with every key of the type,
 * so adding a field to an SDK type fails the build until it is listed here too.
 */
import type {
  Account,
  AgentIntegration,
  Integration,
  IntegrationRequest,
  Model,
  OfficeIntegration,
  SetSecretResult,
  Agent,
  AgentActivity,
  AgentLogLine,
  FiredAgent,
  AddCreditsResult,
  CreditBalance,
  CreditLedgerEntry,
  EnvVar,
  FileChangePage,
  FileInfo,
  Invite,
  ChatMessage,
  CloneResult,
  ApiKey,
  ClaimedTask,
  CreatedApiKey,
  Office,
  OfficeSettings,
  OfficeStatus,
  RenewedLease,
  Task,
  TaskArtifact,
  TaskComment,
  TaskDetail,
  TaskEvent,
  TaskEventPage,
  TaskStats,
} from "../sdk.js";

/** The keys of `T`, listed in full (the type checks that none is missing). */
export function fields<T>(all: { [K in keyof Required<T>]: true }): (keyof T & string)[] {
  return Object.keys(all) as (keyof T & string)[];
}

export const OFFICE_FIELDS = fields<Office>({ id: true, name: true, status: true, createdAt: true });
export const OFFICE_STATUS_FIELDS = fields<OfficeStatus>({
  officeId: true,
  status: true,
  agentCount: true,
  runningAgentCount: true,
  openTaskCount: true,
  creditBalance: true,
});
export const OFFICE_SETTINGS_FIELDS = fields<OfficeSettings>({
  allowAgentHiring: true,
  agentIdleTimeoutMinutes: true,
  defaultModelTier: true,
});
export const ACCOUNT_FIELDS = fields<Account>({ id: true, name: true, admin: true, createdAt: true });
export const API_KEY_FIELDS = fields<ApiKey>({
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
});
export const CREATED_API_KEY_FIELDS = fields<CreatedApiKey>({ apiKey: true, secret: true });
export const TASK_FIELDS = fields<Task>({
  id: true,
  parentId: true,
  title: true,
  description: true,
  status: true,
  kind: true,
  priority: true,
  assignedAgent: true,
  createdBy: true,
  dependsOn: true,
  pendingDependencyCount: true,
  resultSummary: true,
  result: true,
  error: true,
  requiredTools: true,
  subtaskCount: true,
  doneSubtaskCount: true,
  retryCount: true,
  attempt: true,
  interruptions: true,
  lease: true,
  verification: true,
  createdAt: true,
  updatedAt: true,
  startedAt: true,
  completedAt: true,
});
export const TASK_DETAIL_FIELDS = fields<TaskDetail>({
  task: true,
  logs: true,
  comments: true,
  subtasks: true,
  artifacts: true,
  linkedMessages: true,
});
export const CLAIMED_TASK_FIELDS = fields<ClaimedTask>({ task: true, leaseToken: true, leaseExpiresAt: true });
export const RENEWED_LEASE_FIELDS = fields<RenewedLease>({ leaseExpiresAt: true, status: true });
export const TASK_STATS_FIELDS = fields<TaskStats>({
  queued: true,
  claimed: true,
  running: true,
  blocked: true,
  done: true,
  failed: true,
  cancelled: true,
  total: true,
});
export const ARTIFACT_FIELDS = fields<TaskArtifact>({
  id: true,
  kind: true,
  path: true,
  label: true,
  createdBy: true,
  createdAt: true,
  file: true,
});
export const COMMENT_FIELDS = fields<TaskComment>({ id: true, author: true, message: true, createdAt: true });
export const EVENT_FIELDS = fields<TaskEvent>({
  id: true,
  type: true,
  taskId: true,
  task: true,
  actor: true,
  message: true,
  createdAt: true,
});
export const EVENT_PAGE_FIELDS = fields<TaskEventPage>({ events: true, nextSinceId: true, hasMore: true });
export const CREDIT_BALANCE_FIELDS = fields<CreditBalance>({ officeId: true, balance: true, updatedAt: true });
export const ADD_CREDITS_FIELDS = fields<AddCreditsResult>({ balance: true, entry: true });
export const CREDIT_ENTRY_FIELDS = fields<CreditLedgerEntry>({
  id: true,
  kind: true,
  amount: true,
  balanceAfter: true,
  note: true,
  agentName: true,
  createdBy: true,
  createdAt: true,
});
export const AGENT_FIELDS = fields<Agent>({
  name: true,
  status: true,
  employeeType: true,
  modelTier: true,
  provider: true,
  role: true,
  skills: true,
  systemPrompt: true,
  hiredBy: true,
  createdAt: true,
  lastHeartbeatAt: true,
  publicKey: true,
  budget: true,
  creditsUsed: true,
  spawnDepth: true,
  xmtpAddress: true,
  clonedFrom: true,
});
export const FIRED_AGENT_FIELDS = fields<FiredAgent>({ agent: true, workspaceBackup: true });
export const AGENT_LOG_LINE_FIELDS = fields<AgentLogLine>({ time: true, stream: true, text: true });
export const AGENT_ACTIVITY_FIELDS = fields<AgentActivity>({
  id: true,
  time: true,
  category: true,
  type: true,
  summary: true,
  taskId: true,
  details: true,
});
export const FILE_FIELDS = fields<FileInfo>({
  path: true,
  size: true,
  contentType: true,
  sha256: true,
  createdAt: true,
  modifiedAt: true,
  modifiedBy: true,
});
export const FILE_CHANGE_PAGE_FIELDS = fields<FileChangePage>({ changes: true, next: true, hasMore: true });
export const ENV_VAR_FIELDS = fields<EnvVar>({
  key: true,
  value: true,
  secret: true,
  maskedValue: true,
  scope: true,
  agentName: true,
  updatedAt: true,
  updatedBy: true,
});
export const INTEGRATION_FIELDS = fields<Integration>({
  id: true,
  name: true,
  description: true,
  category: true,
  capabilities: true,
  llmProvider: true,
  secretFields: true,
  envVars: true,
});
export const OFFICE_INTEGRATION_FIELDS = fields<OfficeIntegration>({
  integration: true,
  configured: true,
  configuredAt: true,
  enabledAgents: true,
  pendingRequestCount: true,
});
export const AGENT_INTEGRATION_FIELDS = fields<AgentIntegration>({ integration: true, configured: true, enabledAt: true });
export const SET_SECRET_FIELDS = fields<SetSecretResult>({ integration: true, autoEnabledAgents: true });
export const MODEL_FIELDS = fields<Model>({
  id: true,
  provider: true,
  displayName: true,
  modelTier: true,
  available: true,
  contextWindowTokens: true,
});
export const INTEGRATION_REQUEST_FIELDS = fields<IntegrationRequest>({
  id: true,
  integrationId: true,
  agentName: true,
  reason: true,
  status: true,
  createdAt: true,
  resolvedAt: true,
  resolutionNote: true,
});
export const INVITE_FIELDS = fields<Invite>({
  id: true,
  code: true,
  type: true,
  name: true,
  status: true,
  officeId: true,
  url: true,
  createdBy: true,
  createdAt: true,
  expiresAt: true,
  usedAt: true,
  usedByAgent: true,
  revokedAt: true,
});
export const CLONE_FIELDS = fields<CloneResult>({ agent: true, sourceAgentName: true, officeId: true });
export const CHAT_MESSAGE_FIELDS = fields<ChatMessage>({
  id: true,
  channel: true,
  agentName: true,
  peerAgent: true,
  sender: true,
  text: true,
  taskId: true,
  createdAt: true,
});
