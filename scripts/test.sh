#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh machine. Installs everything it needs (npm packages,
# protoc plugins, grpcurl, a Python venv, the MinIO and versitygw S3 servers, and
# kube-apiserver, etcd and kwok for a test Kubernetes cluster, cached under ~/.cache/mitosis),
# checks the API (lint, breaking, generated code), lints and format-checks the TypeScript
# (biome), type-checks, then runs every vitest file against a real Postgres, a real MinIO and
# a real versitygw started for the run. It first proves that a failing spec makes it exit
# non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
# Run on the Node 24 the project pins (node_modules/.bin/node), also when called without npm.
export PATH="$PWD/node_modules/.bin:$PATH"
bash scripts/deps.sh
eval "$(bash scripts/tools.sh)"
MI_MINIO_BIN=$(bash scripts/minio.sh)
export MI_MINIO_BIN
# The maintained S3 server the blob contract runs on next to MinIO (and docker-compose.yml uses).
MI_VERSITYGW_BIN=$(bash scripts/versitygw.sh)
export MI_VERSITYGW_BIN
# kube-apiserver, etcd and kwok for the Kubernetes tests (test/support/kube.ts): KEY=path lines.
kube_env=$(bash scripts/kube.sh)
while IFS= read -r line; do export "${line?}"; done <<<"$kube_env"
bash scripts/check-api.sh
# Lint rules and formatting (biome.json); `npm run fix` applies the formatter and safe fixes.
node_modules/.bin/biome check --error-on-warnings .
node_modules/.bin/tsc -p tsconfig.json --noEmit

# A red test must fail this command. Before the suite, each spec in test/self-check/ (a failed
# assertion; an unhandled rejection) runs alone through the same runner and global setup, and
# the run must exit non-zero after the spec really ran.
self_check=$(mktemp -d)
for spec in test/self-check/*.check.ts; do
  if MI_TEST_SELF_CHECK="$spec" MI_TEST_SELF_CHECK_MARKER="$self_check/ran" \
    node_modules/.bin/vitest run >"$self_check/log" 2>&1; then
    cat "$self_check/log" >&2; rm -rf "$self_check"
    echo "test: self-check FAILED: $spec fails, yet vitest exited 0, so a failing test could pass CI" >&2
    exit 1
  fi
  if [ ! -f "$self_check/ran" ]; then
    cat "$self_check/log" >&2; rm -rf "$self_check"
    echo "test: self-check FAILED: $spec never ran (the runner or its global setup is broken)" >&2
    exit 1
  fi
  rm -f "$self_check/ran"
done
rm -rf "$self_check"
echo "test: self-check passed: a failing spec fails the run" >&2

# exec: signals from npm (or a CI timeout) reach vitest itself, not a shell in between.
exec node_modules/.bin/vitest run "$@"
