/**
 * The server with its agents on Kubernetes: a real kube-apiserver and etcd, kwok as the kubelet
 * of one fake node. A hire creates the agent's pod, Secret and PVC with the office and agent
 * labels; the agent's phase follows the pod's; a promote replaces the pod; a server restart
 * adopts the running pod instead of restarting it; a fire deletes what the hire created.
 */
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AgentPhase, AgentService, EmployeeType } from "../gen/ts/mitosis/v1/agent_pb.js";
import { CreditService } from "../gen/ts/mitosis/v1/credit_pb.js";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { until } from "./support/agents.js";
import { clientFor } from "./support/clients.js";
import { startKube, type TestKube } from "./support/kube.js";
import { startTestServer, type TestServer } from "./support/server.js";

const namespace = "mi-server-agents";
let kube: TestKube;
let core: CoreV1Api;
let server: TestServer;
let key: string;

beforeAll(async () => {
  kube = await startKube();
  const kc = new KubeConfig();
  kc.loadFromFile(kube.kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
  server = await startTestServer({
    MI_AGENT_RUNTIME: "kubernetes",
    MI_KUBECONFIG: kube.kubeconfigPath,
    MI_KUBE_NAMESPACE: namespace,
    MI_KUBE_NODE_NAME: kube.nodeName,
    MI_AGENT_RECONCILE_MS: "200",
  });
  ({ apiKey: key } = await server.newAccount("kube"));
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await kube?.stop();
});

const agents = () => clientFor(AgentService, server.url, key);
const podsOf = async (officeId: string, name: string) =>
  (await core.listNamespacedPod({ namespace, labelSelector: `mitosis.dev/office=${officeId},mitosis.dev/agent=${name}` })).items;

it("runs a hired agent as a labelled pod with its Secret and PVC, follows its phase, and removes them on fire", async () => {
  const officeId = (await clientFor(OfficeService, server.url, key).createOffice({ name: "kube" })).office!.id;
  await clientFor(CreditService, server.url, key).addCredits({ officeId, amount: 100n });
  const { agent } = await agents().hireAgent({ officeId, name: "podder", modelTier: "haiku" });
  expect(agent!.employeeType).toBe(EmployeeType.KUBERNETES);
  const selector = `mitosis.dev/office=${officeId},mitosis.dev/agent=podder`;
  // The identity Secret and the workspace claim exist once the hire answers (the env Secret comes with the pod).
  const secrets = (await core.listNamespacedSecret({ namespace, labelSelector: selector })).items.filter((s) =>
    s.metadata!.name!.endsWith("-identity"),
  );
  const claims = (await core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector: selector })).items;
  expect(secrets).toHaveLength(1);
  expect(claims).toHaveLength(1);
  // The pod carries the worker's identity by reference only: the key is in the Secret, not in the pod spec.
  const [pod] = await until(
    "pod",
    () => podsOf(officeId, "podder"),
    (pods) => pods.length === 1,
  );
  expect(JSON.stringify(pod!.spec)).not.toContain(Buffer.from(secrets[0]!.data!["private-key"]!, "base64").toString());
  expect(pod!.spec!.containers[0]!.env!.find((e) => e.name === "MI_MODEL_TIER")?.value).toBe("haiku");
  await until(
    "Running from kwok",
    async () => (await agents().getAgent({ officeId, agentName: "podder" })).agent!.status!.phase,
    (p) => p === AgentPhase.RUNNING,
  );

  await agents().promoteAgent({ officeId, agentName: "podder", modelTier: "opus" });
  const [replaced] = await until(
    "pod of generation 2",
    () => podsOf(officeId, "podder"),
    (pods) => pods.length === 1 && pods[0]!.metadata!.uid !== pod!.metadata!.uid && pods[0]!.status?.phase === "Running",
  );
  expect(replaced!.metadata!.annotations!["mitosis.dev/generation"]).toBe("2");

  await server.restart();
  await until(
    "Running after the restart",
    async () => (await agents().getAgent({ officeId, agentName: "podder" })).agent!.status!.phase,
    (p) => p === AgentPhase.RUNNING,
  );
  expect((await podsOf(officeId, "podder")).map((p) => p.metadata!.uid)).toEqual([replaced!.metadata!.uid]);

  const fired = await agents().fireAgent({ officeId, agentName: "podder" });
  expect(fired.workspaceBackup).toBe("");
  await until(
    "pod gone",
    () => podsOf(officeId, "podder"),
    (pods) => pods.length === 0,
  );
  expect((await core.listNamespacedSecret({ namespace, labelSelector: selector })).items).toEqual([]);
  // Without a controller manager the PVC keeps its protection finalizer: deletion is requested, not finished.
  const left = (await core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector: selector })).items;
  expect(left.every((c) => c.metadata!.deletionTimestamp !== undefined)).toBe(true);
});
