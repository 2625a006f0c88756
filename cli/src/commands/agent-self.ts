/**
 * `mi agent onboard|run|heartbeat-daemon|clone`: this machine's agent, one that runs outside
 * Mitosis and joined an office with an invite (docs: "mi agent onboard <INVITE_CODE> -n
 * <agent-name>"). Onboarding makes an Ed25519 key here, joins with the code and saves the
 * identity (~/.mi/agent.json, mode 0600); the other commands act as that agent, signing every
 * request with its key. No API key is involved.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { promisify } from "node:util";
import path from "node:path";
import type { CommandContext } from "../context.js";
import { UsageError } from "../exit.js";
import { untilInterrupted } from "../interrupt.js";
import type { Agent, AgentIdentity, CloneResult, JoinResult } from "../sdk.js";
import { arg, command, flag } from "../spec.js";
import { agentDetails } from "./agent-views.js";
import { CLONE_FIELDS, fields } from "./fields.js";

const IDENTITY = flag.string({ summary: "Identity file (default: $MI_AGENT_IDENTITY, else ~/.mi/agent.json)", value: "file" });

/** What onboarding did. */
export interface Onboarded extends JoinResult {
  /** Where the identity (with the private key) was saved. */
  identityPath: string;
  /** The hosted clone, with --clone. */
  clone: CloneResult | null;
  /** The systemd user service, with --service. */
  service: InstalledService | null;
}

/** A systemd user unit that runs `mi agent run` for an identity. */
export interface InstalledService {
  unit: string;
  path: string;
  /** Whether systemctl enabled and started it; otherwise `start` says how. */
  started: boolean;
  start: string;
}

const ONBOARDED_FIELDS = fields<Onboarded>({
  agent: true,
  office: true,
  heartbeatIntervalMs: true,
  identityPath: true,
  clone: true,
  service: true,
});
const SERVICE_FIELDS = fields<InstalledService>({ unit: true, path: true, started: true, start: true });

/**
 * Writes a systemd user unit that runs `mi agent run` for the identity, restarting it whenever it
 * stops (the docs' "persistent heartbeat"), then enables and starts it with systemctl when there
 * is a user session to do it in; otherwise the answer says what to run. Nothing secret is in the
 * unit: the key stays in the identity file.
 */
async function installService(
  ctx: CommandContext,
  identity: AgentIdentity,
  identityPath: string,
  workspace: string,
): Promise<InstalledService> {
  const unit = `mi-agent-${identity.agentName}.service`;
  const dir = path.join(ctx.io.env.XDG_CONFIG_HOME || path.join(homedir(), ".config"), "systemd", "user");
  const file = path.join(dir, unit);
  // systemd's quoting: backslash and double quote escaped, % and $ doubled (its specifiers and variables).
  const quote = (word: string) =>
    `"${word
      .replace(/(["\\])/g, "\\$1")
      .replace(/%/g, "%%")
      .replace(/\$/g, "$$$$")}"`;
  const run = [process.execPath, process.argv[1] ?? "mi", "agent", "run", "--identity", identityPath, "--workspace", workspace];
  await mkdir(dir, { recursive: true });
  await writeFile(
    file,
    [
      "[Unit]",
      `Description=Mitosis agent ${identity.agentName} (office ${identity.officeId})`,
      "Wants=network-online.target",
      "After=network-online.target",
      "",
      "[Service]",
      `ExecStart=${run.map(quote).join(" ")}`,
      `WorkingDirectory=${quote(workspace)}`,
      "Restart=always",
      "RestartSec=5",
      "",
      "[Install]",
      "WantedBy=default.target",
      "",
    ].join("\n"),
  );
  const start = `systemctl --user daemon-reload && systemctl --user enable --now ${unit}`;
  const systemctl = promisify(execFile);
  const started = await systemctl("systemctl", ["--user", "daemon-reload"])
    .then(() => systemctl("systemctl", ["--user", "enable", "--now", unit]))
    .then(
      () => true,
      () => false,
    );
  return { unit, path: file, started, start };
}

function serviceStatus(service: InstalledService): string {
  return service.started
    ? `Started systemd user service ${service.unit} (${service.path}): it runs mi agent run and restarts it if it stops.\n`
    : `Wrote systemd user service ${service.path}; systemctl could not start it here. Start it with: ${service.start}\n`;
}

/** The identity this machine's agent acts with (--identity, else the default file), where it is, and the SDK. */
async function identityOf(
  ctx: CommandContext,
  file: string | undefined,
): Promise<{ identity: AgentIdentity; path: string; sdk: Awaited<ReturnType<CommandContext["sdk"]>> }> {
  const sdk = await ctx.sdk();
  const at = path.resolve(file ?? sdk.agentIdentityPath(ctx.io.env));
  return { identity: await sdk.loadAgentIdentity(at), path: at, sdk };
}

