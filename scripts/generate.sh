#!/usr/bin/env bash
# Regenerates everything under gen/ from proto/. Never edit gen/ by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/third-party.sh
rm -rf gen/ts gen/ts-grpc
npx buf generate
