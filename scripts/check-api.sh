#!/usr/bin/env bash
# API hygiene: buf lint, buf breaking against the previous commit, and gen/ up to date with proto/.
set -euo pipefail
cd "$(dirname "$0")/.."
# Run on the Node 24 the project pins (node_modules/.bin/node), also when called without npm.
export PATH="$PWD/node_modules/.bin:$PATH"
buf=node_modules/.bin/buf

bash scripts/third-party.sh
"$buf" lint

# Breaking changes: compare with the API of the previous commit (if it had one).
if git rev-parse -q --verify HEAD~1 >/dev/null && git cat-file -e HEAD~1:proto 2>/dev/null; then
  base=$(mktemp -d)
  git archive HEAD~1 proto | tar -x -C "$base"
  cp -r third_party "$base/"
  cp buf.yaml "$base/"
  "$buf" breaking --against "$base"
  rm -rf "$base"
fi

# gen/ must be exactly what the generators make from proto/ now.
before=$(mktemp -d)
cp -r gen "$before/"
bash scripts/generate.sh >/dev/null
if ! diff -r -q "$before/gen" gen >/dev/null; then
  diff -r -q "$before/gen" gen >&2 || true
  echo "check-api: gen/ was stale; it has been regenerated now - review and commit it" >&2
  rm -rf "$before"
  exit 1
fi
rm -rf "$before"
echo "check-api: lint, breaking and generated code OK" >&2
