import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createConnectRouter } from "@connectrpc/connect";
import { loadConfig, type Config } from "./config.js";
import { createLogger, type Logger } from "./log.js";
import { authInterceptor } from "./auth/interceptor.js";
import { ApiKeyResolver } from "./auth/api-key-resolver.js";
import { createBlobStore } from "./blob/index.js";
import { loadApiFiles, servicesOf } from "./rpc/api-files.js";
import { errorInterceptor } from "./rpc/errors.js";
import { systemClock, type Clock } from "./domain/clock.js";
import { requestLogInterceptor } from "./rpc/request-log.js";
import { HealthState, ServingStatus, registerHealth } from "./rpc/health.js";
import { inProcessCalls } from "./rpc/in-process.js";
import { registerReflection } from "./rpc/reflection.js";
import { createRestTranscoder } from "./rest/index.js";
import { createRegistry } from "@bufbuild/protobuf";
import { file_google_rpc_error_details } from "../gen/ts/google/rpc/error_details_pb.js";
import { validationInterceptor } from "./rpc/validation.js";
import { officeScopeInterceptor } from "./rpc/office-scope.js";
import { invitePage } from "./invites/share-page.js";
import { createRequestHandler, listenOnePort, type Fallback } from "./server.js";
import { AccountRepository } from "./accounts/store.js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./store/embedded-postgres.js";
import { Readiness } from "./lifecycle/readiness.js";
import { messageOf } from "./lifecycle/outage.js";
import { tuneGarbageCollection } from "./lifecycle/gc-tuning.js";
import { OfficeRepository } from "./offices/store.js";
import { initOrm } from "./store/orm.js";
import type { PostgreSqlConnection } from "@mikro-orm/postgresql";
import { OfficeAccess } from "./offices/access.js";
import { Accounts } from "./accounts/accounts.js";
import type { OfficeCounters } from "./offices/offices.js";
import { features, type FeatureContext, type InstalledFeature } from "./features/index.js";
import { agentSigners } from "./agents/signers.js";
import { loadSecretBox } from "./secrets/master-key.js";
import { PgAgentStore } from "./agents/store.js";

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  /** The first administrator's key when this start created it, otherwise undefined. */
  adminKey?: string;
  /** Graceful shutdown: drain requests (up to the configured shutdown timeout), close the database, stop embedded Postgres. */
  stop(): Promise<void>;
  /** For exit paths that cannot wait: asks embedded Postgres to stop, without waiting. */
  stopNow(): void;
}

/** What tests may replace in a server they start. */
export interface ServerOptions {
  /** The time the task queue reads; the system clock unless a test moves time itself. */
  clock?: Clock;
}

