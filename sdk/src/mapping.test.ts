import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { TimestampSchema, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { AgentPhase, AgentPhaseSchema } from "../../gen/ts/mitosis/v1/agent_pb.js";
import { OfficeState, OfficeStateSchema } from "../../gen/ts/mitosis/v1/office_pb.js";
import { enumFromString, enumToString, required, timestampToIso } from "./mapping.js";

describe("enumToString", () => {
  it("maps proto enum values to the docs' lowercase words", () => {
    expect(enumToString(OfficeStateSchema, OfficeState.PROVISIONING)).toBe("provisioning");
    expect(enumToString(OfficeStateSchema, OfficeState.ACTIVE)).toBe("active");
    expect(enumToString(OfficeStateSchema, OfficeState.SUSPENDED)).toBe("suspended");
    expect(enumToString(OfficeStateSchema, OfficeState.UNSPECIFIED)).toBe("unspecified");
  });

  it("capitalizes agent phases, as the docs write them, and reads them back in any case", () => {
    expect(enumToString(AgentPhaseSchema, AgentPhase.RUNNING)).toBe("Running");
    expect(enumToString(AgentPhaseSchema, AgentPhase.TERMINATING)).toBe("Terminating");
    expect(enumFromString(AgentPhaseSchema, "Running")).toBe(AgentPhase.RUNNING);
    expect(enumFromString(AgentPhaseSchema, "pending")).toBe(AgentPhase.PENDING);
  });

  it("shows a number from a newer server instead of guessing a word", () => {
    expect(enumToString(OfficeStateSchema, 42)).toBe("42");
  });

  it("round-trips through enumFromString", () => {
    for (const v of OfficeStateSchema.values) {
      expect(enumFromString(OfficeStateSchema, enumToString(OfficeStateSchema, v.number))).toBe(v.number);
    }
    expect(enumFromString(OfficeStateSchema, "ACTIVE")).toBe(OfficeState.ACTIVE);
    expect(enumFromString(OfficeStateSchema, "sleeping")).toBeUndefined();
  });
});

describe("timestampToIso", () => {
  it("renders ISO 8601 with milliseconds in UTC", () => {
    const ts = timestampFromDate(new Date("2026-11-05T14:03:07.123Z"));
    expect(timestampToIso(ts)).toBe("2026-11-05T14:03:07.123Z");
  });

  it("cuts sub-millisecond digits instead of rounding into the next second", () => {
    expect(timestampToIso(create(TimestampSchema, { seconds: 59n, nanos: 999_999_600 }))).toBe("1970-01-01T00:00:59.999Z");
  });

  it("returns null for an unset timestamp", () => {
    expect(timestampToIso(undefined)).toBeNull();
  });
});

describe("required", () => {
  it("names the missing field instead of passing undefined along", () => {
    expect(required("x", "office")).toBe("x");
    expect(() => required(undefined, "office.created_at")).toThrow(/office\.created_at/);
  });
});
