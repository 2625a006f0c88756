import { describe, expect, it } from "vitest";
import { ArtifactKindSchema, TaskEventTypeSchema, TaskKindSchema, TaskStatus, TaskStatusSchema } from "../gen/ts/mitosis/v1/task_pb.js";
import { OfficeStateSchema } from "../gen/ts/mitosis/v1/office_pb.js";
import { CreditEntryKindSchema } from "../gen/ts/mitosis/v1/credit_pb.js";
import { CREDIT_ENTRY_KINDS } from "./credits/model.js";
import { ARTIFACT_KINDS, TASK_EVENT_TYPES, TASK_KINDS, TASK_STATUSES } from "./tasks/model.js";
import { enumWords } from "./enum-words.js";
import { ActivityCategorySchema, AgentPhaseSchema, EmployeeTypeSchema, LogStreamSchema } from "../gen/ts/mitosis/v1/agent_pb.js";
import { ACTIVITY_CATEGORIES, AGENT_PHASES, EMPLOYEE_TYPES, LOG_STREAMS } from "./agents/model.js";
import { FileChangeTypeSchema } from "../gen/ts/mitosis/v1/file_pb.js";
import { FILE_CHANGE_TYPES } from "./files/model.js";
import { EnvScopeSchema } from "../gen/ts/mitosis/v1/env_pb.js";
import { ENV_SCOPES } from "./env/model.js";
import { IntegrationCategorySchema, IntegrationRequestStatusSchema } from "../gen/ts/mitosis/v1/integration_pb.js";
import { INTEGRATION_CATEGORIES } from "./integrations/catalog.js";
import { INTEGRATION_REQUEST_STATUSES } from "./integrations/model.js";
import { ChatChannelSchema } from "../gen/ts/mitosis/v1/chat_pb.js";
import { CHAT_CHANNELS } from "./chat/model.js";
import { InviteStatusSchema, InviteTypeSchema } from "../gen/ts/mitosis/v1/invite_pb.js";
import { INVITE_STATUSES, INVITE_TYPES } from "./invites/model.js";

describe("enumWords", () => {
  it("reads the docs' words from a descriptor and maps both ways", () => {
    const statuses = enumWords<TaskStatus, string>(TaskStatusSchema);
    expect(statuses.word(TaskStatus.QUEUED)).toBe("queued");
    expect(statuses.value("cancelled")).toBe(TaskStatus.CANCELLED);
    expect(statuses.word(TaskStatus.UNSPECIFIED)).toBeUndefined();
    expect(() => statuses.value("sleeping")).toThrow(/TaskStatus has no value for "sleeping"/);
  });

  it("gives the domain's words exactly: the proto is their one source", () => {
    expect(enumWords(TaskStatusSchema).words).toEqual([...TASK_STATUSES]);
    expect(enumWords(TaskKindSchema).words).toEqual([...TASK_KINDS]);
    expect(enumWords(ArtifactKindSchema).words).toEqual([...ARTIFACT_KINDS]);
    expect(enumWords(TaskEventTypeSchema).words).toEqual([...TASK_EVENT_TYPES]);
    expect(enumWords(CreditEntryKindSchema).words).toEqual([...CREDIT_ENTRY_KINDS]);
    expect(enumWords(OfficeStateSchema).words).toEqual(["provisioning", "active", "suspended"]);
    expect(enumWords(AgentPhaseSchema).words).toEqual([...AGENT_PHASES]);
    expect(enumWords(EmployeeTypeSchema).words).toEqual([...EMPLOYEE_TYPES]);
    expect(enumWords(LogStreamSchema).words).toEqual([...LOG_STREAMS]);
    expect(enumWords(ActivityCategorySchema).words).toEqual([...ACTIVITY_CATEGORIES]);
    expect(enumWords(FileChangeTypeSchema).words).toEqual([...FILE_CHANGE_TYPES]);
    expect(enumWords(EnvScopeSchema).words).toEqual([...ENV_SCOPES]);
    expect(enumWords(IntegrationCategorySchema).words).toEqual([...INTEGRATION_CATEGORIES]);
    expect(enumWords(ChatChannelSchema).words).toEqual([...CHAT_CHANNELS]);
    expect(enumWords(InviteTypeSchema).words).toEqual([...INVITE_TYPES]);
    expect(enumWords(InviteStatusSchema).words).toEqual([...INVITE_STATUSES]);
    expect(enumWords(IntegrationRequestStatusSchema).words).toEqual([...INTEGRATION_REQUEST_STATUSES]);
  });
});
