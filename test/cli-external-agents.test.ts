/**
 * Bringing an agent that runs elsewhere into an office with `mi`, as the docs' "External Agent
 * Onboarding" shows it: the operator makes a code (`mi invite --colony`), the agent's machine
 * joins with it (`mi agent onboard <CODE> -n <name>`, no API key) and keeps its identity in a
 * 0600 file, then works the office's tasks with `mi agent run` (a small script stands in for
 * the coding CLI), stays Online with `mi agent heartbeat-daemon`, and clones itself.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OS1Client } from "../sdk/src/index.js";
import { until } from "./support/agents.js";
import { startFakeLlm } from "./support/fake-llm.js";
import { fieldOf, jsonOf, runMi, startMi } from "./support/mi.js";
import type { Running } from "./support/run.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let apiKey: string;
let sdk: OS1Client;
let home: string;
const running: Running[] = [];
beforeAll(async () => {
  server = await startTestServer({ MI_AGENT_RECONCILE_MS: "200", MI_AGENT_HEARTBEAT_SECONDS: "1", MI_TASK_RETRY_BACKOFF_MS: "100" });
  ({ apiKey } = await server.newAccount("cli-external"));
  sdk = new OS1Client({ endpoint: server.url, auth: { type: "token", token: apiKey } });
  home = await mkdtemp(join(tmpdir(), "mi-external-"));
  // Stands in for a coding CLI: reads the task on stdin, writes a file, prints the result.
  await writeFile(
    join(home, "coder.sh"),
    `#!/usr/bin/env bash\nset -e\nprompt=$(cat)\nprintf 'done: %s\\n' "$prompt" > notes.md\necho "Handled $(printf '%s' "$prompt" | head -n 1)"\n`,
    { mode: 0o755 },
  );
});
afterAll(async () => {
  for (const r of running) r.child.kill("SIGKILL");
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

/** The operator: logged in with an API key. */
const operator = (...args: string[]) =>
  runMi(args, { MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: apiKey, MI_CONFIG_DIR: join(home, "operator") });
/** The agent's machine: knows the server, holds no API key. */
const agentEnv = () => ({ MITOSIS_ENDPOINT: server.url, MI_CONFIG_DIR: join(home, "agent") });
const agent = (...args: string[]) => runMi(args, agentEnv());

async function newColony(): Promise<string> {
  const { id } = jsonOf<{ id: string }>(await operator("colonies", "create", "--name", "remote work", "--json", "id"));
  expect((await operator("credits", "add", "--colony", id, "--amount", "100")).code).toBe(0);
  return id;
}

