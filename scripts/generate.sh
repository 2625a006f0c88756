#!/usr/bin/env bash
# Regenerates everything under gen/ from proto/. Never edit gen/ by hand; the only
# hand-written files there are the package files kept below (`empty ... KEEP`): go.mod,
# go.sum, the READMEs and the examples/ folders that the READMEs run (test/interop tests them).
#   gen/ts, gen/ts-grpc  buf.gen.yaml (protoc-gen-es, ts-proto)
#   gen/go               protoc-gen-go + protoc-gen-go-grpc, managed mode sets go_package
#   gen/python           protoc, pyi and gRPC generators of the pinned grpcio-tools
# Every .proto under proto/ is covered without listing it here. Deterministic: a second
# run leaves no diff (CI regenerates and fails on any).
set -euo pipefail
cd "$(dirname "$0")/.."
# Run on the Node 24 the project pins (node_modules/.bin/node), also when called without npm.
export PATH="$PWD/node_modules/.bin:$PATH"
# One run at a time per checkout: a second run would empty gen/ under the first.
exec 8<"$0"
flock 8
eval "$(bash scripts/tools.sh)"
bash scripts/third-party.sh

GO_MODULE=github.com/mitosis-oss/mitosis/gen/go

# empty DIR KEEP...: removes everything in DIR but the hand-written package files.
empty() {
  local dir=$1; shift
  mkdir -p "$dir"
  local args=()
  for keep in "$@"; do args+=(! -name "$keep"); done
  find "$dir" -mindepth 1 -maxdepth 1 "${args[@]}" -exec rm -rf {} +
}
rm -rf gen/ts gen/ts-grpc
empty gen/go go.mod go.sum README.md examples
empty gen/python pyproject.toml README.md examples

npx buf generate

# Go: managed mode sets go_package for our files only; google/api and buf/validate keep
# their published packages (genproto and buf.build/gen/go, both on the Go module proxy).
# Managed mode's other defaults (java_*, csharp_*...) are switched off so the descriptors
# embedded in the Go code say what proto/ says, plus go_package.
go_template=$(cat <<EOF
version: v2
managed:
  enabled: true
  disable:
    - path: google
    - path: buf
$(for o in java_package java_outer_classname java_multiple_files objc_class_prefix csharp_namespace \
    php_namespace php_metadata_namespace ruby_package; do echo "    - file_option: $o"; done)
  override:
    - file_option: go_package_prefix
      value: $GO_MODULE
inputs:
  - directory: proto
plugins:
  - local: protoc-gen-go
    out: gen/go
    opt: [paths=source_relative]
  - local: protoc-gen-go-grpc
    out: gen/go
    opt: [paths=source_relative]
EOF
)
npx buf generate --template "$go_template"
(cd gen/go && go mod tidy && go build ./...)

# Python: protoc reads the image buf compiled (same parser, lint and imports as the rest).
# buf/validate is generated too: no PyPI package ships it importable as buf.validate
# (protovalidate keeps its copy private). google.api comes from googleapis-common-protos.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npx buf build -o "$tmp/api.binpb"
api_files=$(cd proto && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)
protoc=("$MITOSIS_PYTHON" -m grpc_tools.protoc --descriptor_set_in="$tmp/api.binpb")
# shellcheck disable=SC2086
"${protoc[@]}" --python_out=gen/python --pyi_out=gen/python $api_files buf/validate/validate.proto
# shellcheck disable=SC2086
"${protoc[@]}" --grpc_python_out=gen/python $api_files
# PEP 561 markers, so type checkers use the .pyi stubs of the installed package (without
# them mypy skips it: "module is installed, but missing library stubs or py.typed marker").
# In the leaf folders: mitosis/ and buf/ are namespace packages.
find gen/python -name '*_pb2.py' -exec dirname {} + | LC_ALL=C sort -u | while read -r dir; do : >"$dir/py.typed"; done

# The generated code refuses older runtimes; the package must ask for at least those.
pb=$(sed -n 's/^# Protobuf Python Version: //p' gen/python/buf/validate/validate_pb2.py)
grpc=$(sed -n "s/^GRPC_GENERATED_VERSION = '\(.*\)'/\1/p" "$(find gen/python -name '*_pb2_grpc.py' | head -1)")
for req in "protobuf>=$pb" "grpcio>=$grpc"; do
  grep -q "\"$req," gen/python/pyproject.toml || {
    echo "generate: gen/python/pyproject.toml must require $req (the generated code's minimum)" >&2
    exit 1
  }
done
