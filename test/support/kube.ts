import { execFile, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { freePort } from "../../src/lifecycle/ports.js";
import { hasExited, spawnTethered, stopChild } from "../../src/lifecycle/tether.js";

/** A running test cluster: a real kube-apiserver on etcd, with one fake node that kwok runs pods on. */
export interface TestKube {
  /** A kubeconfig (token auth, TLS verification off: the server's cert is self-signed) for the admin user. */
  kubeconfigPath: string;
  /** https://127.0.0.1:PORT */
  server: string;
  /** Bearer token of a user in system:masters. */
  token: string;
  /** The fake node pods can be placed on (spec.nodeName); kwok moves them to Running. */
  nodeName: string;
  stop(): Promise<void>;
}

/** Where scripts/kube.sh put the binaries (its KEY=path lines). */
export interface KubeBins {
  apiserver: string;
  etcd: string;
  kwok: string;
  kwokStages: string;
}

const KUBE_SCRIPT = fileURLToPath(new URL("../../scripts/kube.sh", import.meta.url));
const READY_DEADLINE_MS = 60_000;
const FAKE_NODE = "mi-fake-node";

/**
 * Starts etcd, kube-apiserver and kwok on free loopback ports, with all state in a temp dir.
 * Every process is tethered (dies with this one) and stopped by `stop()`, which also runs when
 * start fails half-way. There is no scheduler or controller manager: pods must name their node.
 */
export async function startKube(): Promise<TestKube> {
  const bins = await kubeBins();
  const dir = await mkdtemp(path.join(os.tmpdir(), "mi-test-kube-"));
  const children: { name: string; child: ChildProcess }[] = [];
  const stop = async () => {
    // kwok first (it talks to the apiserver), etcd last (the apiserver needs it to shut down cleanly).
    for (const { child } of children.reverse()) await stopChild(child, "SIGTERM", 10_000);
    await rm(dir, { recursive: true, force: true });
  };
  const start = (name: string, bin: string, args: string[]) => {
    const child = spawnTethered(bin, args, { stdio: ["ignore", "pipe", "pipe"], parentDeathSignal: "SIGTERM" });
    const output: string[] = [];
    // Keep the tail only: kube-apiserver and kwok log a lot; it is shown when start fails.
    const keep = (d: Buffer) => {
      output.push(d.toString());
      if (output.length > 200) output.shift();
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    children.push({ name, child });
    return { child, output };
  };
  try {
    const etcdPort = await freePort();
    const peerPort = await freePort();
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const etcd = start("etcd", bins.etcd, [
      "--name=mi",
      `--data-dir=${path.join(dir, "etcd")}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=mi=${peerUrl}`,
      "--log-level=warn",
      "--logger=zap",
    ]);
    await waitFor("etcd", etcd, async () => (await fetch(`${etcdUrl}/health`)).ok);

    const token = randomBytes(24).toString("hex");
    const tokenFile = path.join(dir, "tokens.csv");
    // token,user,uid,"groups": system:masters bypasses RBAC, like a cluster-admin kubeconfig.
    await writeFile(tokenFile, `${token},mi-admin,mi-admin,"system:masters"\n`, { mode: 0o600 });
    // Service-account token signing keys: required flags, though no controller mints tokens here.
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const saKey = path.join(dir, "sa.key");
    const saPub = path.join(dir, "sa.pub");
    await writeFile(saKey, privateKey, { mode: 0o600 });
    await writeFile(saPub, publicKey);

    const port = await freePort();
    const server = `https://127.0.0.1:${port}`;
    const apiserver = start("kube-apiserver", bins.apiserver, [
      `--etcd-servers=${etcdUrl}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${port}`,
      // It writes a self-signed serving cert here when given none.
      `--cert-dir=${path.join(dir, "certs")}`,
      `--token-auth-file=${tokenFile}`,
      "--authorization-mode=RBAC",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${saPub}`,
      `--service-account-signing-key-file=${saKey}`,
      // That plugin rejects pods until a controller creates the namespace's default
      // ServiceAccount, and no controller manager runs here.
      "--disable-admission-plugins=ServiceAccount",
      "--service-cluster-ip-range=10.96.0.0/16",
      "--profiling=false",
      "--v=0",
    ]);
    await waitFor("kube-apiserver", apiserver, () => readyz(server, token));

    const kubeconfigPath = path.join(dir, "kubeconfig");
    await writeFile(kubeconfigPath, kubeconfig(server, token), { mode: 0o600 });

    // The fake node must exist before kwok starts managing it; kwok selects it by annotation.
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    await kc.makeApiClient(CoreV1Api).createNode({
      body: {
        metadata: {
          name: FAKE_NODE,
          annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
          labels: { type: "kwok", "kubernetes.io/hostname": FAKE_NODE, "kubernetes.io/os": "linux" },
        },
        status: { allocatable: { cpu: "32", memory: "256Gi", pods: "110" }, capacity: { cpu: "32", memory: "256Gi", pods: "110" } },
      },
    });

    const kwokPort = await freePort();
    const kwok = start("kwok", bins.kwok, [
      `--kubeconfig=${kubeconfigPath}`,
      `--config=${bins.kwokStages}`,
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      // Its kubelet-like HTTP server; the default port would clash between parallel clusters.
      `--server-address=127.0.0.1:${kwokPort}`,
      "--node-ip=127.0.0.1",
      "--cidr=10.244.0.0/16",
    ]);
    // Ready once kwok has run node-initialize on the fake node.
    const core = kc.makeApiClient(CoreV1Api);
    await waitFor("kwok", kwok, async () => {
      const node = await core.readNode({ name: FAKE_NODE });
      return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    });

    return { kubeconfigPath, server, token, nodeName: FAKE_NODE, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** MI_KUBE_* from the environment (scripts/test.sh sets them), else whatever scripts/kube.sh installs. */
export async function kubeBins(): Promise<KubeBins> {
  let env: Record<string, string | undefined> = process.env;
  if (!env.MI_KUBE_APISERVER || !env.MI_KUBE_ETCD || !env.MI_KUBE_KWOK || !env.MI_KUBE_KWOK_STAGES) {
    // Instant once cached, minutes on a fresh machine.
    const { stdout } = await promisify(execFile)("bash", [KUBE_SCRIPT], { maxBuffer: 16 * 1024 * 1024 });
    env = Object.fromEntries(
      stdout
        .split("\n")
        .filter((l) => /^MI_KUBE_[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
  }
  const { MI_KUBE_APISERVER: apiserver, MI_KUBE_ETCD: etcd, MI_KUBE_KWOK: kwok, MI_KUBE_KWOK_STAGES: kwokStages } = env;
  if (!apiserver || !etcd || !kwok || !kwokStages) throw new Error("scripts/kube.sh did not print all MI_KUBE_* paths");
  return { apiserver, etcd, kwok, kwokStages };
}

function kubeconfig(server: string, token: string): string {
  // JSON is YAML; no YAML writer needed.
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "mi-test", cluster: { server, "insecure-skip-tls-verify": true } }],
    users: [{ name: "mi-admin", user: { token } }],
    contexts: [{ name: "mi-test", context: { cluster: "mi-test", user: "mi-admin" } }],
    "current-context": "mi-test",
  });
}

/** GET /readyz: 200 once every post-start hook (RBAC bootstrap roles included) has run. */
function readyz(server: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(
      `${server}/readyz`,
      { headers: { authorization: `Bearer ${token}` }, rejectUnauthorized: false, timeout: 2_000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}

async function waitFor(name: string, proc: { child: ChildProcess; output: string[] }, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (hasExited(proc.child)) {
      throw new Error(`${name} exited (${proc.child.exitCode ?? proc.child.signalCode}) before it was ready:\n${proc.output.join("")}`);
    }
    try {
      if (await ready()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} not ready after ${READY_DEADLINE_MS / 1000}s:\n${proc.output.join("")}`);
}