export const onboardAgent = command({
  name: "agent onboard",
  summary: "Join an office as an external agent with an invite code",
  description: [
    "Makes a signing key on this machine, joins the invite's office under the name given, and saves",
    "the identity to ~/.mi/agent.json (mode 0600). The code is used up. Then keep the agent Online:",
    "mi agent run (works the office's tasks) or mi agent heartbeat-daemon (heartbeats only).",
  ].join("\n"),
  examples: ["mi agent onboard JCVCFB -n jared", "mi agent onboard JCVCFB -n jared --endpoint https://mitosis.example.com --clone"],
  args: { code: arg.string({ summary: "Invite code, e.g. JCVCFB" }) },
  flags: {
    name: flag.string({ summary: "Name to join under: lowercase letters, digits and '-'", required: true, short: "n" }),
    endpoint: flag.string({ summary: "Server URL (default: the saved one, else http://127.0.0.1:8080)", value: "url" }),
    xmtpAddress: flag.string({ summary: "XMTP address to chat from in the office (0x and 40 hex characters)", value: "address" }),
    clone: flag.switch({ summary: "Also clone the agent into a hosted worker (named <name>-2)" }),
    service: flag.switch({ summary: "Keep it running as a systemd user service (mi agent run), started now" }),
    identity: IDENTITY,
    force: flag.switch({ summary: "Replace an identity file that holds another agent (its key is lost)" }),
  },
  json: ONBOARDED_FIELDS,
  async run(ctx, { args, flags }): Promise<Onboarded> {
    const sdk = await ctx.sdk();
    const endpoint = flags.endpoint ?? (await ctx.loadConfig()).endpoint;
    const file = flags.identity ?? sdk.agentIdentityPath(ctx.io.env);
    const before = await readFile(file, "utf8").catch(() => undefined);
    if (before !== undefined && !flags.force) {
      const held = await sdk.loadAgentIdentity(file).catch(() => undefined);
      throw new UsageError(
        `${file} already holds ${held ? `agent ${held.agentName} of office ${held.officeId}` : "an agent identity"}; its key would be lost. Use --identity <file> for another agent, or --force.`,
        "agent onboard",
      );
    }
    const key = sdk.generateSigningKey();
    const code = args.code.trim().toUpperCase();
    // The key is saved before the join, so an agent the server admits always has its key here;
    // a refused join puts the file back as it was.
    const identity: AgentIdentity = {
      endpoint,
      officeId: "",
      agentName: flags.name,
      signingKey: key.signingKey,
      publicKey: key.publicKey,
      inviteCode: code,
    };
    await sdk.saveAgentIdentity(identity, file);
    let joined: JoinResult;
    try {
      joined = await new sdk.OS1Client({ endpoint }).join.join({
        code,
        agentName: flags.name,
        publicKey: key.publicKey,
        xmtpAddress: flags.xmtpAddress,
      });
    } catch (err) {
      await (before === undefined ? rm(file, { force: true }) : writeFile(file, before, { mode: 0o600 }));
      throw err;
    }
    const saved = { ...identity, officeId: joined.office.id };
    await sdk.saveAgentIdentity(saved, file);
    const clone = flags.clone ? await sdk.agentClient(saved).clone.clone({ agentName: saved.agentName, officeId: saved.officeId }) : null;
    const service = flags.service ? await installService(ctx, saved, path.resolve(file), process.cwd()) : null;
    return { ...joined, identityPath: path.resolve(file), clone, service };
  },
  render: (done) => ({
    status:
      `Joined office ${done.office.name} (${done.office.id}) as agent ${done.agent.name}; identity saved to ${done.identityPath}.\n` +
      (done.clone ? `Cloned into hosted agent ${done.clone.agent.name} (${done.clone.agent.status.phase}).\n` : "") +
      (done.service
        ? serviceStatus(done.service)
        : "Keep it Online: mi agent run (works the office's tasks), mi agent service, or mi agent heartbeat-daemon.\n"),
    data: agentDetails(done.agent),
  }),
});

