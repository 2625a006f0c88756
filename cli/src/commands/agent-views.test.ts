import { describe, expect, it } from "vitest";
import type { Agent, AgentActivity, AgentLogLine, FiredAgent } from "../sdk.js";
import type { Input } from "../spec.js";
import { fireAgent } from "./agent-fire.js";
import { agentActivity, agentLogs } from "./agent-logs.js";
import { getAgent, hireAgent, listAgents } from "./agents.js";

// Rendering is a pure function of a command's result and the terminal, so people's views of
// agents are tested here without a server; test/cli-agents.test.ts renders real results.

const OFFICE = "0b7c6a3e-5f1d-4c2a-9e8b-1d2c3b4a5f60";
const input = (flags: Input["flags"] = {}): Input => ({ args: { officeId: OFFICE, name: "analyst" }, flags, json: undefined });
const tty = (columns: number) => ({ tty: true, columns });
const pipe = { tty: false, columns: 80 };

function agent(name: string, extra: Partial<Agent> = {}): Agent {
  return {
    name,
    status: { phase: "Running", reason: "", message: "", updatedAt: "2026-04-27T10:00:02.000Z" },
    employeeType: "local",
    modelTier: "sonnet",
    provider: "",
    role: "",
    skills: [],
    systemPrompt: "",
    hiredBy: "operator:acc",
    createdAt: "2026-04-27T10:00:00.000Z",
    lastHeartbeatAt: "2026-04-27T10:00:05.000Z",
    publicKey: "ab".repeat(32),
    budget: null,
    creditsUsed: 0,
    spawnDepth: 0,
    xmtpAddress: "",
    clonedFrom: "",
    ...extra,
  };
}

describe("agent lists", () => {
  it("show NAME PHASE TYPE MODEL PROVIDER HIRED, aligned on a terminal and tab-separated in a pipe", () => {
    const agents = [agent("analyst"), agent("reviewer", { status: { ...agent("x").status, phase: "Pending" }, provider: "openai-codex" })];
    expect(listAgents.render!(agents, input(), tty(120)).data).toBe(
      [
        "NAME      PHASE    TYPE   MODEL   PROVIDER      HIRED",
        "analyst   Running  local  sonnet  -             2026-04-27T10:00:00.000Z",
        "reviewer  Pending  local  sonnet  openai-codex  2026-04-27T10:00:00.000Z",
        "",
      ].join("\n"),
    );
    expect(listAgents.render!(agents, input(), pipe).data).toBe(
      "NAME\tPHASE\tTYPE\tMODEL\tPROVIDER\tHIRED\n" +
        "analyst\tRunning\tlocal\tsonnet\t-\t2026-04-27T10:00:00.000Z\n" +
        "reviewer\tPending\tlocal\tsonnet\topenai-codex\t2026-04-27T10:00:00.000Z\n",
    );
  });

  it("say how to hire when there is nobody, leaving stdout empty", () => {
    expect(listAgents.render!([], input(), pipe)).toEqual({
      status: `No agents. Hire one with mi agents hire --colony ${OFFICE} --name analyst.\n`,
    });
  });
});

describe("one agent", () => {
  it("shows its phase with the reason, and only the optional fields it has", () => {
    const plain = getAgent.render!(agent("analyst"), input(), pipe).data!;
    expect(plain).toMatch(/^name: +analyst\nphase: +Running\ntype: +local\nmodel: +sonnet\nprovider: +-\n/);
    expect(plain).not.toMatch(/^(budget|spawn depth|system prompt):/m);
    const spawned = agent("helper", {
      status: { phase: "Suspended", reason: "InsufficientCredits", message: "the office ran out of credits", updatedAt: null },
      skills: ["github", "slack"],
      budget: 40,
      spawnDepth: 1,
      systemPrompt: "Be brief.",
      lastHeartbeatAt: null,
    });
    const details = getAgent.render!(spawned, input(), pipe).data!;
    expect(details).toMatch(/^phase: +Suspended \(InsufficientCredits: the office ran out of credits\)$/m);
    expect(details).toMatch(/^skills: +github, slack$/m);
    expect(details).toMatch(/^last heartbeat: +-$/m);
    expect(details).toMatch(/^budget: +40$/m);
    expect(details).toMatch(/^spawn depth: +1$/m);
    expect(details).toMatch(/^system prompt: +Be brief\.$/m);
  });

  it("after a hire, says it is Pending and how to check on it", () => {
    const out = hireAgent.render!(agent("analyst", { status: { ...agent("x").status, phase: "Pending" } }), input(), pipe);
    expect(out.status).toBe(
      `Hired agent analyst (Pending); it turns Running once its worker reports in: mi agents get ${OFFICE} analyst\n`,
    );
    expect(out.data).toMatch(/^phase: +Pending$/m);
  });

  it("after a fire, prints where the workspace went, or that there was none", () => {
    const fired: FiredAgent = { agent: agent("analyst"), workspaceBackup: "offices/o/backups/agents/analyst/x.tar.gz" };
    expect(fireAgent.render!(fired, input(), pipe)).toEqual({
      status: "Fired agent analyst; its workspace is backed up\n",
      data: "agent:             analyst\nworkspace backup:  offices/o/backups/agents/analyst/x.tar.gz\n",
    });
    expect(fireAgent.render!({ ...fired, workspaceBackup: "" }, input(), pipe)).toEqual({
      status: "Fired agent analyst\n",
      data: "agent:             analyst\nworkspace backup:  - (no workspace)\n",
    });
  });
});

describe("logs and activity", () => {
  const lines: AgentLogLine[] = [
    { time: "2026-04-27T10:00:00.000Z", stream: "system", text: "starting generation 1" },
    { time: "2026-04-27T10:00:01.000Z", stream: "stdout", text: "agent analyst ready (Running)" },
  ];

  it("print one log line per line, oldest first; nothing to print says so on stderr", () => {
    expect(agentLogs.render!(lines, input(), pipe)).toEqual({
      data: "2026-04-27T10:00:00.000Z  system  starting generation 1\n2026-04-27T10:00:01.000Z  stdout  agent analyst ready (Running)\n",
    });
    expect(agentLogs.render!([], input(), pipe)).toEqual({ status: "Agent analyst has no log lines yet.\n" });
    // --follow printed its lines as they came.
    expect(agentLogs.render!(undefined, input({ follow: true }), pipe)).toEqual({});
  });

  it("show the activity feed as a table, with a dash where no task is concerned", () => {
    const entries: AgentActivity[] = [
      {
        id: 9,
        time: "2026-04-27T10:05:00.000Z",
        category: "task",
        type: "task.claimed",
        summary: "claimed task 3",
        taskId: 3,
        details: {},
      },
      {
        id: 8,
        time: "2026-04-27T10:00:00.000Z",
        category: "lifecycle",
        type: "lifecycle.hired",
        summary: "hired by operator:acc",
        details: {},
      },
    ];
    expect(agentActivity.render!(entries, input(), pipe).data).toBe(
      "ID\tTIME\tCATEGORY\tTYPE\tTASK\tSUMMARY\n" +
        "9\t2026-04-27T10:05:00.000Z\ttask\ttask.claimed\t3\tclaimed task 3\n" +
        "8\t2026-04-27T10:00:00.000Z\tlifecycle\tlifecycle.hired\t-\thired by operator:acc\n",
    );
    expect(agentActivity.render!([], input(), pipe)).toEqual({ status: "No activity for agent analyst.\n" });
  });
});
