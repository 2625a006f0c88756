// Generated Go messages and gRPC clients/servers for the Mitosis-OSS API.
// Hand-written, like README.md and examples/ (the quickstart the README runs); go.sum is
// kept and tidied by scripts/generate.sh, which generates everything else under this folder.
module github.com/mitosis-oss/mitosis/gen/go

go 1.26.0

require (
	// buf/validate as published by its authors (the BSR commit of protovalidate v1.2.2,
	// the version scripts/third-party.sh copies); served by the Go module proxy.
	buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go v1.36.12-20260709200747-435963d16310.1
	google.golang.org/genproto/googleapis/api v0.0.0-20261026165753-2ffab32bce7e
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
)

require (
	golang.org/x/net v0.60.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
	golang.org/x/text v0.42.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20261019180522-ce908d29299b // indirect
)