describe("mi invite and mi agent, following the docs", () => {
  it("invite, onboard, run tasks with proof, heartbeat-daemon, clone; a used code and a taken identity are refused", async () => {
    const id = await newColony();

    // mi invite --colony <colonyId>: the code alone on stdout, the link and next step on stderr.
    const invited = await operator("invite", "--colony", id, "--name", "build box");
    expect(invited.code, invited.stderr).toBe(0);
    const code = invited.stdout.trim();
    expect(code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/);
    expect(invited.stderr).toContain(`${server.url}/r/${code}`);
    expect(invited.stderr).toContain(`mi agent onboard ${code} -n <agent-name>`);
    expect(jsonOf<{ code: string; status: string }[]>(await operator("invites", "list", "--colony", id, "--json", "code,status"))).toEqual([
      { code, status: "active" },
    ]);

    // mi agent onboard <INVITE_CODE> -n <agent-name>: joined, identity in a private file.
    const onboarded = await agent("agent", "onboard", code, "-n", "builder");
    expect(onboarded.code, onboarded.stderr).toBe(0);
    expect(onboarded.stderr).toContain(`Joined office remote work (${id}) as agent builder`);
    expect(fieldOf(onboarded.stdout, "type")).toBe("external");
    expect(fieldOf(onboarded.stdout, "phase")).toBe("Online");
    const file = join(home, "agent", "agent.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const identity = JSON.parse(await readFile(file, "utf8"));
    expect(identity).toMatchObject({ endpoint: server.url, officeId: id, agentName: "builder", inviteCode: code });
    expect(identity.signingKey).toMatch(/^[0-9a-f]{64}$/);

    // The code is used up; a failed join leaves no identity file behind. A second onboard
    // would overwrite this agent's key: refused (usage error) unless --force.
    const other = join(home, "agent", "other.json");
    const reused = await agent("agent", "onboard", code, "-n", "second", "--identity", other);
    expect(reused.code).toBe(1);
    expect(reused.stderr).toMatch(/^invalid_code: invite code \w+ was used/);
    await expect(stat(other)).rejects.toThrow(/ENOENT/);
    const overwrite = await agent("agent", "onboard", code, "-n", "second");
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toContain("already holds agent builder");
    expect(await operator("invites", "get", id, (await sdk.invites.list(id))[0]!.id, "--json", "status,usedByAgent")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('"usedByAgent": "builder"'),
    });

    // mi agent run: claims the office's task, runs the command in its workspace, completes with proof.
    const workspace = await mkdtemp(join(home, "ws-"));
    const worker = startMi(
      ["agent", "run", "--command", join(home, "coder.sh"), "--workspace", workspace, "--heartbeat-seconds", "1"],
      agentEnv(),
    );
    running.push(worker);
    const task = await sdk.tasks.create(id, { title: "Tidy the build" });
    const done = await until(
      "task done by the external agent",
      async () => (await sdk.tasks.get(id, task.id)).task,
      (t) => t.status === "done",
      30_000,
    );
    expect(done.result).toContain("Handled Task 1: Tidy the build");
    const { events } = await sdk.tasks.events(id, { sinceId: 0 });
    expect(events.filter((e) => e.taskId === task.id && e.type === "claimed").map((e) => e.actor)).toEqual(["builder"]);
    const artifacts = await sdk.tasks.artifacts(id, task.id);
    expect(artifacts.map((a) => a.path)).toEqual([`/shared/files/tasks/${task.id}/notes.md`]);
    expect((await sdk.agents.get(id, "builder")).status.phase).toBe("Online");
    worker.child.kill("SIGINT");
    const stopped = await worker.exited;
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain(`task ${task.id} done`);

    // mi agent heartbeat-daemon: Online again after two silent minutes, until Ctrl-C.
    server.clock.advance(2 * 60_000 + 1000);
    expect((await sdk.agents.get(id, "builder")).status.phase).toBe("Offline");
    const daemon = startMi(["agent", "heartbeat-daemon"], agentEnv());
    running.push(daemon);
    await until(
      "Online again",
      async () => (await sdk.agents.get(id, "builder")).status.phase,
      (p) => p === "Online",
    );
    daemon.child.kill("SIGTERM");
    expect((await daemon.exited).code).toBe(0);
    expect(daemon.out.stderr).toContain("Agent builder is Online; sending heartbeats");

    // mi agent service: a systemd user unit running mi agent run for this identity. No user
    // session is reachable here (on purpose: the test must not leave a service running), so it
    // is written and the answer says how to start it.
    const units = join(home, "xdg");
    const service = await runMi(["agent", "service", "--workspace", workspace], {
      ...agentEnv(),
      XDG_CONFIG_HOME: units,
      XDG_RUNTIME_DIR: join(home, "no-session"),
      DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/bus",
    });
    expect(service.code, service.stderr).toBe(0);
    const unitFile = join(units, "systemd", "user", "mi-agent-builder.service");
    expect(service.stdout.trim()).toBe(unitFile);
    expect(service.stderr).toContain(
      "Start it with: systemctl --user daemon-reload && systemctl --user enable --now mi-agent-builder.service",
    );
    const unit = await readFile(unitFile, "utf8");
    expect(unit).toMatch(
      new RegExp(`^ExecStart=".*node[^"]*" ".*mi[^"]*" "agent" "run" "--identity" "${file}" "--workspace" "${workspace}"$`, "m"),
    );
    expect(unit).toContain("Restart=always");
    expect(unit).not.toContain(identity.signingKey);

    // mi agent clone: a hosted worker named builder-2; the original stays.
    const cloned = await agent("agent", "clone");
    expect(cloned.code, cloned.stderr).toBe(0);
    expect(cloned.stderr).toContain(`Cloned builder into hosted agent builder-2`);
    expect(fieldOf(cloned.stdout, "cloned from")).toBe("builder");
    expect((await sdk.agents.list(id)).map((a) => [a.name, a.employeeType])).toEqual([
      ["builder", "external"],
      ["builder-2", "local"],
    ]);
    await sdk.agents.fire(id, "builder-2");
  });

  it("mi agent run uses the office's LLM integration enabled for the agent: no key on the agent's machine", async () => {
    const fake = await startFakeLlm();
    try {
      const id = await newColony();
      const code = (await operator("invite", "--colony", id)).stdout.trim();
      const identityFile = join(home, "thinker.json");
      expect((await agent("agent", "onboard", code, "-n", "thinker", "--identity", identityFile)).code).toBe(0);
      await sdk.integrations.setSecret(id, "openai", { OPENAI_API_KEY: "sk-office-key", OPENAI_BASE_URL: `${fake.url}/v1` });
      expect((await operator("integrations", "toggle", "--colony", id, "openai", "--agent", "thinker")).code).toBe(0);
      fake.script([{ toolCalls: [{ name: "complete_task", arguments: { result: "Answered with the office's model" } }] }]);
      const worker = startMi(["agent", "run", "--identity", identityFile, "--workspace", home], agentEnv());
      running.push(worker);
      const task = await sdk.tasks.create(id, { title: "Answer a question" });
      const done = await until(
        "the task done with the office's provider",
        async () => (await sdk.tasks.get(id, task.id)).task,
        (t) => t.status === "done",
        30_000,
      );
      expect(done.result).toBe("Answered with the office's model");
      expect(fake.requests.map((r) => r.headers.authorization)).toEqual(["Bearer sk-office-key"]);
      worker.child.kill("SIGINT");
      expect((await worker.exited).code).toBe(0);
      expect(worker.out.stdout).toContain("executing tasks with the llm engine");
      expect(worker.out.stdout + worker.out.stderr).not.toContain("sk-office-key");
    } finally {
      await fake.close();
    }
  });

  it("revokes an invite, after which onboarding with it says invalid_code; a human invite says wrong_invite_type", async () => {
    const id = await newColony();
    const { id: inviteId, code } = jsonOf<{ id: string; code: string }>(await operator("invite", "--colony", id, "--json", "id,code"));
    const revoked = await operator("invites", "revoke", id, inviteId);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(fieldOf(revoked.stdout, "status")).toBe("revoked");
    const refused = await agent("agent", "onboard", code, "-n", "late", "--identity", join(home, "late.json"));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^invalid_code: /);
    const human = (await operator("invite", "--colony", id, "--human")).stdout.trim();
    const wrong = await agent("agent", "onboard", human, "-n", "late", "--identity", join(home, "late.json"));
    expect(wrong.stderr).toMatch(/^wrong_invite_type: /);
    // Without an identity, the agent commands say how to get one.
    const none = await runMi(["agent", "run"], { MITOSIS_ENDPOINT: server.url, MI_CONFIG_DIR: join(home, "nobody") });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("mi agent onboard <INVITE_CODE> -n <agent-name>");
  });
});
