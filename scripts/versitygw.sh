#!/usr/bin/env bash
# Installs the versitygw S3 server (Versity S3 Gateway, posix backend) that tests run the blob
# contract against next to MinIO, and prints its path. MinIO's server is archived upstream;
# versitygw is maintained and is what docker-compose.yml runs. Built from source with
# `go install` at a release tag (the Go module proxy serves it; about 1.5 min on 2 cores) and
# cached outside the repo, so a second run returns at once.
#
#   bash scripts/versitygw.sh        -> /root/.cache/mitosis/bin/versitygw-v1.8.0
#
# Safe to run from several processes at once: the build is serialised by flock and the binary
# appears under its final name by an atomic rename. Keep VERSITYGW_VERSION in step with the
# image tag in docker-compose.yml.
set -euo pipefail

VERSITYGW_VERSION=v1.8.0
cache="${XDG_CACHE_HOME:-$HOME/.cache}/mitosis"
bin="$cache/bin/versitygw-$VERSITYGW_VERSION"

# Warm cache: no lock, no go toolchain needed.
if [[ -x "$bin" ]]; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "versitygw.sh: the Go toolchain (go) is required to build versitygw" >&2; exit 1; }
mkdir -p "$cache/bin"
exec 9>"$cache/versitygw.lock"
flock 9

# Another process may have finished the build while we waited for the lock.
if [[ ! -x "$bin" ]]; then
  echo "versitygw.sh: building versitygw $VERSITYGW_VERSION (takes a minute or two)..." >&2
  start=$SECONDS
  gobin="$cache/gobin-vgw-$$"
  rm -rf "$gobin"
  trap 'rm -rf "$gobin"' EXIT
  # GOBIN under the cache so nothing is written into the repo. CGO off and the version stamped
  # in, as upstream's Dockerfile builds it, so `versitygw --version` names what we run.
  CGO_ENABLED=0 GOBIN="$gobin" go install -ldflags "-X=main.Version=$VERSITYGW_VERSION" \
    "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" >&2
  # Same filesystem as $bin, so this rename is atomic: no reader sees half a binary.
  mv -f "$gobin/versitygw" "$bin"
  echo "versitygw.sh: built in $((SECONDS - start))s" >&2
fi
echo "$bin"
