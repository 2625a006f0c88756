/**
 * `mi agents` as users run it (the built mi as a subprocess) against a real server whose agents
 * are local worker processes, following the docs' command lines: hire, list until Running,
 * get, logs (and --follow across a promote), activity, update, fire; the guardrails' messages
 * and exit codes. The fire confirmation at a terminal runs in-process with a fake terminal.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/src/main.js";
import { type Agent, type AgentActivity, type AgentLogLine, type FiredAgent, OS1Client } from "../sdk/src/index.js";
import { fakeIO } from "./support/fake-io.js";
import { fieldOf, jsonOf, runMi, startMi } from "./support/mi.js";
import type { Run } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { until } from "./support/agents.js";

let server: TestServer;
let apiKey: string;
let accountId: string;
let sdk: OS1Client;
let home: string;
beforeAll(async () => {
  server = await startTestServer({ MI_AGENT_RECONCILE_MS: "200", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_AGENT_WARM_POOL: "1" });
  ({ apiKey, accountId } = await server.newAccount("cli-agents"));
  sdk = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
  home = await mkdtemp(join(tmpdir(), "mi-agents-"));
});
afterAll(async () => {
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

const env = () => ({ MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: join(home, "unused") });
const mi = (...args: string[]): Promise<Run> => runMi(args, env());
const ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

/** An office with credits, made as the docs make it. */
async function newColony(name: string, credits = 100): Promise<string> {
  const { id } = jsonOf<{ id: string }>(await mi("colonies", "create", "--name", name, "--json", "id"));
  if (credits > 0) expect((await mi("credits", "add", "--colony", id, "--amount", String(credits))).code).toBe(0);
  return id;
}