export const runExternalAgent = command({
  name: "agent run",
  summary: "Work the office's tasks as this machine's agent, with heartbeats, until interrupted",
  description: [
    "Claims the tasks this agent can do, runs each with its engine and completes it with proof, as",
    "hosted agents do. The engine: --command (a coding CLI such as 'claude -p', run in --workspace",
    "with the task on stdin), else AGENT_COMMAND, else an LLM: a provider key in the environment",
    "(OPENAI_API_KEY, ANTHROPIC_API_KEY... with MI_PROVIDER), else the office's LLM integration enabled",
    "for this agent (mi integrations toggle --colony <id> openai --agent <name>). Ctrl-C stops with exit code 0.",
  ].join("\n"),
  examples: ["mi agent run --command 'claude -p' --workspace ~/checkout", "mi agent run --heartbeat-seconds 10"],
  args: {},
  flags: {
    command: flag.string({ summary: "Command line of the coding CLI that does each task (AGENT_COMMAND)", value: "command" }),
    workspace: flag.string({ summary: "Directory the engine works in (default: the current one)", value: "dir" }),
    heartbeatSeconds: flag.integer({ summary: "Seconds between heartbeats (default: the server's, 30)", value: "seconds", min: 1 }),
    identity: IDENTITY,
  },
  async run(ctx, { flags }): Promise<void> {
    const { identity, sdk } = await identityOf(ctx, flags.identity);
    const { officeLlmCredentials, runAgent } = await import("../worker.js");
    const client = sdk.agentClient(identity);
    const workspace = path.resolve(flags.workspace ?? process.cwd());
    const local = { ...ctx.io.env, ...(flags.command ? { AGENT_COMMAND: flags.command } : {}) };
    // Without a command, the office's LLM integrations enabled for this agent serve, unless this
    // machine's environment names its own provider key (which wins).
    const env = local.AGENT_COMMAND ? local : { ...(await officeLlmCredentials(client, identity.officeId, identity.agentName)), ...local };
    ctx.status(
      `Agent ${identity.agentName} of office ${identity.officeId} at ${identity.endpoint}, in ${workspace}; press Ctrl-C to stop.`,
    );
    await untilInterrupted(ctx.io.stdout, (signal) =>
      runAgent({
        client,
        officeId: identity.officeId,
        agentName: identity.agentName,
        env,
        workspace,
        heartbeatMs: flags.heartbeatSeconds === undefined ? undefined : flags.heartbeatSeconds * 1000,
        signal,
        log: (line) => ctx.io.stdout.write(`${line}\n`),
        warn: (line) => ctx.status(line),
        clientVersion: "mi-agent-run",
      }),
    );
  },
});

export const heartbeatDaemon = command({
  name: "agent heartbeat-daemon",
  summary: "Keep this machine's agent Online with heartbeats until interrupted",
  description: "Sends a heartbeat every 30 s (the server's interval), backing off after failures. Ctrl-C stops with exit code 0.",
  examples: ["mi agent heartbeat-daemon", "mi agent heartbeat-daemon --identity ~/.mi/other-agent.json"],
  args: {},
  flags: { identity: IDENTITY },
  async run(ctx, { flags }): Promise<void> {
    const { identity, sdk } = await identityOf(ctx, flags.identity);
    await untilInterrupted(ctx.io.stdout, async (signal) => {
      let announced = false;
      const loop = sdk.agentClient(identity).heartbeat.start({
        clientVersion: "mi-heartbeat-daemon",
        onBeat: (beat) => {
          if (!announced) ctx.status(`Agent ${identity.agentName} is ${beat.phase}; sending heartbeats. Press Ctrl-C to stop.`);
          announced = true;
        },
        onError: (err, retryInMs) => ctx.status(`Heartbeat failed (${err.message}); retrying in ${(retryInMs / 1000).toFixed(1)} s`),
      });
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      await loop.stop();
    });
  },
});

export const agentService = command({
  name: "agent service",
  summary: "Keep this machine's agent running as a systemd user service (mi agent run, restarted if it stops)",
  description: [
    "Writes ~/.config/systemd/user/mi-agent-<name>.service, which runs mi agent run in --workspace, and",
    "enables and starts it with systemctl --user when there is a user session; otherwise it prints what to run.",
    "The engine's settings (AGENT_COMMAND, a provider key) go in the unit's environment: systemctl --user edit.",
  ].join("\n"),
  examples: ["mi agent service", "mi agent service --workspace ~/checkout"],
  args: {},
  flags: {
    workspace: flag.string({ summary: "Directory the agent works in (default: the current one)", value: "dir" }),
    identity: IDENTITY,
  },
  json: SERVICE_FIELDS,
  async run(ctx, { flags }): Promise<InstalledService> {
    const { identity, path: file } = await identityOf(ctx, flags.identity);
    return installService(ctx, identity, file, path.resolve(flags.workspace ?? process.cwd()));
  },
  render: (service) => ({ status: serviceStatus(service), data: `${service.path}\n` }),
});

export const cloneAgent = command({
  name: "agent clone",
  summary: "Clone this machine's agent into a hosted worker (named <name>-2, -3, ...)",
  description: "The clone runs inside Mitosis with this agent's role, skills and prompt; this agent stays connected.",
  examples: ["mi agent clone"],
  args: {},
  flags: { identity: IDENTITY },
  json: CLONE_FIELDS,
  async run(ctx, { flags }): Promise<CloneResult> {
    const { identity, sdk } = await identityOf(ctx, flags.identity);
    return sdk.agentClient(identity).clone.clone({ agentName: identity.agentName, officeId: identity.officeId });
  },
  render: (done) => ({
    status: `Cloned ${done.sourceAgentName} into hosted agent ${done.agent.name} (${done.agent.status.phase}): mi agents get ${done.officeId} ${done.agent.name}\n`,
    data: agentDetails(done.agent as Agent),
  }),
});
