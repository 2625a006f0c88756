import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { create, getOption } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { connectNodeAdapter, createConnectTransport } from "@connectrpc/connect-node";
import { field } from "../../gen/ts/buf/validate/validate_pb.js";
import {
  ActivityCategory,
  AgentActivitySchema,
  AgentLogLineSchema,
  AgentPhase,
  AgentPhaseSchema,
  AgentSchema,
  AgentService,
  EmployeeType,
  HireAgentRequestSchema,
  LogStream,
  PromoteAgentRequestSchema,
} from "../../gen/ts/mitosis/v1/agent_pb.js";
import {
  ACTIVITY_CATEGORIES,
  AGENT_PHASES,
  MODEL_TIERS,
  agentName,
  modelTier,
  parseActivityCategories,
  timeInput,
  toActivity,
  toAgent,
  toLogLine,
} from "./agent-mapping.js";
import { AgentsClient } from "./agents.js";
import { InvalidArgumentError } from "./errors.js";
import { enumFromWord } from "./input.js";
import { enumToString } from "./mapping.js";

/** The error a synchronous call throws (fails the test if it does not throw). */
function thrown(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    return err as InvalidArgumentError;
  }
  throw new Error("expected a throw");
}

const at = (iso: string) => timestampFromDate(new Date(iso));

describe("agent phases", () => {
  it("are capitalized as the docs write them, in the proto's order", () => {
    expect(AGENT_PHASES).toEqual(["Pending", "Running", "Succeeded", "Failed", "Unknown", "Suspended", "Online", "Offline", "Terminating"]);
    expect(enumToString(AgentPhaseSchema, AgentPhase.RUNNING)).toBe("Running");
  });

  it("read back in any case", () => {
    expect(enumFromWord(AgentPhaseSchema, "Running", "phase")).toBe(AgentPhase.RUNNING);
    expect(enumFromWord(AgentPhaseSchema, "running", "phase")).toBe(AgentPhase.RUNNING);
  });
});

describe("model tiers", () => {
  it("are the server's: the `in` rule of hire's and promote's model_tier", () => {
    for (const schema of [HireAgentRequestSchema, PromoteAgentRequestSchema]) {
      const rules = getOption(schema.field.modelTier!, field);
      expect(rules.type.case).toBe("string");
      expect(rules.type.case === "string" ? rules.type.value.in : []).toEqual(MODEL_TIERS);
    }
  });

  it("are checked before sending, in any case", () => {
    expect(modelTier("Opus")).toBe("opus");
    expect(modelTier(" gpt-5.5 ")).toBe("gpt-5.5");
    const err = thrown(() => modelTier("gpt-4"));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.message).toBe('modelTier must be one of sonnet, opus, haiku, gpt-5.5, gemini-2.5-flash; got "gpt-4".');
    expect(err.violations).toEqual([{ field: "modelTier", message: expect.stringContaining("must be one of") }]);
  });
});

describe("agent names", () => {
  it("take lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit", () => {
    for (const ok of ["analyst", "a", "code-reviewer-2", "x".repeat(63)]) expect(agentName(ok)).toBe(ok);
    for (const bad of ["", "Analyst", "my agent", "-a", "a-", "a_b", "x".repeat(64), "op:x"]) {
      const err = thrown(() => agentName(bad));
      expect(err, bad).toBeInstanceOf(InvalidArgumentError);
      expect(err.message).toMatch(/^name must be 1 to 63 lowercase letters, digits or '-'/);
    }
    expect(thrown(() => agentName(undefined as never, "agentName")).message).toMatch(/^agentName must be/);
  });
});

describe("times", () => {
  it("take an ISO string or a Date", () => {
    expect(timestampDate(timeInput("2026-04-27T10:00:00.250Z")).toISOString()).toBe("2026-04-27T10:00:00.250Z");
    expect(timestampDate(timeInput(new Date("2026-04-27T10:00:00Z"))).toISOString()).toBe("2026-04-27T10:00:00.000Z");
  });

  it("refuse what is not a time, naming the field", () => {
    for (const bad of ["yesterday", "", new Date("nope"), 5 as never]) {
      const err = thrown(() => timeInput(bad, "since"));
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(err.message).toMatch(/^since must be an ISO 8601 time/);
    }
  });
});

describe("activity categories", () => {
  it("take the docs' comma list or an array, without repeats", () => {
    expect(ACTIVITY_CATEGORIES).toEqual(["task", "lifecycle", "chat", "file", "integration", "credit"]);
    expect(parseActivityCategories("task,lifecycle")).toEqual([ActivityCategory.TASK, ActivityCategory.LIFECYCLE]);
    expect(parseActivityCategories(["lifecycle", " task ", "lifecycle"])).toEqual([ActivityCategory.LIFECYCLE, ActivityCategory.TASK]);
    expect(parseActivityCategories(undefined)).toEqual([]);
    expect(thrown(() => parseActivityCategories("task,gossip")).message).toBe(
      'category must be one of task, lifecycle, chat, file, integration, credit; got "gossip".',
    );
  });
});

