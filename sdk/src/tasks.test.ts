import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { ChatChannel, ChatMessageSchema } from "../../gen/ts/mitosis/v1/chat_pb.js";
import {
  ArtifactKind,
  TaskEventSchema,
  TaskEventType,
  TaskKind,
  TaskKindSchema,
  TaskSchema,
  TaskStatus,
  TaskStatusSchema,
} from "../../gen/ts/mitosis/v1/task_pb.js";
import { InvalidArgumentError } from "./errors.js";
import { enumFromWord, enumWords, listOf, wholeNumber } from "./input.js";
import { enumToString } from "./mapping.js";
import {
  ARTIFACT_KINDS,
  TASK_KINDS,
  TASK_STATUSES,
  artifactKindNumber,
  parseTaskIds,
  parseTaskStatuses,
  taskKindNumber,
  taskNumber,
  toEvent,
  toChatMessage,
  toTask,
} from "./task-mapping.js";

/** The error a synchronous call throws (fails the test if it does not throw). */
function thrown(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    return err as InvalidArgumentError;
  }
  throw new Error("expected a throw");
}

describe("task enums, both ways", () => {
  it("lists the docs' words in declaration order, without unspecified", () => {
    expect(TASK_STATUSES).toEqual(["queued", "claimed", "running", "blocked", "done", "failed", "cancelled"]);
    expect(TASK_KINDS).toEqual(["general", "code", "research", "browser", "review", "verify"]);
    expect(ARTIFACT_KINDS).toEqual(["file", "branch", "report"]);
    expect(enumWords(TaskStatusSchema)).not.toContain("unspecified");
  });

  it("maps every word back to its number and round-trips through enumToString", () => {
    for (const word of TASK_STATUSES) {
      expect(enumToString(TaskStatusSchema, enumFromWord(TaskStatusSchema, word, "status"))).toBe(word);
    }
    expect(taskKindNumber("review")).toBe(TaskKind.REVIEW);
    expect(taskKindNumber(undefined)).toBe(TaskKind.UNSPECIFIED);
    expect(artifactKindNumber("branch")).toBe(ArtifactKind.BRANCH);
    expect(enumToString(TaskKindSchema, TaskKind.VERIFY)).toBe("verify");
  });

  it("accepts any case and surrounding spaces", () => {
    expect(enumFromWord(TaskStatusSchema, " Running ", "status")).toBe(TaskStatus.RUNNING);
  });

  it("rejects unknown words and unspecified with the accepted words, as InvalidArgumentError", () => {
    const err = thrown(() => taskKindNumber("poetry" as never));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.code).toBe("invalid_argument");
    expect(err.status).toBe(400);
    expect(err.message).toBe('kind must be one of general, code, research, browser, review, verify; got "poetry".');
    expect(err.violations).toEqual([{ field: "kind", message: expect.stringContaining("must be one of") }]);
    expect(() => enumFromWord(TaskStatusSchema, "unspecified", "status")).toThrow(/must be one of queued, claimed/);
    expect(() => enumFromWord(TaskStatusSchema, "task_status_done", "status")).toThrow(InvalidArgumentError);
  });
});

describe("parseTaskIds (dependsOn)", () => {
  it("takes the docs' comma strings, a number or an array", () => {
    expect(parseTaskIds("2")).toEqual([2]);
    expect(parseTaskIds("1,2,3")).toEqual([1, 2, 3]);
    expect(parseTaskIds(" 1, 2 ,3 ")).toEqual([1, 2, 3]);
    expect(parseTaskIds(2)).toEqual([2]);
    expect(parseTaskIds([3, 1])).toEqual([3, 1]);
  });

  it("means no dependencies when absent or empty, and drops repeats", () => {
    expect(parseTaskIds(undefined)).toEqual([]);
    expect(parseTaskIds("")).toEqual([]);
    expect(parseTaskIds([])).toEqual([]);
    expect(parseTaskIds("2,2,1")).toEqual([2, 1]);
  });

  it("rejects anything that is not a positive whole task number, naming the input", () => {
    for (const bad of ["x", "1,x", "0", "-1", "1.5", "1;2", [1.5], [0], [Number.NaN]]) {
      const err = thrown(() => parseTaskIds(bad as string));
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(err.message).toMatch(/^dependsOn must be task ids separated by commas, e\.g\. '2' or '1,2,3'; got /);
    }
    expect(thrown(() => parseTaskIds("x")).message).toContain('got "x"');
  });
});

describe("parseTaskStatuses (status filter)", () => {
  it("takes the docs' comma strings or an array", () => {
    expect(parseTaskStatuses("running")).toEqual([TaskStatus.RUNNING]);
    expect(parseTaskStatuses("queued,running")).toEqual([TaskStatus.QUEUED, TaskStatus.RUNNING]);
    expect(parseTaskStatuses(["done", "failed"])).toEqual([TaskStatus.DONE, TaskStatus.FAILED]);
    expect(parseTaskStatuses(undefined)).toEqual([]);
    expect(parseTaskStatuses("running,running")).toEqual([TaskStatus.RUNNING]);
  });

  it("rejects unknown statuses before anything is sent", () => {
    expect(thrown(() => parseTaskStatuses("running,finished")).message).toBe(
      'status must be one of queued, claimed, running, blocked, done, failed, cancelled; got "finished".',
    );
  });
});