/** Composition root: wires config, storage, domain services and protocols, then listens. */
export async function startServer(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  options: ServerOptions = {},
): Promise<RunningServer> {
  const cleanups: (() => Promise<void>)[] = [];
  let embedded: EmbeddedPostgres | undefined;
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres(config.dataDir, log);
      cleanups.push(embedded.stop);
      databaseUrl = embedded.url;
    }
    const orm = await initOrm(databaseUrl, { entities: features.flatMap((f) => f.entities ?? []) });
    cleanups.push(() => orm.close());
    log.info({ database: config.databaseUrl ? "DATABASE_URL" : "embedded postgres" }, "database ready");

    const blobs = await createBlobStore({ dataDir: config.dataDir, minio: config.minio });
    cleanups.push(() => blobs.close());
    log.info(blobs.description);

    const pool = await (orm.em.getConnection() as PostgreSqlConnection).getNativeClient();
    const accountRepo = new AccountRepository(orm.em);
    const keys = new ApiKeyResolver(accountRepo);
    const accounts = new Accounts(accountRepo, (keyId) => keys.forget(keyId));
    const access = new OfficeAccess(new OfficeRepository(orm.em));
    const secrets = await loadSecretBox(config.secrets, config.dataDir, log);
    const draining = new AbortController();
    const installed: InstalledFeature[] = [];
    const context: FeatureContext = {
      config,
      log,
      orm,
      pool,
      databaseUrl,
      blobs,
      accounts,
      access,
      secrets,
      clock: options.clock ?? systemClock,
      draining: draining.signal,
      officeCounters: async (scope) => {
        const counters: OfficeCounters = { agentCount: 0, runningAgentCount: 0, openTaskCount: 0, creditBalance: 0n };
        const parts = await Promise.all(installed.map((f) => f.officeCounters?.(scope)));
        return Object.assign(counters, ...parts);
      },
    };
    for (const feature of features) {
      const parts = await feature.install(context);
      installed.push(parts);
      if (parts.stop) cleanups.push(parts.stop);
    }

    const built = new Set(features.flatMap((f) => f.services.map((s) => s.typeName)));
    const files = await loadApiFiles();
    // Every service of the API is some feature's: a service added to proto/ is built and listed
    // in src/features/index.ts before a server serves it.
    const featureless = servicesOf(files).filter((s) => !built.has(s.typeName));
    if (featureless.length > 0) {
      throw new Error(`no feature implements ${featureless.map((s) => s.typeName).join(", ")}; list it in src/features/index.ts`);
    }
    const interceptors = [
      requestLogInterceptor(log), // outermost: it logs the code the caller gets
      errorInterceptor(log),
      authInterceptor(keys, accountRepo, agentSigners(new PgAgentStore(pool))),
      validationInterceptor(),
      officeScopeInterceptor((principal, officeId) => access.resolve(principal, officeId)),
    ];
    // REST byte streams call the implementations in process, through the same interceptors.
    const { router, call } = inProcessCalls(
      createConnectRouter({ interceptors, jsonOptions: { ignoreUnknownFields: false }, readMaxBytes: config.maxRequestBytes }),
      interceptors,
    );
    for (const parts of installed) parts.register(router);
    const health = new HealthState();
    registerHealth(router, health);
    registerReflection(router, files);
    const healthNames = ["", ...servicesOf(files).map((s) => s.typeName)];
    for (const name of healthNames) health.setServing(name, ServingStatus.SERVING);
    // Ready only while Postgres and the blob store answer; grpc.health.v1 says the same.
    const readiness = new Readiness(
      [
        { name: "postgres", check: async () => void (await pool.query("select 1")) },
        { name: "blob store", check: () => blobs.ping() },
      ],
      {
        ...READINESS_TIMING,
        log,
        onChange: (ready) => {
          for (const name of healthNames) health.setServing(name, ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
        },
      },
    );
    await readiness.start();
    cleanups.push(() => readiness.stop());

    const rest = createRestTranscoder({
      handlers: router.handlers,
      call,
      maxBodyBytes: config.maxRequestBytes,
      registry: createRegistry(file_google_rpc_error_details),
      info: { title: "Mitosis API", version: "v1" },
      // REST is what people try with curl from the docs: it speaks their words (review, active).
      dialect: "docs",
      log,
    });
    for (const warning of rest.warnings) log.warn({ warning }, "REST binding skipped");
    const openapi = JSON.stringify(rest.openapi());
    const tls = config.tls && { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) };
    const fallback: Fallback = async (req, res) => {
      const path = (req.url ?? "").split("?", 1)[0];
      const reading = req.method === "GET" || req.method === "HEAD";
      const invite = reading
        ? invitePage(path ?? "", `${tls ? "https" : "http"}://${req.headers.host ?? req.headers[":authority"]}`)
        : undefined;
      const page =
        invite !== undefined ? () => [200, "text/plain; charset=utf-8", invite] as const : reading ? plainPages[path ?? ""] : undefined;
      if (!page) return rest.handle(req, res);
      const [status, type, body] = page();
      (res as import("node:http").ServerResponse).writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? "" : body);
      return true;
    };
    const plainPages: Record<string, () => [number, string, string]> = {
      // Liveness: the process is up and answering.
      "/healthz": () => [200, "text/plain", "ok\n"],
      // Readiness: send traffic here (Postgres and the blob store answer, not shutting down).
      "/readyz": () => {
        const report = readiness.report();
        const ready = report.ready && !draining.signal.aborted;
        const status = draining.signal.aborted ? "shutting down" : ready ? "ready" : "not ready";
        return [ready ? 200 : 503, "application/json", JSON.stringify({ status, checks: report.checks }) + "\n"];
      },
      "/openapi.json": () => [200, "application/json", openapi],
    };
    const server = await listenOnePort(createRequestHandler(router, fallback, log), { port: config.port, host: config.host, tls });
    const adminKey = await bootstrapAdmin(accounts, config, log);
    const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
    const url = `${tls ? "https" : "http"}://${host}:${server.port}`;
    for (const parts of installed) parts.serve?.(url);
    return {
      url,
      port: server.port,
      adminKey,
      async stop() {
        health.drain(); // load balancers see NOT_SERVING while open requests finish
        draining.abort(); // long-lived streams end now instead of holding the shutdown
        await server.close(config.shutdownTimeoutMs);
        for (const cleanup of cleanups.reverse()) await cleanup();
      },
      stopNow: () => embedded?.stopNow(),
    };
  } catch (err) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    throw err;
  }
}

/** Checked every 2 s while ready; while not, with backoff up to 5 s, so readiness returns within seconds of recovery. */
/** Signals this close to the first one are the same keypress delivered twice, not a second request. */
const SAME_SIGNAL_MS = 1_000;

const READINESS_TIMING = { intervalMs: 2_000, timeoutMs: 3_000, maxBackoffMs: 5_000 };

/** First start on an empty database: create the admin, save its key (0600) and print it once. */
async function bootstrapAdmin(accounts: Accounts, config: Config, log: Logger): Promise<string | undefined> {
  const key = await accounts.bootstrapAdmin();
  if (!key) return undefined;
  await mkdir(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, "admin.key");
  await writeFile(file, key + "\n", { mode: 0o600 });
  await chmod(file, 0o600);
  log.info({ file }, "created the first administrator; its API key is saved");
  if (config.printAdminKey) {
    process.stdout.write(
      `\nFirst administrator API key (shown once, also saved to ${file}):\n\n  ${key}\n\nLog in with: npx mi login --endpoint http://127.0.0.1:${config.port} --token ${key}\n\n`,
    );
  }
  return key;
}

async function main(): Promise<void> {
  tuneGarbageCollection();
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log);
  // However the process ends from here on, embedded Postgres is asked to stop.
  process.on("exit", () => server.stopNow());
  let stoppingSince: number | undefined;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      // Ctrl-C on `npm start` reaches us twice at once: from the terminal (the whole process
      // group gets it) and from npm, which passes signals on. Only a later one means "now".
      if (Date.now() - stoppingSince < SAME_SIGNAL_MS) return;
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stoppingSince = Date.now();
    log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, "shutting down");
    // The bound holds even when Postgres is gone or hung and a clean-up step never returns.
    setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, "shutdown did not finish in time; exiting anyway");
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    server.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  // Said only once signals are handled: whoever waits for this line may stop the server at once.
  log.info({ url: server.url, protocols: "grpc, grpc-web, connect, rest" }, "listening");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    // One line that says what to fix; the stack only when asked for (LOG_LEVEL=debug).
    const detail = process.env.LOG_LEVEL === "debug" && err instanceof Error ? err.stack : messageOf(err);
    process.stderr.write(`mitosis server failed to start: ${detail}\n`);
    process.exit(1);
  });
}
