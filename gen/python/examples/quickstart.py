"""Quickstart: create an office, create a task, claim it as an agent and complete it.

Hand-written example kept by scripts/generate.sh (see gen/python/README.md). It reads the
server from MITOSIS_ENDPOINT (default http://127.0.0.1:8080) and the API key from
MITOSIS_API_KEY, the variables the mi CLI and the TypeScript SDK read too, and speaks
plaintext gRPC to the endpoint's host:port.
"""

import os
import sys
from urllib.parse import urlsplit

import grpc

from mitosis.v1 import office_pb2, office_pb2_grpc, task_pb2, task_pb2_grpc

AGENT = "analyst"
TIMEOUT_SECONDS = 10


def grpc_target(endpoint: str) -> str:
    """host:port for grpc.insecure_channel, from "http://host:port" or a bare "host:port"."""
    if "://" not in endpoint:
        return endpoint
    url = urlsplit(endpoint)
    if url.scheme != "http":
        # A TLS server needs grpc.secure_channel(target, grpc.ssl_channel_credentials()).
        sys.exit(f"quickstart: {endpoint}: this example speaks plaintext gRPC, give an http:// endpoint")
    return url.netloc if url.port else f"{url.netloc}:80"


def status(task: task_pb2.Task) -> str:
    return task_pb2.TaskStatus.Name(task.status)


def main() -> None:
    endpoint = os.environ.get("MITOSIS_ENDPOINT", "http://127.0.0.1:8080")
    key = os.environ.get("MITOSIS_API_KEY")
    if not key:
        sys.exit("quickstart: set MITOSIS_API_KEY to your API key")
    # Every call carries the key as gRPC metadata: `authorization: Bearer <key>`.
    auth = [("authorization", f"Bearer {key}")]

    with grpc.insecure_channel(grpc_target(endpoint)) as channel:
        offices = office_pb2_grpc.OfficeServiceStub(channel)
        tasks = task_pb2_grpc.TaskServiceStub(channel)

        office = offices.CreateOffice(
            office_pb2.CreateOfficeRequest(name="Quickstart"), metadata=auth, timeout=TIMEOUT_SECONDS
        ).office
        print(f'created office {office.id} "{office.name}"')

        task = tasks.CreateTask(
            task_pb2.CreateTaskRequest(office_id=office.id, title="Review pipeline", kind=task_pb2.TASK_KIND_REVIEW),
            metadata=auth,
            timeout=TIMEOUT_SECONDS,
        ).task
        print(f'created task {task.id} "{task.title}" ({status(task)})')

        # An agent claims the next task of the office's queue and gets a lease on it.
        claim = tasks.ClaimTask(
            task_pb2.ClaimTaskRequest(office_id=office.id, agent=AGENT), metadata=auth, timeout=TIMEOUT_SECONDS
        )
        if not claim.HasField("task"):
            sys.exit("quickstart: no task to claim")
        print(f"claimed task {claim.task.id} as {AGENT} ({status(claim.task)})")

        # The lease holder finishes the task; done needs a result (the proof of work).
        done = tasks.UpdateTask(
            task_pb2.UpdateTaskRequest(
                office_id=office.id,
                task_id=claim.task.id,
                agent=AGENT,
                lease_token=claim.lease_token,
                status=task_pb2.TASK_STATUS_DONE,
                result="No issues found",
            ),
            metadata=auth,
            timeout=TIMEOUT_SECONDS,
        ).task
        print(f"completed task {done.id} ({status(done)})")


if __name__ == "__main__":
    try:
        main()
    except grpc.RpcError as err:
        # Failures are gRPC status codes, e.g. UNAUTHENTICATED for a wrong key.
        sys.exit(f"quickstart: {err.code().name}: {err.details()}")
