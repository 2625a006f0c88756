#!/usr/bin/env bash
# Installs what a real Kubernetes API server for tests needs, and prints where it is as
# KEY=path lines on stdout (status goes to stderr):
#
#   MI_KUBE_APISERVER=/root/.cache/mitosis/bin/kube-apiserver-v1.31.0
#   MI_KUBE_ETCD=/usr/bin/etcd
#   MI_KUBE_KWOK=/root/.cache/mitosis/bin/kwok-v0.8.0/kwok
#   MI_KUBE_KWOK_STAGES=/root/.cache/mitosis/bin/kwok-v0.8.0/stages.yaml
#
# so a caller can do `eval "$(bash scripts/kube.sh | sed 's/^/export /')"`.
#
# - kube-apiserver: `go install k8s.io/kubernetes/cmd/kube-apiserver` is refused (kubernetes'
#   go.mod replaces its staging modules with ./staging paths), so it is built from a wrapper
#   module generated in a temp dir that requires k8s.io/kubernetes and replaces every
#   k8s.io/<staging> module with its published v0.<minor> tag. About 6 min on 2 cores.
# - kwok: `go install` at a pinned version; it moves pods on fake nodes to Running (there is
#   no kubelet). It has no built-in stages, so the node/pod "fast" stages from its module
#   (kustomize/stage/...) are copied next to it as one --config file.
# - etcd: Debian's etcd-server (3.4), installed with apt when `etcd` is not on PATH.
#
# Warm cache: returns at once without go or apt. Safe to run from several processes at once:
# builds are serialised by flock and binaries appear under their final names by atomic rename.
set -euo pipefail

KUBE_VERSION=v1.31.0
KUBE_STAGING_VERSION=v0.31.0
# The newest kwok the Go module proxy serves (go list -m -versions sigs.k8s.io/kwok).
KWOK_VERSION=v0.8.0

cache="${XDG_CACHE_HOME:-$HOME/.cache}/mitosis"
apiserver="$cache/bin/kube-apiserver-$KUBE_VERSION"
kwokdir="$cache/bin/kwok-$KWOK_VERSION"
log() { echo "kube.sh: $*" >&2; }

print_paths() {
  echo "MI_KUBE_APISERVER=$apiserver"
  echo "MI_KUBE_ETCD=$etcd"
  echo "MI_KUBE_KWOK=$kwokdir/kwok"
  echo "MI_KUBE_KWOK_STAGES=$kwokdir/stages.yaml"
}

etcd=$(command -v etcd || true)
# Warm cache: no lock, no go toolchain, no apt.
if [[ -n "$etcd" && -x "$apiserver" && -x "$kwokdir/kwok" && -f "$kwokdir/stages.yaml" ]]; then
  print_paths
  exit 0
fi

mkdir -p "$cache/bin"
exec 9>"$cache/kube.lock"
flock 9

# --- etcd ------------------------------------------------------------------------------
etcd=$(command -v etcd || true)
if [[ -z "$etcd" ]]; then
  sudo=; [[ "$(id -u)" -ne 0 ]] && sudo=sudo
  log "installing etcd-server with apt..."
  # Debian's postinst would start the etcd service (invoke-rc.d); tests start their own etcd
  # on free ports, so a system one listening on 2379 is only in the way. policy-rc.d exit 101
  # is Debian's documented "do not start services" switch; only set it if none exists.
  policy=/usr/sbin/policy-rc.d
  own_policy=
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null && $sudo chmod +x $policy && own_policy=1
  fi
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends etcd-server; } >&2 ||
    { [[ -n $own_policy ]] && $sudo rm -f $policy; exit 1; }
  [[ -n $own_policy ]] && $sudo rm -f $policy
  etcd=$(command -v etcd || echo /usr/bin/etcd)
  [[ -x "$etcd" ]] || { log "etcd-server installed but no etcd binary found"; exit 1; }
  # Belt and braces: if a service was started anyway, stop it (only a daemon running as the
  # package's etcd user, never an etcd some test of ours started).
  if pids=$(pgrep -u etcd -x etcd 2>/dev/null); then
    log "stopping the etcd service the package started ($pids)"
    $sudo kill $pids || true
  fi
fi

need_go() { command -v go >/dev/null || { log "the Go toolchain (go) is required to build $1"; exit 1; }; }

# --- kube-apiserver --------------------------------------------------------------------
if [[ ! -x "$apiserver" ]]; then
  need_go kube-apiserver
  log "building kube-apiserver $KUBE_VERSION (takes several minutes)..."
  start=$SECONDS
  work=$(mktemp -d "${TMPDIR:-/tmp}/mi-kube-apiserver-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  gomod=$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')
  [[ -f "$gomod" ]] || { log "could not download k8s.io/kubernetes@$KUBE_VERSION"; exit 1; }
  {
    echo "module mitosis.dev/kube-apiserver-build"
    echo
    echo "go 1.22"
    echo
    echo "require k8s.io/kubernetes $KUBE_VERSION"
    echo
    # kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging/...;
    # replace directives of a dependency are ignored, so we point them at the published tags.
    grep -E '^\s*k8s\.io/[^ ]+ => \./staging/' "$gomod" | awk -v v="$KUBE_STAGING_VERSION" '{print "replace " $1 " => " $1 " " v}'
  } >"$work/go.mod"
  (
    cd "$work"
    # go get resolves the graph (and go.sum) for just the package we build.
    GOFLAGS=-mod=mod go get "k8s.io/kubernetes/cmd/kube-apiserver@$KUBE_VERSION" >&2
    # Stamp the version the server reports (/version), as kubernetes' own build does.
    ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$KUBE_VERSION
      -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(echo "$KUBE_VERSION" | cut -d. -f2)
      -X k8s.io/component-base/version.gitTreeState=clean"
    CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "$ldflags" -o "$work/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver >&2
  )
  mv -f "$work/kube-apiserver" "$apiserver.tmp.$$"
  mv -f "$apiserver.tmp.$$" "$apiserver"
  rm -rf "$work"
  trap - EXIT
  log "built kube-apiserver $KUBE_VERSION in $((SECONDS - start))s"
fi

# --- kwok ------------------------------------------------------------------------------
if [[ ! -x "$kwokdir/kwok" || ! -f "$kwokdir/stages.yaml" ]]; then
  need_go kwok
  log "building kwok $KWOK_VERSION..."
  start=$SECONDS
  tmp="$kwokdir.tmp.$$"
  rm -rf "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp"
  GOBIN="$tmp" GOFLAGS="-mod=mod ${GOFLAGS:-}" go install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" >&2
  src=$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  # node-initialize makes the fake node Ready; pod-ready moves its pods to Running; pod-delete
  # finishes deletions (no kubelet would); pod-complete ends pods whose containers all exit.
  for f in node/fast/node-initialize.yaml pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    echo "---"
    cat "$src/kustomize/stage/$f"
  done >"$tmp/stages.yaml"
  rm -rf "$kwokdir"
  mv "$tmp" "$kwokdir"
  trap - EXIT
  log "built kwok $KWOK_VERSION in $((SECONDS - start))s"
fi

print_paths