describe("mi agents, following the docs", () => {
  it("hire, list until Running, get, logs, activity, logs --follow across a promote, update, fire --yes", async () => {
    const id = await newColony("My Colony");

    // mi agents hire --colony <colonyId> --name "analyst" --model sonnet
    const hired = await mi("agents", "hire", "--colony", id, "--name", "analyst", "--model", "sonnet");
    expect(hired.code, hired.stderr).toBe(0);
    expect(hired.stderr).toBe(`Hired agent analyst (Pending); it turns Running once its worker reports in: mi agents get ${id} analyst\n`);
    expect(fieldOf(hired.stdout, "name")).toBe("analyst");
    expect(fieldOf(hired.stdout, "model")).toBe("sonnet");
    expect(fieldOf(hired.stdout, "hired by")).toBe(`operator:${accountId}`);

    // mi agents list --colony <colonyId>: piped, a tab-separated table.
    const listed = await until(
      "analyst Running in mi agents list",
      () => mi("agents", "list", "--colony", id),
      (run) => run.stdout.includes("analyst\tRunning"),
    );
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`^NAME\\tPHASE\\tTYPE\\tMODEL\\tPROVIDER\\tHIRED\\nanalyst\\tRunning\\tlocal\\tsonnet\\t-\\t${ISO}\\n$`),
    );

    // mi agents get <colonyId> analyst
    const got = await mi("agents", "get", id, "analyst");
    expect(got.code).toBe(0);
    expect(fieldOf(got.stdout, "phase")).toMatch(/^Running/);
    expect(fieldOf(got.stdout, "last heartbeat")).toMatch(new RegExp(`^${ISO}$`));
    expect(jsonOf<Pick<Agent, "status">>(await mi("agents", "get", "--office", id, "analyst", "--json", "status")).status.phase).toBe(
      "Running",
    );

    // mi agents logs <colonyId> analyst
    const logs = await until(
      "the ready line in mi agents logs",
      () => mi("agents", "logs", id, "analyst"),
      (run) => run.stdout.includes("agent analyst ready"),
    );
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(new RegExp(`^${ISO} {2}stdout {2}agent analyst ready \\(Running\\)$`, "m"));
    const last = jsonOf<AgentLogLine[]>(await mi("agents", "logs", id, "analyst", "--limit", "1", "--json"));
    expect(last).toHaveLength(1);
    expect(logs.stdout.trimEnd().split("\n").at(-1)).toBe(`${last[0]!.time}  ${last[0]!.stream}  ${last[0]!.text}`);

    // mi agents activity <colonyId> analyst
    const activity = await mi("agents", "activity", id, "analyst");
    expect(activity.code).toBe(0);
    expect(activity.stdout.split("\n")[0]).toBe("ID\tTIME\tCATEGORY\tTYPE\tTASK\tSUMMARY");
    expect(activity.stdout).toMatch(
      new RegExp(`^\\d+\\t${ISO}\\tlifecycle\\tlifecycle\\.hired\\t-\\thired by operator:${accountId} on sonnet$`, "m"),
    );
    const lifecycle = jsonOf<Pick<AgentActivity, "category" | "type">[]>(
      await mi("agents", "activity", id, "analyst", "--limit", "50", "--category", "task,lifecycle", "--json", "category,type"),
    );
    expect(lifecycle.length).toBeGreaterThan(0);
    expect(new Set(lifecycle.map((a) => a.category))).toEqual(new Set(["lifecycle"]));
    expect(lifecycle.map((a) => a.type)).toContain("lifecycle.hired");
    expect(await mi("agents", "activity", id, "analyst", "--category", "task")).toMatchObject({
      code: 0,
      stdout: "",
      stderr: "No activity for agent analyst.\n",
    });

    // Follow the logs; a promote restarts the agent, whose new lines arrive while mi follows.
    const follow = startMi(["agents", "logs", id, "analyst", "--follow"], env());
    await until(
      "the history before following",
      async () => follow.out.stdout,
      (out) => out.includes("agent analyst ready"),
    );
    const promoted = await mi("agents", "promote", id, "analyst", "--model", "opus", "--provider", "anthropic");
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stderr).toBe("Promoted agent analyst to opus (anthropic); it restarts with them\n");
    expect(fieldOf(promoted.stdout, "model")).toBe("opus");
    await until(
      "the new generation's lines",
      async () => follow.out.stdout,
      (out) => out.includes("generation 2"),
    );
    expect(follow.out.stdout).toMatch(new RegExp(`^${ISO} {2}system {2}promoted to opus \\(anthropic\\): restarting$`, "m"));
    follow.child.kill("SIGINT");
    const followed = await follow.exited;
    expect(followed.code).toBe(0);
    expect(followed.stderr).toBe("Following the logs of agent analyst; press Ctrl-C to stop.\n");

    const updated = await mi("agents", "update", id, "analyst", "--add-skill", "github", "--addSkills", "linear", "--role", "reviewer");
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stderr).toBe("Updated agent analyst\n");
    expect(fieldOf(updated.stdout, "skills")).toBe("github, linear");
    expect(fieldOf(updated.stdout, "role")).toBe("reviewer");

    // mi agents fire <colonyId> analyst: from a script only with --yes.
    const refused = await mi("agents", "fire", id, "analyst");
    expect(refused).toMatchObject({ code: 2, stdout: "" });
    expect(refused.stderr).toContain("Not firing agent analyst: mi cannot ask for confirmation here (no terminal). Pass --yes to fire it.");
    expect((await sdk.agents.get(id, "analyst")).name).toBe("analyst");
    const fired = await mi("agents", "fire", id, "analyst", "--yes");
    expect(fired.code, fired.stderr).toBe(0);
    expect(fired.stderr).toBe("Fired agent analyst; its workspace is backed up\n");
    expect(fieldOf(fired.stdout, "workspace backup")).toMatch(new RegExp(`^offices/${id}/backups/agents/analyst/.+\\.tar\\.gz$`));

    const gone = await mi("agents", "get", id, "analyst");
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`agent analyst not found in office ${id}`);
    expect(await mi("agents", "list", "--colony", id)).toMatchObject({
      code: 0,
      stdout: "",
      stderr: `No agents. Hire one with mi agents hire --colony ${id} --name analyst.\n`,
    });
  });

  it("the tutorial's lines: hire with --provider and --model, fire --colony <id> <name>", async () => {
    const id = await newColony("code-review");
    // mi agents hire --colony <id> --name reviewer --provider openai-codex --model gpt-5.5
    const reviewer = jsonOf<Pick<Agent, "name" | "modelTier" | "provider">>(
      await mi(
        "agents",
        "hire",
        "--colony",
        id,
        "--name",
        "reviewer",
        "--provider",
        "openai-codex",
        "--model",
        "gpt-5.5",
        "--json",
        "name,modelTier,provider",
      ),
    );
    expect(reviewer).toEqual({ name: "reviewer", modelTier: "gpt-5.5", provider: "openai-codex" });
    const withSkills = jsonOf<Agent>(
      await mi(
        "agents",
        "hire",
        "--colony",
        id,
        "--name",
        "analyst",
        "--skill",
        "github",
        "--skills",
        "slack",
        "--role",
        "research-analyst",
        "--json",
      ),
    );
    expect(withSkills).toMatchObject({ skills: ["github", "slack"], role: "research-analyst", modelTier: "sonnet", budget: null });

    // mi agents fire --colony <id> reviewer (with --yes, since a script cannot answer the question)
    const fired = jsonOf<FiredAgent>(await mi("agents", "fire", "--colony", id, "reviewer", "--yes", "--json"));
    expect(fired.agent.name).toBe("reviewer");
    expect(fired.workspaceBackup).toMatch(/\.tar\.gz$/);
    expect((await sdk.agents.list(id)).map((a) => a.name)).toEqual(["analyst"]);
  });
});

