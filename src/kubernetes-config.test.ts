import path from "node:path";
import { describe, expect, it } from "vitest";
import { kubernetesConfigFrom } from "./kubernetes-config.js";

describe("kubernetesConfigFrom", () => {
  it("is undefined unless MI_KUBECONFIG or MI_AGENT_RUNTIME=kubernetes selects the runtime", () => {
    expect(kubernetesConfigFrom({})).toBeUndefined();
    expect(kubernetesConfigFrom({ MI_AGENT_RUNTIME: "local" })).toBeUndefined();
    expect(kubernetesConfigFrom({ MI_KUBECONFIG: "  " })).toBeUndefined();
    // An explicit local choice wins over a kubeconfig left in the environment.
    expect(kubernetesConfigFrom({ MI_AGENT_RUNTIME: "local", MI_KUBECONFIG: "/etc/kube.yaml" })).toBeUndefined();
  });

  it("has defaults for everything but the kubeconfig, which falls back to the usual lookup", () => {
    expect(kubernetesConfigFrom({ MI_AGENT_RUNTIME: "kubernetes" })).toEqual({
      kubeconfigPath: undefined,
      namespace: "mitosis-agents",
      image: "ghcr.io/mitosis-oss/agent:latest",
      resources: { cpu: "500m", memory: "1Gi", storage: "5Gi" },
      storageClassName: undefined,
    });
  });

  it("reads every variable; a relative kubeconfig path is resolved", () => {
    expect(
      kubernetesConfigFrom({
        MI_KUBECONFIG: "kube/config",
        MI_KUBE_NAMESPACE: "agents-prod",
        MI_AGENT_IMAGE: "registry.example.com/mi/agent@sha256:abc",
        MI_AGENT_CPU: "2",
        MI_AGENT_MEMORY: "1.5Gi",
        MI_AGENT_STORAGE: "20G",
        MI_AGENT_STORAGE_CLASS: "fast-ssd",
      }),
    ).toEqual({
      kubeconfigPath: path.resolve("kube/config"),
      namespace: "agents-prod",
      image: "registry.example.com/mi/agent@sha256:abc",
      resources: { cpu: "2", memory: "1.5Gi", storage: "20G" },
      storageClassName: "fast-ssd",
    });
  });

  it("refuses values Kubernetes would refuse, naming the variable", () => {
    const on = { MI_AGENT_RUNTIME: "kubernetes" };
    expect(() => kubernetesConfigFrom({ MI_AGENT_RUNTIME: "docker" })).toThrow(
      'MI_AGENT_RUNTIME must be one of local, kubernetes, got "docker"',
    );
    expect(() => kubernetesConfigFrom({ ...on, MI_KUBE_NAMESPACE: "Agents" })).toThrow(/^MI_KUBE_NAMESPACE must be a DNS label/);
    expect(() => kubernetesConfigFrom({ ...on, MI_KUBE_NAMESPACE: "a".repeat(64) })).toThrow(/^MI_KUBE_NAMESPACE/);
    expect(() => kubernetesConfigFrom({ ...on, MI_AGENT_IMAGE: "agent latest" })).toThrow(/^MI_AGENT_IMAGE/);
    expect(() => kubernetesConfigFrom({ ...on, MI_AGENT_CPU: "half" })).toThrow(
      'MI_AGENT_CPU must be a Kubernetes quantity such as 500m or 2, got "half"',
    );
    expect(() => kubernetesConfigFrom({ ...on, MI_AGENT_CPU: "0m" })).toThrow(/^MI_AGENT_CPU/);
    expect(() => kubernetesConfigFrom({ ...on, MI_AGENT_MEMORY: "1GB" })).toThrow(/^MI_AGENT_MEMORY/);
    expect(() => kubernetesConfigFrom({ ...on, MI_AGENT_STORAGE: "-5Gi" })).toThrow(/^MI_AGENT_STORAGE must/);
    expect(() => kubernetesConfigFrom({ ...on, MI_AGENT_STORAGE_CLASS: "Fast_SSD" })).toThrow(/^MI_AGENT_STORAGE_CLASS/);
  });
});
