import type { Readable } from "node:stream";
import {
  ApiException,
  type ConfigurationOptions,
  CoreV1Api,
  KubeConfig,
  Observable,
  type ObservableMiddleware,
  type V1ContainerStatus,
  type V1EnvVar,
  type V1Pod,
  type V1Secret,
} from "@kubernetes/client-node";
import type { KubernetesConfig } from "../../kubernetes-config.js";
import type { Logger } from "../../log.js";
import {
  AGENT_LABELS,
  type AgentIdentity,
  type AgentRef,
  type AgentRuntime,
  type AgentSpec,
  type RuntimeLogLine,
  type RuntimeStatus,
  WORKER_ENV,
} from "./port.js";

/** The pod annotation holding the generation it runs (AgentSpec.generation). */
export const GENERATION_ANNOTATION = "mitosis.dev/generation";
/** Where the identity Secret is mounted, and the file the worker reads its key from. */
export const IDENTITY_DIR = "/var/run/mitosis/identity";
export const SECRET_KEY = "private-key";
export const KEY_FILE = `${IDENTITY_DIR}/${SECRET_KEY}`;
/** Where the workspace PVC is mounted (the worker's working directory in Dockerfile.agent). */
export const WORKSPACE_DIR = "/workspace";
/** The pod's only container. */
export const WORKER_CONTAINER = "worker";
/** The `node` user of the node:24 images Dockerfile.agent builds on. */
const WORKER_UID = 1000;
const HEARTBEAT_SECONDS = 30;
const MANAGED_BY = "mitosis";
/**
 * How long `start` waits for a replaced pod to finish terminating before it can create the new
 * one under the same name: the default 30 s grace period plus slack.
 */
const DEFAULT_REPLACE_TIMEOUT_MS = 40_000;
const POLL_MS = 200;

/** The server's Kubernetes settings (kubernetes-config.ts), plus what only tests and the server wiring give. */
export interface KubernetesRuntimeOptions extends KubernetesConfig {
  /** The container's imagePullPolicy (Kubernetes' default when unset). */
  imagePullPolicy?: string;
  /** Upper bound of `start`'s wait for a replaced pod to go (default 40 s). */
  replaceTimeoutMs?: number;
  log: Logger;
}

/** A failed Kubernetes API call: what was being done, and the API server's own message. */
export class KubernetesApiError extends Error {
  constructor(
    message: string,
    /** The HTTP status the API server answered with; undefined when it was not reached. */
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "KubernetesApiError";
  }
}

/** The names of an agent's objects. They derive from its row id, so a re-hired name never meets an old workspace. */
export function agentObjectNames(agentId: string): { pod: string; secret: string; env: string; pvc: string } {
  // Row ids are UUIDs; anything else could not name a Kubernetes object (a DNS subdomain).
  if (!/^[0-9a-z]([-0-9a-z]{0,61}[0-9a-z])?$/.test(agentId)) {
    throw new Error(`agent id "${agentId}" cannot name Kubernetes objects: expected a lowercase UUID`);
  }
  const pod = `mi-agent-${agentId}`;
  return { pod, secret: `${pod}-identity`, env: `${pod}-env`, pvc: `${pod}-workspace` };
}

/** The labels every object of the agent carries. */
export function agentLabels(agent: AgentRef): Record<string, string> {
  return {
    [AGENT_LABELS.office]: agent.officeId,
    [AGENT_LABELS.agent]: agent.name,
    [AGENT_LABELS.agentId]: agent.agentId,
    [AGENT_LABELS.managedBy]: MANAGED_BY,
  };
}

/**
 * Hosted agents as pods: per agent one pod (the worker), one Secret (its private key, mounted
 * as a file) and one PVC (its workspace), all in one namespace and named after the agent's id.
 * Stateless: every call reads the API server, so any replica may make any call.
 */
