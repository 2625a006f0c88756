import { ApiException, CoreV1Api, KubeConfig, type V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKube, type TestKube } from "./support/kube.js";

// The ground the Kubernetes runtime adapter (issue 14) stands on: only the calls it will make
// through @kubernetes/client-node, against a real kube-apiserver, with kwok acting as kubelet.
describe("Kubernetes test cluster", () => {
  let kube: TestKube;
  let core: CoreV1Api;

  beforeAll(async () => {
    kube = await startKube();
    const kc = new KubeConfig();
    kc.loadFromFile(kube.kubeconfigPath);
    core = kc.makeApiClient(CoreV1Api);
  });

  afterAll(async () => {
    await kube?.stop();
  });

  it("a pod on the test cluster reaches Running and is deleted by label", async () => {
    const namespace = "mi-office-1";
    const labels = { "mitosis.dev/office": "office-1", "mitosis.dev/agent": "agent-1" };
    const selector = "mitosis.dev/office=office-1,mitosis.dev/agent=agent-1";

    await core.createNamespace({ body: { metadata: { name: namespace, labels: { "mitosis.dev/office": "office-1" } } } });
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: "agent-1-key", labels }, stringData: { MI_AGENT_KEY: "secret" } },
    });
    await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: {
        metadata: { name: "agent-1-workspace", labels },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      },
    });
    const pod: V1Pod = {
      metadata: { name: "agent-1", labels },
      spec: {
        // No scheduler runs here: the pod names the fake node kwok manages.
        nodeName: kube.nodeName,
        containers: [
          {
            name: "agent",
            image: "ghcr.io/mitosis/agent:test",
            envFrom: [{ secretRef: { name: "agent-1-key" } }],
            volumeMounts: [{ name: "workspace", mountPath: "/workspace" }],
          },
        ],
        volumes: [{ name: "workspace", persistentVolumeClaim: { claimName: "agent-1-workspace" } }],
      },
    };
    await core.createNamespacedPod({ namespace, body: pod });

    const listed = await core.listNamespacedPod({ namespace, labelSelector: selector });
    expect(listed.items.map((p) => p.metadata?.name)).toEqual(["agent-1"]);
    const other = await core.listNamespacedPod({ namespace, labelSelector: "mitosis.dev/agent=agent-2" });
    expect(other.items).toEqual([]);

    await until(async () => (await core.readNamespacedPod({ name: "agent-1", namespace })).status?.phase === "Running");

    await core.deleteCollectionNamespacedPod({ namespace, labelSelector: selector });
    // kwok's pod-delete stage plays the kubelet's part in finishing the graceful deletion.
    await until(async () => {
      try {
        await core.readNamespacedPod({ name: "agent-1", namespace });
        return false;
      } catch (err) {
        if (err instanceof ApiException && err.code === 404) return true;
        throw err;
      }
    });
    expect((await core.listNamespacedPod({ namespace, labelSelector: selector })).items).toEqual([]);
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
