import path from "node:path";

/** Settings of the Kubernetes agent runtime (runtime/kubernetes.ts), from the server's environment. */
export interface KubernetesConfig {
  /** MI_KUBECONFIG; unset means the usual lookup: $KUBECONFIG, ~/.kube/config, then the in-cluster service account. */
  kubeconfigPath?: string;
  /** MI_KUBE_NAMESPACE: where every agent's pod, Secret and PVC live (created if missing). */
  namespace: string;
  /** MI_AGENT_IMAGE: the agent worker image (Dockerfile.agent). */
  image: string;
  /** Per agent, requests = limits: MI_AGENT_CPU, MI_AGENT_MEMORY; MI_AGENT_STORAGE is the workspace PVC's size. */
  resources: { cpu: string; memory: string; storage: string };
  /** MI_AGENT_STORAGE_CLASS; unset means the cluster's default StorageClass. */
  storageClassName?: string;
  /** MI_KUBE_NODE_NAME pins agent pods to one node, for clusters without a scheduler (the test cluster). */
  nodeName?: string;
}

export const KUBERNETES_DEFAULTS = {
  namespace: "mitosis-agents",
  image: "ghcr.io/mitosis-oss/agent:latest",
  cpu: "500m",
  memory: "1Gi",
  storage: "5Gi",
} as const;

/**
 * The Kubernetes runtime's settings, or undefined when agents run elsewhere (the local runtime).
 * MI_AGENT_RUNTIME=kubernetes, or MI_KUBECONFIG alone, selects it; MI_AGENT_RUNTIME=local wins
 * over MI_KUBECONFIG, so one kubeconfig can stay in the environment while agents run locally.
 * Throws on a value Kubernetes would refuse later, naming the variable.
 */
export function kubernetesConfigFrom(env: NodeJS.ProcessEnv = process.env): KubernetesConfig | undefined {
  const runtime = env.MI_AGENT_RUNTIME?.trim() ?? "";
  if (runtime !== "" && runtime !== "local" && runtime !== "kubernetes") {
    throw new Error(`MI_AGENT_RUNTIME must be one of local, kubernetes, got "${runtime}"`);
  }
  const kubeconfig = env.MI_KUBECONFIG?.trim();
  if (runtime === "local" || (runtime === "" && !kubeconfig)) return undefined;

  const namespace = value(env, "MI_KUBE_NAMESPACE", KUBERNETES_DEFAULTS.namespace);
  // A namespace name is a DNS label (RFC 1123).
  if (namespace.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) {
    throw new Error(`MI_KUBE_NAMESPACE must be a DNS label (lowercase letters, digits and '-', at most 63), got "${namespace}"`);
  }
  const image = value(env, "MI_AGENT_IMAGE", KUBERNETES_DEFAULTS.image);
  if (/\s/.test(image)) throw new Error(`MI_AGENT_IMAGE must be an image reference without spaces, got "${image}"`);
  const storageClassName = env.MI_AGENT_STORAGE_CLASS?.trim() || undefined;
  if (storageClassName !== undefined && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(storageClassName)) {
    throw new Error(`MI_AGENT_STORAGE_CLASS must be a StorageClass name, got "${storageClassName}"`);
  }
  return {
    kubeconfigPath: kubeconfig ? path.resolve(kubeconfig) : undefined,
    namespace,
    image,
    resources: {
      cpu: quantity(env, "MI_AGENT_CPU", KUBERNETES_DEFAULTS.cpu, "500m or 2"),
      memory: quantity(env, "MI_AGENT_MEMORY", KUBERNETES_DEFAULTS.memory, "512Mi or 2Gi"),
      storage: quantity(env, "MI_AGENT_STORAGE", KUBERNETES_DEFAULTS.storage, "5Gi"),
    },
    storageClassName,
    nodeName: env.MI_KUBE_NODE_NAME?.trim() || undefined,
  };
}

function value(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  return env[name]?.trim() || fallback;
}

/** A positive Kubernetes resource quantity (decimal or binary suffix); checked here so a typo fails at start, not at the first hire. */
function quantity(env: NodeJS.ProcessEnv, name: string, fallback: string, example: string): string {
  const raw = value(env, name, fallback);
  if (!/^(\d+(\.\d+)?|\.\d+)([munkMGTPE]|[KMGTPE]i|[eE]\d+)?$/.test(raw) || Number.parseFloat(raw) === 0) {
    throw new Error(`${name} must be a Kubernetes quantity such as ${example}, got "${raw}"`);
  }
  return raw;
}
