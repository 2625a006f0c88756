#!/usr/bin/env bash
# Copies the third-party .proto files our API imports into third_party/ from
# installed packages: google/api/* and google/rpc/error_details from the npm package google-proto-files,
# buf/validate/* from the Go module github.com/bufbuild/protovalidate, and the gRPC
# health and reflection services (served by src/rpc/health.ts and reflection.ts)
# from the npm packages grpc-health-check and @grpc/reflection.
set -euo pipefail
cd "$(dirname "$0")/.."
PROTOVALIDATE_VERSION=v1.2.2  # the version @bufbuild/protovalidate (npm) is built against
out=third_party
rm -rf "$out" && mkdir -p "$out/google/api" "$out/google/rpc" "$out/buf/validate" "$out/grpc/health/v1"
for f in annotations http field_behavior; do
  cp "node_modules/google-proto-files/google/api/$f.proto" "$out/google/api/"
done
# google.rpc.ErrorInfo and RetryInfo: the error details our errors carry (src/rpc/errors.ts).
cp node_modules/google-proto-files/google/rpc/error_details.proto "$out/google/rpc/"
dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/bufbuild/protovalidate@$PROTOVALIDATE_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
cp "$dir/proto/protovalidate/buf/validate/validate.proto" "$out/buf/validate/"
cp node_modules/grpc-health-check/proto/health/v1/health.proto "$out/grpc/health/v1/"
for v in v1 v1alpha; do
  mkdir -p "$out/grpc/reflection/$v"
  cp "node_modules/@grpc/reflection/build/proto/grpc/reflection/$v/reflection.proto" "$out/grpc/reflection/$v/"
done
chmod -R u+w "$out"
