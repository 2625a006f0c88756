#!/usr/bin/env bash
# Installs the non-npm tools that code generation and the interop tests need, cached
# outside the repo so only a fresh machine pays for them:
#   - Go plugins protoc-gen-go and protoc-gen-go-grpc, and grpcurl (go install, pinned)
#     into $cache/bin/<name>@<version>/<name>;
#   - a Python venv at $cache/venv with grpcio-tools (protoc + Python and gRPC
#     generators), grpcio, pytest and the generated package from gen/python.
# Idempotent and fast when warm; concurrency-safe (flock). Status goes to stderr,
# stdout is only `export` lines, so callers do:   eval "$(bash scripts/tools.sh)"
# Exports: PATH (plugin dirs + venv first), MITOSIS_VENV, MITOSIS_PYTHON, MITOSIS_GRPCURL.
set -euo pipefail
cd "$(dirname "$0")/.."

PROTOC_GEN_GO_VERSION=v1.36.12
PROTOC_GEN_GO_GRPC_VERSION=v1.6.2
GRPCURL_VERSION=v1.9.4
# The Python toolchain is pinned as one set: grpcio-tools embeds protoc, and the code it
# generates demands protobuf >= its own protoc's version at run time (see gen/python/pyproject.toml).
PYTHON_TOOLS=(grpcio-tools==1.85.1 grpcio==1.85.1 protobuf==7.36.2 googleapis-common-protos==1.76.0
  hatchling==1.33.0 pytest==9.2.0)

cache="${XDG_CACHE_HOME:-$HOME/.cache}/mitosis"
bin="$cache/bin"
venv="$cache/venv"
mkdir -p "$bin"
exec 9>"$cache/tools.lock"
flock 9

log() { echo "tools: $*" >&2; }

# apt_install PKG...: installs Debian packages that are missing (apt-get update once).
apt_updated=
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
  [ -n "$apt_updated" ] || { $sudo apt-get update -qq >&2; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# go_tool NAME PACKAGE VERSION: go-installs one binary into its own versioned folder.
path_dirs=()
go_tool() {
  local name=$1 pkg=$2 version=$3 dir="$bin/$1@$3"
  if [ ! -x "$dir/$name" ]; then
    command -v go >/dev/null || { log "go is required (https://go.dev/dl)"; exit 1; }
    local start=$SECONDS
    rm -rf "$dir.tmp"
    GOBIN="$dir.tmp" go install "$pkg@$version" >&2
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
    log "installed $name $version in $((SECONDS - start))s"
  fi
  path_dirs+=("$dir")
}

go_tool protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go "$PROTOC_GEN_GO_VERSION"
go_tool protoc-gen-go-grpc google.golang.org/grpc/cmd/protoc-gen-go-grpc "$PROTOC_GEN_GO_GRPC_VERSION"
go_tool grpcurl github.com/fullstorydev/grpcurl/cmd/grpcurl "$GRPCURL_VERSION"

# Python venv: rebuilt only when the pinned set changes.
want="${PYTHON_TOOLS[*]}"
if [ "$(cat "$venv/.mitosis-tools" 2>/dev/null)" != "$want" ]; then
  start=$SECONDS
  python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
  rm -rf "$venv"
  python3 -m venv "$venv" >&2 || { apt_install python3-venv; rm -rf "$venv"; python3 -m venv "$venv" >&2; }
  "$venv/bin/pip" install -q --disable-pip-version-check "${PYTHON_TOOLS[@]}" >&2
  echo "$want" >"$venv/.mitosis-tools"
  log "created Python venv ($want) in $((SECONDS - start))s"
fi

# The generated Python package, reinstalled whenever gen/python changes.
if [ -f gen/python/pyproject.toml ] && [ -d gen/python/mitosis ]; then
  sum=$(find gen/python -type f ! -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  if [ "$(cat "$venv/.mitosis-gen-python" 2>/dev/null)" != "$sum" ]; then
    start=$SECONDS
    "$venv/bin/pip" install -q --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./gen/python >&2
    "$venv/bin/pip" check >&2
    echo "$sum" >"$venv/.mitosis-gen-python"
    log "installed gen/python into the venv in $((SECONDS - start))s"
  fi
fi

dirs=$(IFS=:; echo "${path_dirs[*]}")
printf 'export PATH=%q:"$PATH"\n' "$venv/bin:$dirs"
printf 'export MITOSIS_VENV=%q\n' "$venv"
printf 'export MITOSIS_PYTHON=%q\n' "$venv/bin/python"
printf 'export MITOSIS_GRPCURL=%q\n' "$bin/grpcurl@$GRPCURL_VERSION/grpcurl"
