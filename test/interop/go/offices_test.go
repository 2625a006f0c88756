// Package interop runs the office flow through grpc-go and the generated code in gen/go.
// test/interop/go.test.ts starts a real server and passes its address and two API keys
// of different accounts in MITOSIS_TARGET, MITOSIS_API_KEY and MITOSIS_OTHER_API_KEY.
package interop

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	mitosisv1 "github.com/mitosis-oss/mitosis/gen/go/mitosis/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

func env(t *testing.T, name string) string {
	t.Helper()
	value := os.Getenv(name)
	if value == "" {
		t.Fatalf("%s is not set: run through `npx vitest run test/interop/go.test.ts`", name)
	}
	return value
}

func offices(t *testing.T) mitosisv1.OfficeServiceClient {
	t.Helper()
	conn, err := grpc.NewClient(env(t, "MITOSIS_TARGET"), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return mitosisv1.NewOfficeServiceClient(conn)
}

// as returns a context carrying `Authorization: Bearer key`; no key means no header.
func as(t *testing.T, key string) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	if key == "" {
		return ctx
	}
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+key)
}

func wantCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	if got := status.Code(err); got != want {
		t.Fatalf("got %v (%v), want %v", got, err, want)
	}
}

func TestOfficeLifecycle(t *testing.T) {
	client, ctx := offices(t), as(t, env(t, "MITOSIS_API_KEY"))
	created, err := client.CreateOffice(ctx, &mitosisv1.CreateOfficeRequest{Name: "interop go"})
	if err != nil {
		t.Fatal(err)
	}
	office := created.GetOffice()
	if office.GetName() != "interop go" || len(office.GetId()) != 36 || office.GetStatus() != mitosisv1.OfficeState_OFFICE_STATE_ACTIVE {
		t.Fatalf("unexpected office %v", office)
	}

	listed, err := client.ListOffices(ctx, &mitosisv1.ListOfficesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, o := range listed.GetOffices() {
		found = found || o.GetId() == office.GetId()
	}
	if !found {
		t.Fatalf("office %s missing from list %v", office.GetId(), listed.GetOffices())
	}

	got, err := client.GetOffice(ctx, &mitosisv1.GetOfficeRequest{OfficeId: office.GetId()})
	if err != nil || !proto.Equal(got.GetOffice(), office) {
		t.Fatalf("get: %v %v, want %v", got, err, office)
	}

	updated, err := client.UpdateOfficeSettings(ctx, &mitosisv1.UpdateOfficeSettingsRequest{
		OfficeId:                office.GetId(),
		AllowAgentHiring:        proto.Bool(true),
		AgentIdleTimeoutMinutes: proto.Int32(45),
		DefaultModelTier:        proto.String("opus"),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := &mitosisv1.OfficeSettings{AllowAgentHiring: true, AgentIdleTimeoutMinutes: 45, DefaultModelTier: "opus"}
	if !proto.Equal(updated.GetSettings(), want) {
		t.Fatalf("update: got %v, want %v", updated.GetSettings(), want)
	}
	// Fields left out of an update keep their value (proto3 optional presence on the wire).
	if _, err := client.UpdateOfficeSettings(ctx, &mitosisv1.UpdateOfficeSettingsRequest{
		OfficeId: office.GetId(), AllowAgentHiring: proto.Bool(false),
	}); err != nil {
		t.Fatal(err)
	}
	stored, err := client.GetOfficeSettings(ctx, &mitosisv1.GetOfficeSettingsRequest{OfficeId: office.GetId()})
	want.AllowAgentHiring = false
	if err != nil || !proto.Equal(stored.GetSettings(), want) {
		t.Fatalf("settings: got %v %v, want %v", stored.GetSettings(), err, want)
	}

	if _, err := client.DeleteOffice(ctx, &mitosisv1.DeleteOfficeRequest{OfficeId: office.GetId()}); err != nil {
		t.Fatal(err)
	}
	_, err = client.GetOffice(ctx, &mitosisv1.GetOfficeRequest{OfficeId: office.GetId()})
	wantCode(t, err, codes.NotFound)
}

func TestMissingKeyIsUnauthenticated(t *testing.T) {
	_, err := offices(t).ListOffices(as(t, ""), &mitosisv1.ListOfficesRequest{})
	wantCode(t, err, codes.Unauthenticated)
}

func TestWrongKeyIsUnauthenticated(t *testing.T) {
	_, err := offices(t).ListOffices(as(t, "mi_not_a_real_key"), &mitosisv1.ListOfficesRequest{})
	wantCode(t, err, codes.Unauthenticated)
}

func TestUnknownOfficeIsNotFound(t *testing.T) {
	ctx := as(t, env(t, "MITOSIS_API_KEY"))
	_, err := offices(t).GetOffice(ctx, &mitosisv1.GetOfficeRequest{OfficeId: "6b1f3c1e-5d2a-4c39-9a57-0f7e3e4b2a10"})
	wantCode(t, err, codes.NotFound)
}

func TestAnotherAccountsOfficeIsNotFound(t *testing.T) {
	client := offices(t)
	mine, err := client.CreateOffice(as(t, env(t, "MITOSIS_API_KEY")), &mitosisv1.CreateOfficeRequest{Name: "private"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.GetOffice(as(t, env(t, "MITOSIS_OTHER_API_KEY")), &mitosisv1.GetOfficeRequest{OfficeId: mine.GetOffice().GetId()})
	wantCode(t, err, codes.NotFound)
}

func TestInvalidRequestsAreInvalidArgument(t *testing.T) {
	client, ctx := offices(t), as(t, env(t, "MITOSIS_API_KEY"))
	_, err := client.CreateOffice(ctx, &mitosisv1.CreateOfficeRequest{Name: ""})
	wantCode(t, err, codes.InvalidArgument)
	if !strings.Contains(status.Convert(err).Message(), "name") {
		t.Fatalf("message should name the field: %v", err)
	}
	_, err = client.GetOffice(ctx, &mitosisv1.GetOfficeRequest{OfficeId: "not-a-uuid"})
	wantCode(t, err, codes.InvalidArgument)
}
