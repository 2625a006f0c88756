import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../log.js";
import { agentObjectNames, GENERATION_ANNOTATION, KubernetesRuntime, parseLogLines, podStatus } from "./kubernetes.js";

// Pod states kwok never produces (image pull errors, crash loops, evictions), and the log
// format a real kubelet writes, which kwok's fake nodes do not serve. test/kube-runtime.test.ts
// covers the adapter against a real API server.

const pod = (status: V1Pod["status"], metadata: V1Pod["metadata"] = {}): V1Pod => ({
  metadata: { name: "mi-agent-x", annotations: { [GENERATION_ANNOTATION]: "3" }, ...metadata },
  status,
});

describe("podStatus", () => {
  it("maps phases and conditions to the port's states, with the generation", () => {
    expect(podStatus(pod({ phase: "Pending" }))).toEqual({ state: "pending", reason: "Pending", generation: 3 });
    expect(
      podStatus(
        pod({
          phase: "Pending",
          containerStatuses: [
            {
              name: "worker",
              image: "i",
              imageID: "",
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "i"' } },
            },
          ],
        }),
      ),
    ).toEqual({ state: "pending", reason: "ImagePullBackOff", message: 'Back-off pulling image "i"', generation: 3 });
    expect(
      podStatus(
        pod({ phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/3 nodes" }] }),
      ),
    ).toEqual({ state: "pending", reason: "Unschedulable", message: "0/3 nodes", generation: 3 });
    expect(podStatus(pod({ phase: "Running", conditions: [{ type: "Ready", status: "True" }] }))).toEqual({
      state: "running",
      generation: 3,
    });
    expect(
      podStatus(
        pod({
          phase: "Running",
          conditions: [{ type: "Ready", status: "False" }],
          containerStatuses: [
            { name: "worker", image: "i", imageID: "", ready: false, restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff" } } },
          ],
        }),
      ),
    ).toEqual({ state: "pending", reason: "CrashLoopBackOff", generation: 3 });
    expect(podStatus(pod({ phase: "Running" }))).toEqual({ state: "pending", reason: "NotReady", generation: 3 });
    expect(podStatus(pod({ phase: "Unknown" }))).toEqual({ state: "pending", reason: "Unknown", generation: 3 });
  });

  it("says why a pod ended", () => {
    const ended = (exitCode: number, reason: string) =>
      pod({
        phase: exitCode === 0 ? "Succeeded" : "Failed",
        containerStatuses: [
          {
            name: "worker",
            image: "i",
            imageID: "",
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode, reason, message: "bye" } },
          },
        ],
      });
    expect(podStatus(ended(0, "Completed"))).toEqual({ state: "succeeded", reason: "Completed", message: "bye", generation: 3 });
    expect(podStatus(ended(1, "Error"))).toEqual({ state: "failed", reason: "ExitCode1", message: "bye", generation: 3 });
    expect(podStatus(pod({ phase: "Failed", reason: "Evicted", message: "The node was low on resource: memory." }))).toEqual({
      state: "failed",
      reason: "Evicted",
      message: "The node was low on resource: memory.",
      generation: 3,
    });
  });

  it("reports a pod being deleted as pending Terminating, and no generation without the annotation", () => {
    expect(podStatus(pod({ phase: "Running" }, { deletionTimestamp: new Date() }))).toEqual({
      state: "pending",
      reason: "Terminating",
      message: "pod mi-agent-x is being deleted",
      generation: 3,
    });
    expect(podStatus({ metadata: { name: "p" }, status: { phase: "Pending" } })).toEqual({ state: "pending", reason: "Pending" });
    expect(
      podStatus({ metadata: { annotations: { [GENERATION_ANNOTATION]: "x" } }, status: { phase: "Pending" } }).generation,
    ).toBeUndefined();
  });
});

describe("parseLogLines", () => {
  it("reads the RFC 3339 time (nanoseconds, offsets) in front of each line", () => {
    const text =
      "2026-11-27T17:29:10.123456789Z claimed task 7\n" +
      "2026-11-27T17:29:11Z \n" +
      "2026-11-27T19:29:12.5+02:00 two  spaces kept\n" +
      "no time here\n";
    expect(parseLogLines(text)).toEqual([
      { time: new Date("2026-11-27T17:29:10.123Z"), stream: "stdout", text: "claimed task 7" },
      { time: new Date("2026-11-27T17:29:11Z"), stream: "stdout", text: "" },
      { time: new Date("2026-11-27T17:29:12.5Z"), stream: "stdout", text: "two  spaces kept" },
      { time: new Date("2026-11-27T17:29:12.5Z"), stream: "stdout", text: "no time here" },
    ]);
    expect(parseLogLines("")).toEqual([]);
  });
});

describe("agentObjectNames", () => {
  it("derives every name from the agent id, and refuses ids that cannot name objects", () => {
    expect(agentObjectNames("0b8e4c1e-1f43-4c6a-9d0f-3f1c2a7e5b11")).toEqual({
      pod: "mi-agent-0b8e4c1e-1f43-4c6a-9d0f-3f1c2a7e5b11",
      secret: "mi-agent-0b8e4c1e-1f43-4c6a-9d0f-3f1c2a7e5b11-identity",
      env: "mi-agent-0b8e4c1e-1f43-4c6a-9d0f-3f1c2a7e5b11-env",
      pvc: "mi-agent-0b8e4c1e-1f43-4c6a-9d0f-3f1c2a7e5b11-workspace",
    });
    expect(() => agentObjectNames("Agent/1")).toThrow(/cannot name Kubernetes objects/);
  });
});

// A stand-in API server answering the pod log endpoint, to see the query readLogs sends and
// how it reads the answers a real kubelet and API server give.
describe("KubernetesRuntime.readLogs against a stand-in API server", () => {
  let server: http.Server;
  let dir: string;
  let runtime: KubernetesRuntime;
  const requests: URL[] = [];
  let answer: { status: number; body: string } = { status: 200, body: "" };
  const agent = { officeId: "o", agentId: "0b8e4c1e-1f43-4c6a-9d0f-3f1c2a7e5b11", name: "scout" };

  let kubeconfigs = 0;
  const kubeconfigFor = async (url: string) => {
    const file = path.join(dir, `kubeconfig-${++kubeconfigs}`);
    await writeFile(
      file,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        // client-node refuses plain http unless TLS verification is off.
        clusters: [{ name: "c", cluster: { server: url, "insecure-skip-tls-verify": true } }],
        users: [{ name: "u", user: { token: "t0ps3cret" } }],
        contexts: [{ name: "c", context: { cluster: "c", user: "u" } }],
        "current-context": "c",
      }),
    );
    return file;
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(new URL(req.url ?? "/", "http://x"));
      res.writeHead(answer.status, { "content-type": answer.status === 200 ? "text/plain" : "application/json" });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    dir = await mkdtemp(path.join(os.tmpdir(), "mi-kube-unit-"));
    const kubeconfigPath = await kubeconfigFor(`http://127.0.0.1:${port}`);
    runtime = new KubernetesRuntime({
      kubeconfigPath,
      namespace: "agents",
      image: "agent:test",
      resources: { cpu: "100m", memory: "128Mi", storage: "1Gi" },
      log: createLogger("error"),
    });
  });

  afterAll(async () => {
    await runtime?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const status = (code: number, message: string, reason = "") =>
    JSON.stringify({ kind: "Status", status: "Failure", message, reason, code });

  it("asks for the worker's last lines with timestamps, since a time when given, and parses them", async () => {
    answer = { status: 200, body: "2026-11-27T17:29:10.000000001Z hello\n2026-11-27T17:29:11.000000001Z world\n" };
    requests.length = 0;
    const lines = await runtime.readLogs(agent, { limit: 50 });
    expect(lines.map((l) => l.text)).toEqual(["hello", "world"]);
    expect(lines[0]?.time).toEqual(new Date("2026-11-27T17:29:10Z"));
    const since = new Date("2026-11-27T17:00:00.250Z");
    await runtime.readLogs(agent, { since, limit: 7 });
    expect(requests.map((u) => u.pathname)).toEqual([`/api/v1/namespaces/agents/pods/mi-agent-${agent.agentId}/log`, expect.any(String)]);
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({ container: "worker", timestamps: "true", tailLines: "50" });
    expect(Object.fromEntries(requests[1]!.searchParams)).toEqual({
      container: "worker",
      timestamps: "true",
      tailLines: "7",
      sinceTime: "2026-11-27T17:00:00.250Z",
    });
  });

  it("reads no pod, a container not started and an unreachable kubelet as no lines; other failures throw what failed", async () => {
    answer = { status: 404, body: status(404, 'pods "x" not found', "NotFound") };
    expect(await runtime.readLogs(agent, { limit: 10 })).toEqual([]);
    answer = { status: 400, body: status(400, 'container "worker" in pod "x" is waiting to start: ContainerCreating', "BadRequest") };
    expect(await runtime.readLogs(agent, { limit: 10 })).toEqual([]);
    answer = { status: 500, body: status(500, 'Get "https://10.0.0.7:10250/containerLogs/agents/x/worker": dial tcp: connection refused') };
    expect(await runtime.readLogs(agent, { limit: 10 })).toEqual([]);

    answer = { status: 403, body: status(403, 'pods "x" is forbidden: User "mi" cannot get resource "pods/log"', "Forbidden") };
    const err = await runtime.readLogs(agent, { limit: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: "KubernetesApiError",
      status: 403,
      message: `reading the log of pod mi-agent-${agent.agentId} in namespace agents: pods "x" is forbidden: User "mi" cannot get resource "pods/log"`,
    });
    expect((err as Error).message).not.toContain("t0ps3cret");
    answer = { status: 401, body: "" };
    await expect(runtime.status(agent)).rejects.toThrow(
      `reading pod mi-agent-${agent.agentId} in namespace agents: HTTP 401 Unauthorized: the kubeconfig's credentials were refused`,
    );
  });

  it("names what failed when the API server cannot be reached, without the credentials", async () => {
    // A port nothing listens on: the stand-in server's, once closed.
    const gone = http.createServer();
    await new Promise<void>((resolve) => gone.listen(0, "127.0.0.1", resolve));
    const { port } = gone.address() as AddressInfo;
    await new Promise((resolve) => gone.close(resolve));
    const unreachable = new KubernetesRuntime({
      kubeconfigPath: await kubeconfigFor(`http://127.0.0.1:${port}`),
      namespace: "agents",
      image: "agent:test",
      resources: { cpu: "100m", memory: "128Mi", storage: "1Gi" },
      log: createLogger("error"),
    });
    const err = await unreachable.stop(agent).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "KubernetesApiError", status: undefined });
    expect((err as Error).message).toMatch(
      new RegExp(
        `^deleting pod mi-agent-${agent.agentId} in namespace agents: fetch failed \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)$`,
      ),
    );
    expect((err as Error).message).not.toContain("t0ps3cret");
  });
});
