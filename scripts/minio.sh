#!/usr/bin/env bash
# Installs the MinIO server binary used by tests and local development, and
# prints its path. The binary is built from source with `go install` (release
# tags are refused by the Go module proxy, so we pin a pseudo-version) and
# cached outside the repo, so a second run returns at once.
#
#   bash scripts/minio.sh            -> /root/.cache/mitosis/bin/minio-v0.0.0-...
#
# Safe to run from several processes at once: the build is serialised by flock
# and the binary appears under its final name by an atomic rename.
set -euo pipefail

MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
cache="${XDG_CACHE_HOME:-$HOME/.cache}/mitosis"
bin="$cache/bin/minio-$MINIO_VERSION"

# Warm cache: no lock, no go toolchain needed.
if [[ -x "$bin" ]]; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "minio.sh: the Go toolchain (go) is required to build MinIO" >&2; exit 1; }
mkdir -p "$cache/bin"
exec 9>"$cache/minio.lock"
flock 9

# Another process may have finished the build while we waited for the lock.
if [[ ! -x "$bin" ]]; then
  echo "minio.sh: building minio $MINIO_VERSION (takes several minutes)..." >&2
  gobin="$cache/gobin-$$"
  rm -rf "$gobin"
  trap 'rm -rf "$gobin"' EXIT
  # GOBIN under the cache so nothing is written into the repo; -mod=mod because
  # minio's go.mod needs resolving outside any module of ours.
  GOBIN="$gobin" GOFLAGS="-mod=mod ${GOFLAGS:-}" go install "github.com/minio/minio@$MINIO_VERSION" >&2
  mv -f "$gobin/minio" "$bin"
fi
echo "$bin"
