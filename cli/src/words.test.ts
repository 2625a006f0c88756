import { describe, expect, it } from "vitest";
import * as sdk from "./sdk.js";
import {
  ACTIVITY_CATEGORIES,
  ARTIFACT_KINDS,
  CREDIT_ENTRY_KINDS,
  INTEGRATION_REQUEST_STATUSES,
  INVITE_STATUSES,
  INVITE_TYPES,
  MODEL_TIERS,
  TASK_KINDS,
  TASK_STATUSES,
} from "./words.js";

describe("the CLI's enum words", () => {
  it("are the SDK's, which come from the generated descriptors", () => {
    expect(TASK_STATUSES).toEqual(sdk.TASK_STATUSES);
    expect(TASK_KINDS).toEqual(sdk.TASK_KINDS);
    expect(ARTIFACT_KINDS).toEqual(sdk.ARTIFACT_KINDS);
    expect(CREDIT_ENTRY_KINDS).toEqual(sdk.CREDIT_ENTRY_KINDS);
    expect(MODEL_TIERS).toEqual(sdk.MODEL_TIERS);
    expect(ACTIVITY_CATEGORIES).toEqual(sdk.ACTIVITY_CATEGORIES);
    expect(INTEGRATION_REQUEST_STATUSES).toEqual(sdk.INTEGRATION_REQUEST_STATUSES);
    expect(INVITE_STATUSES).toEqual(sdk.INVITE_STATUSES);
    expect(INVITE_TYPES).toEqual(sdk.INVITE_TYPES);
  });
});
