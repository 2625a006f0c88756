import { fileURLToPath } from "node:url";
import { AgentService } from "../../gen/ts/mitosis/v1/agent_pb.js";
import { InviteService } from "../../gen/ts/mitosis/v1/invite_pb.js";
import { Agents } from "../agents/agents.js";
import { AgentLogWriter } from "../agents/log-writer.js";
import { agentHandlers } from "../agents/handlers.js";
import { Reconciler } from "../agents/reconciler.js";
import { KubernetesRuntime } from "../agents/runtime/kubernetes.js";
import { LocalProcessRuntime } from "../agents/runtime/local.js";
import type { AgentRuntime } from "../agents/runtime/port.js";
import { PgAgentStore } from "../agents/store.js";
import { Credits } from "../credits/credits.js";
import { Env } from "../env/env.js";
import { PgEnvStore } from "../env/store.js";
import { PgCreditStore } from "../credits/store.js";
import { inviteHandlers } from "../invites/handlers.js";
import { Invites } from "../invites/invites.js";
import { PgInviteStore } from "../invites/store.js";
import { OfficeRepository } from "../offices/store.js";
import { officeNotFound } from "../offices/model.js";
import type { Feature } from "./feature.js";
import { integrationEnv, providerIntegrations } from "./integrations.js";

/** The worker every local agent runs, started on this server's Node with tsx (the server runs from source). */
const WORKER = fileURLToPath(new URL("../../sdk/src/worker/main.ts", import.meta.url));

/** Lines of log kept per agent; older ones are pruned by the reconciler. */
const LOG_LINES_KEPT = 10_000;

/**
 * Agents, hosted and external: hire, inspect, promote and fire them (AgentService); invites that
 * admit agents running elsewhere, their heartbeats and their clones (InviteService); and the
 * reconciler that drives the runtime from the desired state in Postgres.
 */
export const agentsFeature: Feature = {
  name: "agents",
  services: [AgentService, InviteService],
  async install(ctx) {
    const { pool, orm, config, log, blobs, clock, access, draining, secrets } = ctx;
    const store = new PgAgentStore(pool);
    // The variables each worker starts with, its enabled integrations' credentials among them
    // (the env feature's domain, read-only here).
    const env = new Env(new PgEnvStore(pool), secrets, clock, integrationEnv(ctx));
    const credits = new Credits(new PgCreditStore(pool));
    const logs = new AgentLogWriter(store, log);
    const kube = config.agents.kubernetes;
    const runtime: AgentRuntime = kube
      ? new KubernetesRuntime({ ...kube, log })
      : new LocalProcessRuntime({
          dataDir: config.dataDir,
          worker: { command: process.execPath, args: ["--import", import.meta.resolve("tsx"), WORKER] },
          warmPool: config.agents.warmPool,
          heartbeatSeconds: config.agents.heartbeatSeconds,
          sink: (agent, line) => logs.write({ agentId: agent.agentId, ...line }),
          log,
        });
    let endpoint = config.agents.endpoint ?? "";
    let reconciler: Reconciler | undefined;
    const agents = new Agents(
      store,
      runtime,
      credits,
      blobs,
      logs,
      { ...config.agents, hireWindowMs: 10 * 60_000 },
      clock,
      providerIntegrations(ctx),
      () => reconciler?.wake(),
    );
    reconciler = new Reconciler(
      store,
      runtime,
      agents,
      credits,
      access,
      {
        intervalMs: config.agents.reconcileIntervalMs,
        ownershipMs: Math.max(15_000, config.agents.reconcileIntervalMs * 5),
        creditsPerMinute: config.agents.creditsPerMinute,
        endpoint: () => endpoint,
        logLinesKept: LOG_LINES_KEPT,
        environment: (officeId, agentId) => env.environmentOf(officeId, agentId),
      },
      clock,
      log,
    );
    // Share links point where agents reach this server, as the workers' endpoint does.
    const invites = new Invites(new PgInviteStore(pool), clock, () => endpoint);
    const offices = new OfficeRepository(orm.em); // read-only here: the office a joined agent is told about
    return {
      register(router) {
        router.service(AgentService, agentHandlers(agents, draining));
        router.service(
          InviteService,
          inviteHandlers({
            invites,
            agents,
            office: async (scope) => {
              const office = await offices.get(scope.principal.accountId, scope.officeId);
              if (!office) throw officeNotFound(scope.officeId);
              return office;
            },
            resolveScope: (principal, officeId) => access.resolve(principal, officeId),
            heartbeatSeconds: config.agents.heartbeatSeconds,
            now: () => clock.now(),
          }),
        );
      },
      officeCounters: async (scope) => {
        const counts = await agents.counts(scope);
        return { agentCount: counts.agents, runningAgentCount: counts.running };
      },
      serve(url) {
        endpoint ||= url;
        reconciler.start();
        if (kube) log.info({ runtime: "kubernetes", namespace: kube.namespace, image: kube.image }, "agent runtime: Kubernetes pods");
        else log.info({ runtime: "local", warmPool: config.agents.warmPool }, "agent runtime: local processes");
      },
      async stop() {
        await reconciler.stop();
        await logs.flush();
      },
    };
  },
};