describe("responses as the docs' objects", () => {
  it("an agent: capitalized phase, ISO times, null for what is unset", () => {
    const message = create(AgentSchema, {
      name: "analyst",
      status: { phase: AgentPhase.RUNNING, reason: "", message: "worker is up", updatedAt: at("2026-04-27T10:00:02Z") },
      employeeType: EmployeeType.LOCAL,
      modelTier: "sonnet",
      provider: "openai-codex",
      role: "research-analyst",
      skills: ["github"],
      systemPrompt: "Be brief.",
      hiredBy: "operator:acc-1",
      createdAt: at("2026-04-27T10:00:00Z"),
      publicKey: "ab".repeat(32),
      creditsUsed: 3n,
    });
    expect(toAgent(message)).toEqual({
      name: "analyst",
      status: { phase: "Running", reason: "", message: "worker is up", updatedAt: "2026-04-27T10:00:02.000Z" },
      employeeType: "local",
      modelTier: "sonnet",
      provider: "openai-codex",
      role: "research-analyst",
      skills: ["github"],
      systemPrompt: "Be brief.",
      hiredBy: "operator:acc-1",
      createdAt: "2026-04-27T10:00:00.000Z",
      lastHeartbeatAt: null,
      publicKey: "ab".repeat(32),
      budget: null,
      creditsUsed: 3,
      spawnDepth: 0,
      xmtpAddress: "",
      clonedFrom: "",
    });
    const spawned = toAgent(create(AgentSchema, { ...message, budget: 500n, spawnDepth: 1, lastHeartbeatAt: at("2026-04-27T10:01:00Z") }));
    expect(spawned).toMatchObject({ budget: 500, spawnDepth: 1, lastHeartbeatAt: "2026-04-27T10:01:00.000Z" });
    expect(() => toAgent(create(AgentSchema, { name: "x", createdAt: at("2026-04-27T10:00:00Z") }))).toThrow(/agent\.status/);
  });

  it("a log line and an activity entry", () => {
    expect(
      toLogLine(create(AgentLogLineSchema, { time: at("2026-04-27T10:00:01Z"), stream: LogStream.SYSTEM, text: "restarting" })),
    ).toEqual({
      time: "2026-04-27T10:00:01.000Z",
      stream: "system",
      text: "restarting",
    });
    const lifecycle = create(AgentActivitySchema, {
      id: 7n,
      time: at("2026-04-27T10:00:00Z"),
      category: ActivityCategory.LIFECYCLE,
      type: "lifecycle.promoted",
      summary: "promoted from sonnet to opus",
      details: { generation: 2 },
    });
    expect(toActivity(lifecycle)).toEqual({
      id: 7,
      time: "2026-04-27T10:00:00.000Z",
      category: "lifecycle",
      type: "lifecycle.promoted",
      summary: "promoted from sonnet to opus",
      details: { generation: 2 },
    });
    const task = toActivity(create(AgentActivitySchema, { ...lifecycle, category: ActivityCategory.TASK, taskId: 3n, details: undefined }));
    expect(task).toMatchObject({ category: "task", taskId: 3, details: {} });
  });
});

describe("followLogs", () => {
  /** A real local AgentService whose log stream sends `messages`, then waits until the client goes away. */
  async function serving(messages: { line?: { time: Timestamp; stream: LogStream; text: string } }[]) {
    const seen = { requests: [] as unknown[], closed: false };
    const server = createServer(
      connectNodeAdapter({
        routes: (router) =>
          router.service(AgentService, {
            async *streamAgentLogs(req, ctx) {
              seen.requests.push({ tailLines: req.tailLines, since: req.since && timestampDate(req.since).toISOString() });
              for (const message of messages) yield message;
              await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
              seen.closed = true;
            },
          }),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { agents: new AgentsClient(createConnectTransport({ baseUrl, httpVersion: "1.1" })), seen };
  }
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  const line = (text: string) => ({ line: { time: at("2026-04-27T10:00:00Z"), stream: LogStream.STDOUT, text } });

  it("skips the keep-alives sent during silences, and closes the stream when the loop breaks", async () => {
    const { agents, seen } = await serving([{}, line("one"), {}, {}, line("two")]);
    const texts: string[] = [];
    for await (const l of agents.followLogs("o-1", "analyst", { tail: 5 })) {
      texts.push(l.text);
      if (texts.length === 2) break;
    }
    expect(texts).toEqual(["one", "two"]);
    expect(seen.requests).toEqual([{ tailLines: 5, since: undefined }]);
    await until(() => seen.closed);
  });

  it("sends since instead of a tail, and ends quietly when the caller aborts", async () => {
    const { agents, seen } = await serving([line("after")]);
    const stop = new AbortController();
    const lines = agents.followLogs("o-1", "analyst", { since: "2026-04-27T09:00:00Z", signal: stop.signal });
    expect((await lines.next()).value).toMatchObject({ text: "after", stream: "stdout" });
    const waiting = lines.next();
    stop.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(seen.requests).toEqual([{ tailLines: 0, since: "2026-04-27T09:00:00.000Z" }]);
    await until(() => seen.closed);
  });
});

/** Waits up to 2 s for `ok`. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; !ok(); i++) {
    if (i > 200) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
