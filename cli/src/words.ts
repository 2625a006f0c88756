/**
 * The docs' enum words the CLI parses and lists in help. The SDK derives the same lists from
 * the generated descriptors; they are written out here because loading those costs most of
 * mi's start-up and help needs none of it. words.test.ts keeps both in step.
 */
import type {
  ActivityCategory,
  ArtifactKind,
  CreditEntryKind,
  IntegrationRequestStatus,
  InviteStatus,
  InviteType,
  ModelTier,
  TaskKind,
  TaskStatus,
} from "./sdk.js";

/** Task statuses in queue order (the SDK's TASK_STATUSES). */
export const TASK_STATUSES: readonly TaskStatus[] = ["queued", "claimed", "running", "blocked", "done", "failed", "cancelled"];

/** Task kinds (the SDK's TASK_KINDS). */
export const TASK_KINDS: readonly TaskKind[] = ["general", "code", "research", "browser", "review", "verify"];

/** Artifact kinds (the SDK's ARTIFACT_KINDS). */
export const ARTIFACT_KINDS: readonly ArtifactKind[] = ["file", "branch", "report"];

/** Why a credit balance changed (the SDK's CREDIT_ENTRY_KINDS). */
export const CREDIT_ENTRY_KINDS: readonly CreditEntryKind[] = ["deposit", "usage", "refund", "adjustment"];

/** The model tiers an agent can run on (the SDK's MODEL_TIERS). */
export const MODEL_TIERS: readonly ModelTier[] = ["sonnet", "opus", "haiku", "gpt-5.5", "gemini-2.5-flash"];

/** The groups of an agent's activity feed (the SDK's ACTIVITY_CATEGORIES). */
export const ACTIVITY_CATEGORIES: readonly ActivityCategory[] = ["task", "lifecycle", "chat", "file", "integration", "credit"];

/** Where an agent's integration request stands (the SDK's INTEGRATION_REQUEST_STATUSES). */
export const INTEGRATION_REQUEST_STATUSES: readonly IntegrationRequestStatus[] = ["pending", "fulfilled", "rejected"];

/** Where an invite stands (the SDK's INVITE_STATUSES). */
export const INVITE_STATUSES: readonly InviteStatus[] = ["active", "used", "revoked", "expired"];

/** Who an invite is for (the SDK's INVITE_TYPES). */
export const INVITE_TYPES: readonly InviteType[] = ["agent", "human"];