describe("input helpers", () => {
  it("wholeNumber accepts numbers and decimal strings within bounds", () => {
    expect(wholeNumber(7, "limit")).toBe(7);
    expect(wholeNumber("42", "limit")).toBe(42);
    expect(() => wholeNumber(0, "limit", { min: 1 })).toThrow("limit must be a whole number at least 1; got 0.");
    expect(() => wholeNumber(2000, "limit", { min: 1, max: 1000 })).toThrow("limit must be a whole number from 1 to 1000; got 2000.");
    expect(() => wholeNumber("1e3", "limit")).toThrow(InvalidArgumentError);
    expect(() => wholeNumber(2 ** 60, "limit")).toThrow(InvalidArgumentError);
  });

  it("listOf splits comma strings and trims, keeping arrays", () => {
    expect(listOf("github, chromium,")).toEqual(["github", "chromium"]);
    expect(listOf(["github"])).toEqual(["github"]);
    expect(listOf(undefined)).toEqual([]);
  });

  it("taskNumber turns task ids into int64 and refuses non-ids", () => {
    expect(taskNumber(12)).toBe(12n);
    expect(() => taskNumber(0)).toThrow(/taskId must be a whole number at least 1/);
  });
});

describe("toTask", () => {
  const created = new Date("2026-11-05T14:03:07.123Z");
  const base = {
    id: 7n,
    title: "Review pipeline",
    description: "Audit the CI/CD pipeline",
    status: TaskStatus.BLOCKED,
    kind: TaskKind.REVIEW,
    priority: 50,
    assignedAgent: "analyst",
    createdBy: "operator:acc",
    dependsOn: [2n, 3n],
    pendingDependencyCount: 2,
    requiredTools: ["github", "chromium"],
    createdAt: timestampFromDate(created),
    updatedAt: timestampFromDate(created),
  };

  it("gives the docs' plain object: numbers, words, ISO times, and no unset optionals", () => {
    const task = toTask(create(TaskSchema, base));
    expect(task).toStrictEqual({
      id: 7,
      title: "Review pipeline",
      description: "Audit the CI/CD pipeline",
      status: "blocked",
      kind: "review",
      priority: 50,
      assignedAgent: "analyst",
      createdBy: "operator:acc",
      dependsOn: [2, 3],
      pendingDependencyCount: 2,
      resultSummary: "",
      result: "",
      error: "",
      requiredTools: ["github", "chromium"],
      subtaskCount: 0,
      doneSubtaskCount: 0,
      retryCount: 0,
      attempt: 0,
      interruptions: 0,
      createdAt: "2026-11-05T14:03:07.123Z",
      updatedAt: "2026-11-05T14:03:07.123Z",
    });
    // Absent, not undefined: JSON output stays clean.
    expect(Object.keys(task)).not.toContain("parentId");
    expect(JSON.parse(JSON.stringify(task))).toStrictEqual(task);
  });

  it("includes parent, lease, verification and start/end times when set", () => {
    const later = timestampFromDate(new Date("2026-11-05T15:00:00.000Z"));
    const task = toTask(
      create(TaskSchema, {
        ...base,
        parentId: 1n,
        status: TaskStatus.DONE,
        lease: { owner: "analyst", claimedAt: base.createdAt, expiresAt: later },
        verification: { accepted: false, reviewer: "lead", comments: "redo", verifiedAt: later },
        startedAt: base.createdAt,
        completedAt: later,
      }),
    );
    expect(task).toMatchObject({
      parentId: 1,
      status: "done",
      lease: { owner: "analyst", claimedAt: "2026-11-05T14:03:07.123Z", expiresAt: "2026-11-05T15:00:00.000Z" },
      verification: { accepted: false, reviewer: "lead", comments: "redo", verifiedAt: "2026-11-05T15:00:00.000Z" },
      startedAt: "2026-11-05T14:03:07.123Z",
      completedAt: "2026-11-05T15:00:00.000Z",
    });
  });

  it("names the missing field when the server omits a required timestamp", () => {
    expect(() => toTask(create(TaskSchema, { ...base, updatedAt: undefined }))).toThrow(/task\.updated_at/);
  });

  it("maps events with snake_case event types and the embedded task", () => {
    const event = toEvent(
      create(TaskEventSchema, {
        id: 41n,
        type: TaskEventType.STATUS_CHANGED,
        taskId: 7n,
        task: create(TaskSchema, base),
        actor: "system:deps",
        createdAt: base.createdAt,
      }),
    );
    expect(event).toMatchObject({ id: 41, type: "status_changed", taskId: 7, actor: "system:deps", task: { id: 7, status: "blocked" } });
  });
});

describe("toChatMessage", () => {
  it("maps a chat message that names a task", () => {
    const message = toChatMessage(
      create(ChatMessageSchema, {
        id: 9n,
        channel: ChatChannel.GROUP,
        sender: "analyst",
        text: "task 1 is done",
        taskId: 1n,
        createdAt: timestampFromDate(new Date("2026-11-05T14:03:07.123Z")),
      }),
    );
    expect(message).toStrictEqual({
      id: 9,
      channel: "group",
      agentName: "",
      peerAgent: "",
      sender: "analyst",
      text: "task 1 is done",
      taskId: 1,
      createdAt: "2026-11-05T14:03:07.123Z",
    });
  });
});
