/**
 * @mitosislabs/sdk: the TypeScript SDK for Mitosis-OSS.
 */
export { OS1Client, MitosisClient, type OS1ClientOptions, type TokenAuth } from "./client.js";
export {
  OfficesClient,
  type Office,
  type OfficeState,
  type OfficeStatus,
  type OfficeSettings,
  type OfficeSettingsUpdate,
  type IterateOfficesOptions,
} from "./offices.js";
export { AgentsClient } from "./agents.js";
export type {
  Agent,
  AgentPhase,
  AgentStatus,
  EmployeeType,
  ModelTier,
  AgentLogLine,
  AgentLogStream,
  AgentActivity,
  ActivityCategory,
  FiredAgent,
  HireAgentInput,
  UpdateAgentInput,
  PromoteAgentInput,
  AgentLogsOptions,
  FollowAgentLogsOptions,
  AgentActivityOptions,
  IterateAgentsOptions,
} from "./agent-types.js";
export { AGENT_PHASES, ACTIVITY_CATEGORIES, MODEL_TIERS } from "./agent-mapping.js";
export { TasksClient } from "./tasks.js";
export { FilesClient, MAX_SMALL_FILE_BYTES } from "./files.js";
export type {
  FileInfo,
  FileChange,
  FileChangeType,
  FileChangePage,
  FileChangesOptions,
  ListFilesOptions,
  FileProgress,
  FileTransferStage,
  UploadSource,
  UploadOptions,
  DownloadOptions,
  DownloadFileOptions,
  DownloadedFile,
  FileContent,
  WriteFileOptions,
} from "./file-types.js";
export { FILE_CHANGE_TYPES } from "./file-mapping.js";
export {
  HeartbeatClient,
  type HeartbeatInput,
  type HeartbeatResult,
  type HeartbeatLoop,
  type HeartbeatLoopOptions,
  type DirectHeartbeatOptions,
} from "./heartbeat.js";
export { type AgentIdentity, agentIdentityPath, saveAgentIdentity, loadAgentIdentity, agentClient } from "./agent-identity.js";
export {
  ChatClient,
  type SendMessageOptions,
  type ListMessagesOptions,
  type DirectMessagesOptions,
  type SubscribeOptions,
} from "./chat.js";
export {
  InvitesClient,
  JoinClient,
  CloneClient,
  INVITE_TYPES,
  INVITE_STATUSES,
  type Invite,
  type InviteType,
  type InviteStatus,
  type CreateInviteInput,
  type ListInvitesOptions,
  type JoinInput,
  type JoinResult,
  type CloneInput,
  type CloneResult,
} from "./invites.js";
export {
  CreditsClient,
  CREDIT_ENTRY_KINDS,
  type CreditBalance,
  type CreditLedgerEntry,
  type CreditEntryKind,
  type AddCreditsInput,
  type AddCreditsResult,
  type CreditLedgerOptions,
} from "./credits.js";
export { EnvClient, type EnvVar, type EnvScope, type SetEnvVarOptions } from "./env.js";
export {
  IntegrationsClient,
  INTEGRATION_CATEGORIES,
  INTEGRATION_REQUEST_STATUSES,
  type Integration,
  type IntegrationCategory,
  type IntegrationSecretField,
  type OfficeIntegration,
  type AgentIntegration,
  type Model,
  type IntegrationRequest,
  type IntegrationRequestStatus,
  type SetSecretResult,
  type IntegrationCredentials,
  type ProxyMethod,
  type ProxyOptions,
  type ProxyRequest,
  type ProxyResponse,
  type CreateIntegrationRequestInput,
  type ListIntegrationRequestsOptions,
} from "./integrations.js";
export type {
  Task,
  TaskStatus,
  TaskKind,
  ArtifactKind,
  TaskEventType,
  TaskLease,
  TaskVerification,
  TaskLogEntry,
  TaskComment,
  TaskArtifact,
  ChatMessage,
  TaskDetail,
  ClaimedTask,
  RenewedLease,
  TaskStats,
  TaskEvent,
  TaskEventPage,
} from "./task-types.js";
export type {
  CreateTaskInput,
  ListTasksOptions,
  IterateTasksOptions,
  UpdateTaskInput,
  ClaimTaskInput,
  RenewLeaseInput,
  AddArtifactInput,
  CommentInput,
  VerifyInput,
  RetryInput,
  TaskEventsOptions,
  WatchTasksOptions,
} from "./task-inputs.js";
export {
  TASK_STATUSES,
  TASK_KINDS,
  ARTIFACT_KINDS,
  parseTaskIds,
  parseTaskStatuses,
  type TaskIdList,
  type TaskStatusList,
} from "./task-mapping.js";
export type { ReconnectInfo } from "./task-watch.js";
export { DEFAULT_TIMEOUT_MS, IDEMPOTENCY_KEYS, READS, type RetryOptions } from "./retry.js";
export { ApiKeysClient, type ApiKey, type CreatedApiKey } from "./api-keys.js";
export { AccountClient, type Account, type CreatedAccount } from "./account.js";
export {
  MitosisError,
  UnauthenticatedError,
  NotFoundError,
  PermissionDeniedError,
  AlreadyExistsError,
  InvalidArgumentError,
  InsufficientCreditsError,
  LeaseLostError,
  RateLimitedError,
  DeadlineExceededError,
  UnavailableError,
  toMitosisError,
  type ErrorCode,
  type FieldViolation,
  type MitosisErrorInit,
} from "./errors.js";
export {
  loadConfig,
  saveConfig,
  removeSavedToken,
  configDir,
  configPath,
  ConfigError,
  DEFAULT_ENDPOINT,
  type MitosisConfig,
  type ConfigOptions,
} from "./config.js";
export {
  canonicalSigningString,
  signRequest,
  signingInterceptor,
  privateKeyFromSeedHex,
  publicKeyHex,
  generateSigningKey,
  SIGNATURE_VERSION,
  SIGNATURE_HEADERS,
  type SignedRequestParts,
  type SigningOptions,
} from "./signing.js";
export { enumToString, enumFromString, timestampToIso } from "./mapping.js";
export { enumFromWord, enumWords } from "./input.js";
