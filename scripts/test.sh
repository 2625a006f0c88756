#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh machine. Installs everything it needs (npm packages,
# protoc plugins, grpcurl, a Python venv and a MinIO server, cached under ~/.cache/mitosis),
# checks the API (lint, breaking, generated code), type-checks, then runs every vitest file
# against a real Postgres and a real MinIO started for the run.
set -euo pipefail
cd "$(dirname "$0")/.."
# Run on the Node 24 the project pins (node_modules/.bin/node), also when called without npm.
export PATH="$PWD/node_modules/.bin:$PATH"
bash scripts/deps.sh
eval "$(bash scripts/tools.sh)"
MI_MINIO_BIN=$(bash scripts/minio.sh)
export MI_MINIO_BIN
bash scripts/check-api.sh
node_modules/.bin/tsc -p tsconfig.json --noEmit
node_modules/.bin/vitest run "$@"
