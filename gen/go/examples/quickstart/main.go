// Command quickstart creates an office, creates a task, claims it as an agent and
// completes it, through the generated gRPC clients of this module.
//
// Hand-written example kept by scripts/generate.sh (see gen/go/README.md). It reads the
// server from MITOSIS_ENDPOINT (default http://127.0.0.1:8080) and the API key from
// MITOSIS_API_KEY, the variables the mi CLI and the TypeScript SDK read too, and speaks
// plaintext gRPC to the endpoint's host:port.
package main

import (
	"context"
	"fmt"
	"log"
	"net/url"
	"os"
	"strings"
	"time"

	mitosisv1 "github.com/mitosis-oss/mitosis/gen/go/mitosis/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

const agent = "analyst"

// grpcTarget returns host:port for grpc.NewClient, from "http://host:port" or a bare "host:port".
func grpcTarget(endpoint string) string {
	if !strings.Contains(endpoint, "://") {
		return endpoint
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Scheme != "http" {
		// A TLS server needs grpc.WithTransportCredentials(credentials.NewTLS(&tls.Config{})).
		log.Fatalf("quickstart: %s: this example speaks plaintext gRPC, give an http:// endpoint", endpoint)
	}
	if u.Port() == "" {
		return u.Host + ":80"
	}
	return u.Host
}

func main() {
	log.SetFlags(0)
	endpoint := os.Getenv("MITOSIS_ENDPOINT")
	if endpoint == "" {
		endpoint = "http://127.0.0.1:8080"
	}
	key := os.Getenv("MITOSIS_API_KEY")
	if key == "" {
		log.Fatal("quickstart: set MITOSIS_API_KEY to your API key")
	}

	conn, err := grpc.NewClient(grpcTarget(endpoint), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		log.Fatalf("quickstart: %v", err)
	}
	defer conn.Close()
	offices := mitosisv1.NewOfficeServiceClient(conn)
	tasks := mitosisv1.NewTaskServiceClient(conn)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// Every call carries the key as gRPC metadata: `authorization: Bearer <key>`.
	ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+key)

	created, err := offices.CreateOffice(ctx, &mitosisv1.CreateOfficeRequest{Name: "Quickstart"})
	check(err)
	office := created.GetOffice()
	fmt.Printf("created office %s %q\n", office.GetId(), office.GetName())

	newTask, err := tasks.CreateTask(ctx, &mitosisv1.CreateTaskRequest{
		OfficeId: office.GetId(),
		Title:    "Review pipeline",
		Kind:     mitosisv1.TaskKind_TASK_KIND_REVIEW,
	})
	check(err)
	task := newTask.GetTask()
	fmt.Printf("created task %d %q (%s)\n", task.GetId(), task.GetTitle(), task.GetStatus())

	// An agent claims the next task of the office's queue and gets a lease on it.
	claim, err := tasks.ClaimTask(ctx, &mitosisv1.ClaimTaskRequest{OfficeId: office.GetId(), Agent: agent})
	check(err)
	if claim.GetTask() == nil {
		log.Fatal("quickstart: no task to claim")
	}
	fmt.Printf("claimed task %d as %s (%s)\n", claim.GetTask().GetId(), agent, claim.GetTask().GetStatus())

	// The lease holder finishes the task; done needs a result (the proof of work).
	doneStatus, result := mitosisv1.TaskStatus_TASK_STATUS_DONE, "No issues found"
	done, err := tasks.UpdateTask(ctx, &mitosisv1.UpdateTaskRequest{
		OfficeId:   office.GetId(),
		TaskId:     claim.GetTask().GetId(),
		Agent:      agent,
		LeaseToken: claim.GetLeaseToken(),
		Status:     &doneStatus,
		Result:     &result,
	})
	check(err)
	fmt.Printf("completed task %d (%s)\n", done.GetTask().GetId(), done.GetTask().GetStatus())
}

// check exits on a failed call; failures are gRPC status codes, e.g. Unauthenticated for a wrong key.
func check(err error) {
	if err != nil {
		s := status.Convert(err)
		log.Fatalf("quickstart: %s: %s", strings.ToUpper(s.Code().String()), s.Message())
	}
}