describe("mi agents errors and exit codes", () => {
  it("409: a taken name, exit 1 with the server's message", async () => {
    const id = await newColony("dup");
    expect((await mi("agents", "hire", "--colony", id, "--name", "dup")).code).toBe(0);
    const again = await mi("agents", "hire", "--colony", id, "--name", "dup");
    expect(again).toMatchObject({ code: 1, stdout: "" });
    expect(again.stderr).toBe(`An agent named dup already exists in office ${id}. Choose a different name.\n`);
  });

  it("402: no credits, exit 1 with how to add them; nothing hired", async () => {
    const id = await newColony("broke", 0);
    const broke = await mi("agents", "hire", "--colony", id, "--name", "analyst", "--model", "sonnet");
    expect(broke).toMatchObject({ code: 1, stdout: "" });
    expect(broke.stderr).toContain(`The office has no credits. Add credits via mi credits add --colony ${id} --amount 100.`);
    expect(await sdk.agents.list(id)).toEqual([]);
  });

  it("429: the fourth hire in 10 minutes, exit 1 with the wait", async () => {
    const id = await newColony("busy");
    for (const name of ["a1", "a2", "a3"]) expect((await mi("agents", "hire", "--colony", id, "--name", name)).code).toBe(0);
    const limited = await mi("agents", "hire", "--colony", id, "--name", "a4");
    expect(limited.code).toBe(1);
    expect(limited.stderr).toMatch(/^Rate limit hit: at most 3 hires per 10 minutes per office\. Wait \d+ s and retry\.\n$/);
  });

  it("usage errors exit 2 before anything is sent; names the server refuses exit 1", async () => {
    const id = await newColony("usage");
    const cases: [string[], RegExp][] = [
      [["agents", "hire", "--colony", id], /Missing --name <name>/],
      [
        ["agents", "hire", "--colony", id, "--name", "analyst", "--model", "gpt-4"],
        /--model must be one of sonnet, opus, haiku, gpt-5\.5, gemini-2\.5-flash/,
      ],
      [["agents", "update", id, "analyst"], /Nothing to change: pass --role/],
      [["agents", "logs", id, "analyst", "--since", "yesterday"], /--since must be an ISO 8601 time/],
      [
        ["agents", "logs", id, "analyst", "--follow", "--since", "2026-04-27T10:00:00Z", "--limit", "5"],
        /give --limit .* or --since, not both/,
      ],
      [
        ["agents", "activity", id, "analyst", "--category", "gossip"],
        /--category must be one of task, lifecycle, chat, file, integration, credit/,
      ],
      [["agents", "promote", id, "analyst"], /Missing --model <model>/],
      [["agents", "get", "--colony", id], /Missing argument <name>/],
    ];
    for (const [args, message] of cases) {
      const run = await mi(...args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(message);
    }
    const badName = await mi("agents", "hire", "--colony", id, "--name", "Analyst");
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/^name must be 1 to 63 lowercase letters, digits or '-'/);
    expect(await sdk.agents.list(id)).toEqual([]);
  });
});

describe("mi agents fire at a terminal", () => {
  /** Runs mi in-process with a fake terminal that types `input`. */
  async function atTerminal(argv: string[], input?: string) {
    const io = fakeIO({ tty: true, input, env: env() });
    const code = await main(argv, io);
    return { code, stdout: io.out(), stderr: io.err() };
  }

  it("fires only when the agent's name is typed back", async () => {
    const id = await newColony("careful");
    await sdk.agents.hire(id, { name: "analyst" });
    for (const answer of ["y", "yes", "analys", ""]) {
      const run = await atTerminal(["agents", "fire", id, "analyst"], `${answer}\n`);
      expect(run.stderr).toContain(
        `This fires agent analyst of office ${id}: its worker stops, and its workspace is backed up, then removed.`,
      );
      expect(run.stderr).toContain(`Cancelled: agent analyst was not fired.`);
      expect({ answer, code: run.code, stdout: run.stdout }).toEqual({ answer, code: 1, stdout: "" });
    }
    expect((await sdk.agents.list(id)).map((a) => a.name)).toEqual(["analyst"]);

    // A wrong name fails before the question.
    const ghost = await atTerminal(["agents", "fire", id, "ghost"], "ghost\n");
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).not.toContain("Type the agent's name");
    expect(ghost.stderr).toContain("agent ghost not found");

    const fired = await atTerminal(["agents", "fire", "--colony", id, "analyst"], "analyst\n");
    expect(fired.code, fired.stderr).toBe(0);
    expect(fired.stderr).toMatch(/Type the agent's name to confirm: Fired agent analyst; its workspace is backed up\n$/);
    expect(fieldOf(fired.stdout, "workspace backup")).toMatch(/^offices\/.+\.tar\.gz$/);
    expect(await sdk.agents.list(id)).toEqual([]);
  });
});
