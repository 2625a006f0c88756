import { randomBytes, randomUUID } from "node:crypto";
import { CoreV1Api, KubeConfig, type V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_LABELS, type AgentRef, type AgentSpec, type RuntimeStatus, WORKER_ENV } from "../src/agents/runtime/port.js";
import { agentObjectNames, KubernetesRuntime, type KubernetesRuntimeOptions } from "../src/agents/runtime/kubernetes.js";
import { createLogger } from "../src/log.js";
import { captureLog } from "./support/log-capture.js";
import { startKube, type TestKube } from "./support/kube.js";

// The Kubernetes agent runtime against a real kube-apiserver, with kwok as the kubelet of one
// fake node: pod phases are real API-server state, though no container ever runs.
describe("KubernetesRuntime on a test cluster", () => {
  const namespace = "mi-agents-test";
  const resources = { cpu: "250m", memory: "256Mi", storage: "2Gi" };
  const log = captureLog();
  let kube: TestKube;
  let core: CoreV1Api;
  let runtime: KubernetesRuntime;

  const newRuntime = (opts: Partial<KubernetesRuntimeOptions> = {}) =>
    new KubernetesRuntime({
      kubeconfigPath: kube.kubeconfigPath,
      namespace,
      image: "ghcr.io/mitosis-oss/agent:test",
      resources,
      nodeName: kube.nodeName,
      imagePullPolicy: "IfNotPresent",
      log: createLogger("info", log.destination),
      ...opts,
    });
  const newAgent = (name: string, officeId: string = randomUUID()): AgentRef => ({ officeId, agentId: randomUUID(), name });
  const specFor = (agent: AgentRef, generation = 1): AgentSpec => ({
    ...agent,
    generation,
    modelTier: "standard",
    provider: "anthropic",
    role: "researcher",
    skills: ["search"],
    systemPrompt: "Be useful.",
    endpoint: "http://mitosis.example:8080",
    env: { EXTRA: "operator-value-1f2e", [WORKER_ENV.heartbeatSeconds]: "1" },
  });
  const identity = () => ({ privateKey: randomBytes(32).toString("hex"), publicKey: randomBytes(32).toString("hex") });

  const readPod = (agent: AgentRef) => core.readNamespacedPod({ name: agentObjectNames(agent.agentId).pod, namespace });
  const untilStatus = (agent: AgentRef, want: RuntimeStatus["state"], seen: RuntimeStatus[] = []) =>
    until(async () => {
      const status = await runtime.status(agent);
      seen.push(status);
      return status.state === want ? status : undefined;
    });

  beforeAll(async () => {
    kube = await startKube();
    const kc = new KubeConfig();
    kc.loadFromFile(kube.kubeconfigPath);
    core = kc.makeApiClient(CoreV1Api);
    runtime = newRuntime();
  });

  afterAll(async () => {
    await runtime?.close();
    await kube?.stop();
  });

  it("provision creates the namespace, the Secret and the PVC; start creates the pod; all labelled", async () => {
    const agent = newAgent("scout");
    const key = identity();
    const names = agentObjectNames(agent.agentId);
    await runtime.provision(agent, key);
    await runtime.start(specFor(agent));

    const labels = {
      [AGENT_LABELS.office]: agent.officeId,
      [AGENT_LABELS.agent]: "scout",
      [AGENT_LABELS.agentId]: agent.agentId,
      [AGENT_LABELS.managedBy]: "mitosis",
    };
    expect((await core.readNamespace({ name: namespace })).metadata?.labels?.[AGENT_LABELS.managedBy]).toBe("mitosis");
    const secret = await core.readNamespacedSecret({ name: names.secret, namespace });
    expect(secret.metadata?.labels).toEqual(labels);
    expect(Buffer.from(secret.data?.["private-key"] ?? "", "base64").toString()).toBe(key.privateKey);
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name: names.pvc, namespace });
    expect(pvc.metadata?.labels).toEqual(labels);
    expect(pvc.spec?.accessModes).toEqual(["ReadWriteOnce"]);
    expect(pvc.spec?.resources?.requests).toEqual({ storage: "2Gi" });

    const pod = await readPod(agent);
    expect(pod.metadata?.name).toBe(`mi-agent-${agent.agentId}`);
    expect(pod.metadata?.labels).toEqual(labels);
    expect(pod.metadata?.annotations?.["mitosis.dev/generation"]).toBe("1");
    expect(pod.spec?.nodeName).toBe(kube.nodeName);
    expect(pod.spec?.restartPolicy).toBe("Always");
    expect(pod.spec?.containers).toHaveLength(1);
    const [worker] = pod.spec?.containers ?? [];
    expect(worker?.name).toBe("worker");
    expect(worker?.image).toBe("ghcr.io/mitosis-oss/agent:test");
    expect(worker?.imagePullPolicy).toBe("IfNotPresent");
    const env = Object.fromEntries((worker?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toEqual({
      [WORKER_ENV.endpoint]: "http://mitosis.example:8080",
      [WORKER_ENV.officeId]: agent.officeId,
      [WORKER_ENV.agentName]: "scout",
      [WORKER_ENV.keyFile]: "/var/run/mitosis/identity/private-key",
      [WORKER_ENV.workspace]: "/workspace",
      [WORKER_ENV.generation]: "1",
      [WORKER_ENV.modelTier]: "standard",
      [WORKER_ENV.provider]: "anthropic",
      // The platform's own value; spec.env's (in the env Secret) loses to it.
      [WORKER_ENV.heartbeatSeconds]: "30",
      [WORKER_ENV.operatorEnv]: `EXTRA,${WORKER_ENV.heartbeatSeconds}`,
    });
    // The operator's variables reach the worker from a Secret, not from the pod spec.
    expect(worker?.envFrom).toEqual([{ secretRef: { name: `${agentObjectNames(agent.agentId).pod}-env` } }]);
    expect(JSON.stringify(pod)).not.toContain("operator-value-1f2e");
    const envSecret = await core.readNamespacedSecret({ name: `${agentObjectNames(agent.agentId).pod}-env`, namespace });
    expect(Buffer.from(envSecret.data!.EXTRA!, "base64").toString()).toBe("operator-value-1f2e");
    expect(JSON.stringify(pod)).not.toContain(key.privateKey);
    expect(worker?.resources).toEqual({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "250m", memory: "256Mi" } });
    expect(worker?.volumeMounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "identity", mountPath: "/var/run/mitosis/identity", readOnly: true }),
        expect.objectContaining({ name: "workspace", mountPath: "/workspace" }),
      ]),
    );
    const volumes = Object.fromEntries((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
    expect(volumes.identity?.secret).toMatchObject({ secretName: names.secret, defaultMode: 0o400 });
    expect(volumes.workspace?.persistentVolumeClaim).toMatchObject({ claimName: names.pvc });
    expect(pod.spec?.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
    expect(pod.spec?.automountServiceAccountToken).toBe(false);

    // Provision again (a retried hire) with another key: no error, and the new key is stored.
    const again = identity();
    await runtime.provision(agent, again);
    const updated = await core.readNamespacedSecret({ name: names.secret, namespace });
    expect(Buffer.from(updated.data?.["private-key"] ?? "", "base64").toString()).toBe(again.privateKey);
  });

  it("status follows the pod from pending to running and reports its generation", async () => {
    const agent = newAgent("runner");
    await runtime.provision(agent, identity());
    await runtime.start(specFor(agent, 4));
    const seen: RuntimeStatus[] = [];
    expect(await untilStatus(agent, "running", seen)).toEqual({ state: "running", generation: 4 });
    // Until then it was only ever pending (how many polls saw that depends on kwok's speed).
    expect(seen.slice(0, -1).every((s) => s.state === "pending" && s.generation === 4)).toBe(true);
  });

  it("a pod no kubelet takes up stays pending, and once deleted stays Terminating, which start waits for only so long", async () => {
    // Bound to a node that does not exist: no kubelet starts it, and none finishes its deletion.
    const stuck = newAgent("stuck");
    const nowhere = newRuntime({ nodeName: "mi-no-such-node", replaceTimeoutMs: 600 });
    await nowhere.provision(stuck, identity());
    await nowhere.start(specFor(stuck, 2));
    expect(await nowhere.status(stuck)).toEqual({ state: "pending", reason: "Pending", generation: 2 });

    await nowhere.stop(stuck);
    const terminating = {
      state: "pending",
      reason: "Terminating",
      message: `pod mi-agent-${stuck.agentId} is being deleted`,
      generation: 2,
    };
    expect(await nowhere.status(stuck)).toEqual(terminating);
    const started = Date.now();
    await expect(nowhere.start(specFor(stuck, 3))).rejects.toThrow(
      `replacing pod mi-agent-${stuck.agentId} in namespace ${namespace}: the old pod is still terminating after 0.6 s`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(await nowhere.status(stuck)).toEqual(terminating);
  });

  it("start leaves a pod of the same generation alone and replaces one of another", async () => {
    const agent = newAgent("promoted");
    await runtime.provision(agent, identity());
    await runtime.start(specFor(agent, 1));
    await untilStatus(agent, "running");
    const first = (await readPod(agent)).metadata?.uid;

    await runtime.start(specFor(agent, 1));
    expect((await readPod(agent)).metadata?.uid).toBe(first);

    await runtime.start(specFor(agent, 2));
    const second = await readPod(agent);
    expect(second.metadata?.uid).not.toBe(first);
    expect(second.metadata?.annotations?.["mitosis.dev/generation"]).toBe("2");
    expect(envOf(second)[WORKER_ENV.generation]).toBe("2");
    expect(await untilStatus(agent, "running")).toEqual({ state: "running", generation: 2 });
  });

  it("stop deletes the pod and keeps the Secret and PVC; start again brings it back", async () => {
    const agent = newAgent("sleeper");
    const names = agentObjectNames(agent.agentId);
    await runtime.provision(agent, identity());
    await runtime.start(specFor(agent));
    await untilStatus(agent, "running");

    await runtime.stop(agent);
    expect(await untilStatus(agent, "absent")).toEqual({ state: "absent" });
    await expect(readPod(agent)).rejects.toMatchObject({ code: 404 });
    expect((await core.readNamespacedSecret({ name: names.secret, namespace })).metadata?.name).toBe(names.secret);
    expect((await core.readNamespacedPersistentVolumeClaim({ name: names.pvc, namespace })).metadata?.deletionTimestamp).toBeUndefined();
    await runtime.stop(agent); // nothing to stop: no error

    await runtime.start(specFor(agent));
    expect(await untilStatus(agent, "running")).toEqual({ state: "running", generation: 1 });
  });

  it("remove deletes the pod and the Secret, and deletes the PVC as far as this cluster can", async () => {
    const agent = newAgent("leaver");
    const names = agentObjectNames(agent.agentId);
    await runtime.provision(agent, identity());
    await runtime.start(specFor(agent));
    await untilStatus(agent, "running");

    await runtime.remove(agent);
    expect(await untilStatus(agent, "absent")).toEqual({ state: "absent" });
    await expect(core.readNamespacedSecret({ name: names.secret, namespace })).rejects.toMatchObject({ code: 404 });
    // With no controller manager here, nothing removes the claim's kubernetes.io/pvc-protection
    // finalizer, so the PVC stays, marked for deletion (on a real cluster it then goes).
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name: names.pvc, namespace });
    expect(pvc.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    expect(pvc.metadata?.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    // Removing again is fine (a retried fire).
    await runtime.remove(agent);
  });

  it("readLogs answers [] for a kwok pod (its fake kubelet serves no logs) and for no pod", async () => {
    const agent = newAgent("quiet");
    await runtime.provision(agent, identity());
    await runtime.start(specFor(agent));
    await untilStatus(agent, "running");
    expect(await runtime.readLogs(agent, { limit: 100 })).toEqual([]);
    expect(await runtime.readLogs(agent, { since: new Date(Date.now() - 60_000), limit: 100 })).toEqual([]);
    expect(log.lines().some((l) => l.msg.includes("log unavailable") && l.agentId === agent.agentId)).toBe(true);
    expect(await runtime.readLogs(newAgent("never-started"), { limit: 100 })).toEqual([]);
  });

  it("backup takes none and says so in the log", async () => {
    const agent = newAgent("archivist");
    expect(await runtime.backup(agent)).toBeUndefined();
    expect(log.lines().find((l) => l.agentId === agent.agentId && l.msg.startsWith("no workspace backup taken"))?.level).toBe("info");
  });

  it("agents of the same name in two offices get their own objects, and label selectors tell them apart", async () => {
    const a = newAgent("twin");
    const b = newAgent("twin");
    for (const agent of [a, b]) {
      await runtime.provision(agent, identity());
      await runtime.start(specFor(agent));
    }
    const selector = (agent: AgentRef) => `${AGENT_LABELS.office}=${agent.officeId},${AGENT_LABELS.agent}=twin`;
    for (const agent of [a, b]) {
      const names = agentObjectNames(agent.agentId);
      const pods = await core.listNamespacedPod({ namespace, labelSelector: selector(agent) });
      expect(pods.items.map((p) => p.metadata?.name)).toEqual([names.pod]);
      const secrets = await core.listNamespacedSecret({ namespace, labelSelector: selector(agent) });
      expect(secrets.items.map((s) => s.metadata?.name).sort()).toEqual([names.env, names.secret]);
      const pvcs = await core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector: selector(agent) });
      expect(pvcs.items.map((p) => p.metadata?.name)).toEqual([names.pvc]);
    }
    expect(agentObjectNames(a.agentId).pod).not.toBe(agentObjectNames(b.agentId).pod);
    const both = await core.listNamespacedPod({ namespace, labelSelector: `${AGENT_LABELS.agent}=twin` });
    expect(both.items).toHaveLength(2);

    // Removing one leaves the other running.
    await runtime.remove(a);
    await untilStatus(a, "absent");
    expect(await untilStatus(b, "running")).toEqual({ state: "running", generation: 1 });
  });

  it("a failed API call says what failed, in which namespace, with the API server's reason", async () => {
    const agent = newAgent("lost");
    const elsewhere = newRuntime({ namespace: "mi-no-such-namespace" });
    const err = await elsewhere.start(specFor(agent)).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: "KubernetesApiError",
      status: 404,
      message: `creating secret mi-agent-${agent.agentId}-env in namespace mi-no-such-namespace: namespaces "mi-no-such-namespace" not found`,
    });
    expect((err as Error).message).not.toContain(kube.token);
  });
});

function envOf(pod: V1Pod): Record<string, string | undefined> {
  return Object.fromEntries((pod.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
}

/** Polls until `check` returns a value, or fails after the deadline. */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