export class KubernetesRuntime implements AgentRuntime {
  readonly kind = "kubernetes" as const;
  readonly readyWhen = "runtime" as const;
  private readonly kc: KubeConfig;
  private readonly core: CoreV1Api;
  private readonly namespace: string;
  private readonly log: Logger;

  constructor(private readonly opts: KubernetesRuntimeOptions) {
    this.kc = new KubeConfig();
    if (opts.kubeconfigPath) this.kc.loadFromFile(opts.kubeconfigPath);
    else this.kc.loadFromDefault();
    this.core = this.kc.makeApiClient(CoreV1Api);
    this.namespace = opts.namespace;
    this.log = opts.log;
  }

  async provision(agent: AgentRef, identity: AgentIdentity): Promise<void> {
    const names = agentObjectNames(agent.agentId);
    // Checked on every hire (rare), not once per process: an operator may delete the namespace.
    if ((await ensureNamespace(this.kc, this.namespace)) === "created") {
      this.log.info({ namespace: this.namespace }, "agent namespace created");
    }
    const labels = agentLabels(agent);
    const secret: V1Secret = {
      metadata: { name: names.secret, labels },
      type: "Opaque",
      stringData: { [SECRET_KEY]: identity.privateKey },
    };
    try {
      await this.core.createNamespacedSecret({ namespace: this.namespace, body: secret });
    } catch (err) {
      if (statusOf(err) !== 409) throw wrap(err, `creating secret ${names.secret} in namespace ${this.namespace}`);
      // A repeated provision (after a crash, or on another replica): the key given now wins.
      // Secrets allow an update without a resourceVersion, so no read is needed first.
      try {
        await this.core.replaceNamespacedSecret({ name: names.secret, namespace: this.namespace, body: secret });
      } catch (e) {
        throw wrap(e, `updating secret ${names.secret} in namespace ${this.namespace}`);
      }
    }
    try {
      await this.core.createNamespacedPersistentVolumeClaim({
        namespace: this.namespace,
        body: {
          metadata: { name: names.pvc, labels },
          spec: {
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: this.opts.resources.storage } },
            storageClassName: this.opts.storageClassName,
          },
        },
      });
    } catch (err) {
      // An existing claim is this agent's (the name holds its id); its size is not changed here.
      if (statusOf(err) !== 409) throw wrap(err, `creating persistent volume claim ${names.pvc} in namespace ${this.namespace}`);
    }
    this.log.info(
      { agentId: agent.agentId, office: agent.officeId, namespace: this.namespace },
      "agent identity and workspace provisioned",
    );
  }

  async start(spec: AgentSpec): Promise<void> {
    const { pod: name } = agentObjectNames(spec.agentId);
    const fields = { agentId: spec.agentId, office: spec.officeId, pod: name, generation: spec.generation };
    const current = await this.readPod(name);
    if (current && runsGeneration(current, spec.generation)) {
      this.log.debug(fields, "agent pod already runs this generation");
      return;
    }
    if (current) {
      // One fixed pod name per agent (not one per generation): two replicas starting the same
      // agent then race for one name and at most one pod runs. The cost is that the new pod can
      // only be created once the old one is gone, so wait for that, bounded; past the bound the
      // start fails and the reconciler calls it again later.
      const uid = current.metadata?.uid;
      if (!current.metadata?.deletionTimestamp) await this.deletePod(name, uid);
      await this.waitUntilGone(name, uid);
    }
    await this.writeEnvSecret(spec);
    try {
      await this.core.createNamespacedPod({ namespace: this.namespace, body: this.podFor(spec, name) });
    } catch (err) {
      if (statusOf(err) !== 409) throw wrap(err, `creating pod ${name} in namespace ${this.namespace}`);
      // Someone else (another replica) created it meanwhile: fine if it runs what we wanted.
      const winner = await this.readPod(name);
      if (winner && runsGeneration(winner, spec.generation)) return;
      throw wrap(err, `creating pod ${name} in namespace ${this.namespace}`);
    }
    this.log.info({ ...fields, replaced: current !== undefined }, "agent pod created");
  }

  /**
   * The operator's variables for the worker (some secret) go into a Secret the pod reads with
   * envFrom, never into the pod spec, which anyone who may read pods can see.
   */
  private async writeEnvSecret(spec: AgentSpec): Promise<void> {
    const { env: name } = agentObjectNames(spec.agentId);
    const body: V1Secret = { metadata: { name, labels: agentLabels(spec) }, type: "Opaque", stringData: spec.env };
    try {
      await this.core.createNamespacedSecret({ namespace: this.namespace, body });
    } catch (err) {
      if (statusOf(err) !== 409) throw wrap(err, `creating secret ${name} in namespace ${this.namespace}`);
      try {
        await this.core.replaceNamespacedSecret({ name, namespace: this.namespace, body });
      } catch (e) {
        throw wrap(e, `updating secret ${name} in namespace ${this.namespace}`);
      }
    }
  }

  async stop(agent: AgentRef): Promise<void> {
    const { pod } = agentObjectNames(agent.agentId);
    if (await this.deletePod(pod)) this.log.info({ agentId: agent.agentId, office: agent.officeId, pod }, "agent pod deleted");
  }

  /**
   * The pod's phase in the port's words. A pod being deleted (deletionTimestamp set) is
   * reported as pending with reason Terminating, not absent: its worker may still be shutting
   * down and holding the workspace volume, and `start` would wait for it anyway.
   */
  async status(agent: AgentRef): Promise<RuntimeStatus> {
    const pod = await this.readPod(agentObjectNames(agent.agentId).pod);
    return pod ? podStatus(pod) : { state: "absent" };
  }

  /**
   * Always undefined for now: the workspace is a volume mounted in the pod, which the API server
   * cannot read without exec into the container (and a stopped agent has no container at all).
   * The worker will upload its workspace itself before a fire (a later issue); until then a
   * fire keeps no backup of a Kubernetes agent's workspace, and this says so in the log.
   */
  async backup(agent: AgentRef): Promise<Readable | undefined> {
    this.log.info(
      { agentId: agent.agentId, office: agent.officeId, pvc: agentObjectNames(agent.agentId).pvc },
      "no workspace backup taken: on Kubernetes the worker must upload its workspace itself, which it does not do yet",
    );
    return undefined;
  }

  async remove(agent: AgentRef): Promise<void> {
    const names = agentObjectNames(agent.agentId);
    // The pod first: it mounts the other two.
    await this.deletePod(names.pod);
    for (const secret of [names.secret, names.env]) {
      await this.deleteIgnoringAbsent(`deleting secret ${secret} in namespace ${this.namespace}`, () =>
        this.core.deleteNamespacedSecret({ name: secret, namespace: this.namespace }),
      );
    }
    // The claim is gone once no pod uses it: until then its pvc-protection finalizer keeps it,
    // with a deletionTimestamp (a controller manager removes the finalizer).
    await this.deleteIgnoringAbsent(`deleting persistent volume claim ${names.pvc} in namespace ${this.namespace}`, () =>
      this.core.deleteNamespacedPersistentVolumeClaim({ name: names.pvc, namespace: this.namespace }),
    );
    this.log.info(
      { agentId: agent.agentId, office: agent.officeId, namespace: this.namespace },
      "agent pod, identity and workspace deleted",
    );
  }

  /**
   * The pod's log, oldest first, through the API server (which asks the node's kubelet). The
   * kubelet merges stdout and stderr into one log, so every line is reported as stdout. A line
   * is returned when its time is at or after `since` (the kubelet's rule), so a caller paging
   * with the last time it saw gets that line again. No pod, or a container with no log yet (not
   * started, or a node whose kubelet serves no logs, such as kwok's fake nodes) reads as [].
   */
  async readLogs(agent: AgentRef, opts: { since?: Date; limit: number }): Promise<RuntimeLogLine[]> {
    const { pod } = agentObjectNames(agent.agentId);
    if (opts.limit <= 0) return [];
    let text: string;
    try {
      text = await this.core.readNamespacedPodLog(
        { name: pod, namespace: this.namespace, container: WORKER_CONTAINER, timestamps: true, tailLines: opts.limit },
        // client-node 2.0.1's readNamespacedPodLog has no sinceTime parameter; the API has it.
        opts.since ? queryOption("sinceTime", opts.since.toISOString()) : undefined,
      );
    } catch (err) {
      const status = statusOf(err);
      // 404: no pod. 400: the container is waiting to start, so it has no log yet.
      if (status === 404 || status === 400) return [];
      // 500 naming the kubelet's log endpoint: the API server could not reach the node's kubelet.
      if (status === 500 && /containerLogs/.test(apiMessage(err) ?? "")) {
        this.log.warn(
          { agentId: agent.agentId, pod, detail: apiMessage(err) },
          "agent pod log unavailable: the node's kubelet did not answer",
        );
        return [];
      }
      throw wrap(err, `reading the log of pod ${pod} in namespace ${this.namespace}`);
    }
    return parseLogLines(text);
  }

  /** Nothing to stop: the runtime keeps no watches or connections of its own. */
  async close(): Promise<void> {}

  private podFor(spec: AgentSpec, name: string): V1Pod {
    const names = agentObjectNames(spec.agentId);
    // The platform's variables are the pod's own env, which Kubernetes lets win over the
    // operator's (envFrom the env Secret): the key path and generation must be the real ones.
    const env: Record<string, string> = {
      [WORKER_ENV.endpoint]: spec.endpoint,
      [WORKER_ENV.officeId]: spec.officeId,
      [WORKER_ENV.agentName]: spec.name,
      [WORKER_ENV.keyFile]: KEY_FILE,
      [WORKER_ENV.workspace]: WORKSPACE_DIR,
      [WORKER_ENV.generation]: String(spec.generation),
      [WORKER_ENV.modelTier]: spec.modelTier,
      [WORKER_ENV.provider]: spec.provider,
      [WORKER_ENV.heartbeatSeconds]: String(HEARTBEAT_SECONDS),
      [WORKER_ENV.operatorEnv]: Object.keys(spec.env).sort().join(","),
    };
    const { cpu, memory } = this.opts.resources;
    return {
      metadata: { name, labels: agentLabels(spec), annotations: { [GENERATION_ANNOTATION]: String(spec.generation) } },
      spec: {
        nodeName: this.opts.nodeName,
        restartPolicy: "Always",
        // The worker talks to the Mitosis API only, never to Kubernetes.
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        // Non-root, and what the "restricted" Pod Security Standard asks. fsGroup makes the
        // workspace writable and the key readable by the worker (the Secret's files get its group).
        securityContext: {
          runAsNonRoot: true,
          runAsUser: WORKER_UID,
          runAsGroup: WORKER_UID,
          fsGroup: WORKER_UID,
          seccompProfile: { type: "RuntimeDefault" },
        },
        containers: [
          {
            name: WORKER_CONTAINER,
            image: this.opts.image,
            imagePullPolicy: this.opts.imagePullPolicy,
            env: Object.entries(env).map(([n, value]): V1EnvVar => ({ name: n, value })),
            envFrom: [{ secretRef: { name: names.env } }],
            resources: { requests: { cpu, memory }, limits: { cpu, memory } },
            volumeMounts: [
              { name: "identity", mountPath: IDENTITY_DIR, readOnly: true },
              { name: "workspace", mountPath: WORKSPACE_DIR },
            ],
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
          },
        ],
        volumes: [
          { name: "identity", secret: { secretName: names.secret, defaultMode: 0o400 } },
          { name: "workspace", persistentVolumeClaim: { claimName: names.pvc } },
        ],
      },
    };
  }

  private async readPod(name: string): Promise<V1Pod | undefined> {
    try {
      return await this.core.readNamespacedPod({ name, namespace: this.namespace });
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw wrap(err, `reading pod ${name} in namespace ${this.namespace}`);
    }
  }

  /**
   * Deletes the pod; with `uid`, only that pod (a precondition), so a replica never deletes the
   * pod another one has just created. True when a pod was deleted.
   */
  private async deletePod(name: string, uid?: string): Promise<boolean> {
    try {
      await this.core.deleteNamespacedPod({ name, namespace: this.namespace, body: uid ? { preconditions: { uid } } : undefined });
      return true;
    } catch (err) {
      // 404: already gone. 409: the uid precondition failed, so that pod is gone already.
      if (statusOf(err) === 404 || (uid && statusOf(err) === 409)) return false;
      throw wrap(err, `deleting pod ${name} in namespace ${this.namespace}`);
    }
  }

  private async deleteIgnoringAbsent(doing: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      if (statusOf(err) !== 404) throw wrap(err, doing);
    }
  }

  /** Polls until the pod with `uid` no longer exists (another pod under the name may). */
  private async waitUntilGone(name: string, uid: string | undefined): Promise<void> {
    const timeoutMs = this.opts.replaceTimeoutMs ?? DEFAULT_REPLACE_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pod = await this.readPod(name);
      if (!pod || pod.metadata?.uid !== uid) return;
      if (Date.now() >= deadline) {
        throw new Error(
          `replacing pod ${name} in namespace ${this.namespace}: the old pod is still terminating after ${timeoutMs / 1000} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

/**
 * Creates the namespace unless it exists. "assumed" when the credentials may not create
 * namespaces (403; least privilege is a Role inside a namespace an operator made): if it is
 * missing after all, the first object created in it fails with the API server's "not found".
 */
export async function ensureNamespace(kc: KubeConfig, namespace: string): Promise<"created" | "exists" | "assumed"> {
  try {
    await kc.makeApiClient(CoreV1Api).createNamespace({
      body: { metadata: { name: namespace, labels: { [AGENT_LABELS.managedBy]: MANAGED_BY } } },
    });
    return "created";
  } catch (err) {
    if (statusOf(err) === 409) return "exists";
    if (statusOf(err) === 403) return "assumed";
    throw wrap(err, `creating namespace ${namespace}`);
  }
}

/** The port's view of a pod (see KubernetesRuntime.status). */
export function podStatus(pod: V1Pod): RuntimeStatus {
  const generation = generationOf(pod);
  const withGeneration = (s: RuntimeStatus): RuntimeStatus => (generation === undefined ? s : { ...s, generation });
  const container = pod.status?.containerStatuses?.find((c) => c.name === WORKER_CONTAINER);
  if (pod.metadata?.deletionTimestamp) {
    return withGeneration({ state: "pending", reason: "Terminating", message: `pod ${pod.metadata.name} is being deleted` });
  }
  switch (pod.status?.phase) {
    case "Running": {
      if (pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True")) return withGeneration({ state: "running" });
      // Up but not Ready: restarting (CrashLoopBackOff) or not yet passing its probe.
      return withGeneration({ state: "pending", ...(waitingCause(container) ?? { reason: "NotReady" }) });
    }
    case "Succeeded":
      return withGeneration({ state: "succeeded", ...terminatedCause(pod, container) });
    case "Failed":
      return withGeneration({ state: "failed", ...terminatedCause(pod, container) });
    case "Pending": {
      const unscheduled = pod.status.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
      const cause =
        waitingCause(container) ?? (unscheduled?.reason ? { reason: unscheduled.reason, message: unscheduled.message } : undefined);
      return withGeneration({ state: "pending", ...(cause ?? { reason: "Pending" }) });
    }
    default:
      // "Unknown" (the node stopped reporting), or no status yet.
      return withGeneration({ state: "pending", reason: pod.status?.phase ?? "Pending", message: pod.status?.message });
  }
}

function waitingCause(container: V1ContainerStatus | undefined): { reason: string; message?: string } | undefined {
  const waiting = container?.state?.waiting;
  return waiting?.reason ? { reason: waiting.reason, message: waiting.message } : undefined;
}

function terminatedCause(pod: V1Pod, container: V1ContainerStatus | undefined): { reason?: string; message?: string } {
  const terminated = container?.state?.terminated ?? container?.lastState?.terminated;
  // The pod's own reason (Evicted, DeadlineExceeded) explains more than its container's.
  const reason = pod.status?.reason ?? (terminated && terminated.exitCode !== 0 ? `ExitCode${terminated.exitCode}` : terminated?.reason);
  const message = pod.status?.message ?? terminated?.message;
  return { ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

function generationOf(pod: V1Pod): number | undefined {
  const raw = pod.metadata?.annotations?.[GENERATION_ANNOTATION];
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** True when the pod is up or coming up at `generation` (not finished, not being deleted). */
function runsGeneration(pod: V1Pod, generation: number): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata?.deletionTimestamp && phase !== "Failed" && phase !== "Succeeded" && generationOf(pod) === generation;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) ?/;

/** Parses a pod log read with timestamps=true: each line starts with an RFC 3339 time and a space. */
export function parseLogLines(text: string): RuntimeLogLine[] {
  const lines: RuntimeLogLine[] = [];
  let last: Date | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const match = TIMESTAMP.exec(line);
    if (!match && line === "") continue; // the newline ending the text
    const time = match ? new Date(match[1]!) : undefined;
    // A line without a time (not expected with timestamps=true) gets its predecessor's.
    if (time && !Number.isNaN(time.getTime())) last = time;
    lines.push({ time: last ?? new Date(0), stream: "stdout", text: match ? line.slice(match[0].length) : line });
  }
  return lines;
}

/** Per-call options adding a query parameter the generated method does not take (client-node's own setHeaderOptions, for a query). */
function queryOption(name: string, value: string): ConfigurationOptions<ObservableMiddleware> {
  return {
    middleware: [
      {
        pre: (request) => {
          request.setQueryParam(name, value);
          return new Observable(Promise.resolve(request));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    // Keep the client's own middleware (its User-Agent header).
    middlewareMergeStrategy: "append",
  };
}

function statusOf(err: unknown): number | undefined {
  return err instanceof ApiException ? err.code : undefined;
}

/** The message of the API server's Status answer, when there is one. */
function apiMessage(err: unknown): string | undefined {
  if (!(err instanceof ApiException)) return undefined;
  let body: unknown = err.body;
  if (typeof body === "string") {
    const text = body;
    try {
      body = JSON.parse(text);
    } catch {
      // Not a Status object (a proxy in front of the API server, say): its text, shortened.
      return text.trim().slice(0, 500) || undefined;
    }
  }
  if (body && typeof body === "object" && "message" in body && typeof body.message === "string") return body.message;
  return undefined;
}

/**
 * "<what was being done>: <the API server's message>". Never ApiException's own message: it
 * dumps the response headers and body, and reads badly.
 */
function wrap(err: unknown, doing: string): KubernetesApiError {
  const status = statusOf(err);
  const detail =
    status === undefined
      ? networkMessage(err)
      : (apiMessage(err) ?? (status === 401 ? "HTTP 401 Unauthorized: the kubeconfig's credentials were refused" : `HTTP ${status}`));
  return new KubernetesApiError(`${doing}: ${detail}`, status, { cause: err });
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a TLS error) is its cause's message. */
function networkMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  return cause && cause !== err.message ? `${err.message} (${cause})` : err.message;
}
