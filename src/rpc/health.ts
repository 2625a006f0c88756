import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import {
  Health,
  HealthCheckResponseSchema,
  HealthCheckResponse_ServingStatus as ServingStatus,
} from "../../gen/ts/grpc/health/v1/health_pb.js";

/** grpc.health.v1 serving status (UNKNOWN, SERVING, NOT_SERVING, SERVICE_UNKNOWN). */
export { ServingStatus };

type Listener = (service: string, status: ServingStatus) => void;

/**
 * Serving status per service name, "" standing for the whole server (SERVING from the
 * start, as in grpc-go). The server marks its services at start-up and calls `drain()`
 * on graceful shutdown, so load balancers stop sending traffic before connections close.
 */
export class HealthState {
  private readonly statuses = new Map<string, ServingStatus>([["", ServingStatus.SERVING]]);
  private readonly listeners = new Set<Listener>();
  private draining = false;

  /** Sets one service's status ("" for the server); ignored while draining. */
  setServing(service: string, status: ServingStatus): void {
    if (this.draining) return;
    this.set(service, status);
  }

  /** Marks everything NOT_SERVING and ignores later `setServing` calls (graceful shutdown). */
  drain(): void {
    this.draining = true;
    for (const service of this.statuses.keys()) this.set(service, ServingStatus.NOT_SERVING);
  }

  /** Status of one service, or undefined when it was never set. */
  status(service: string): ServingStatus | undefined {
    return this.statuses.get(service);
  }

  /** Every known service with its status. */
  list(): Map<string, ServingStatus> {
    return new Map(this.statuses);
  }

  /**
   * The service's status now (SERVICE_UNKNOWN if never set), then every change, until
   * `signal` aborts. Watchers that fall behind see only the latest status, as the gRPC
   * health protocol allows.
   */
  async *watch(service: string, signal: AbortSignal): AsyncGenerator<ServingStatus> {
    let latest = this.statuses.get(service) ?? ServingStatus.SERVICE_UNKNOWN;
    let wake: (() => void) | undefined;
    const listener: Listener = (changed, status) => {
      if (changed !== service) return;
      latest = status;
      wake?.();
    };
    const onAbort = () => wake?.();
    this.listeners.add(listener);
    signal.addEventListener("abort", onAbort);
    try {
      let sent = latest;
      yield sent;
      while (!signal.aborted) {
        if (latest === sent) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        if (!signal.aborted && latest !== sent) {
          sent = latest;
          yield sent;
        }
      }
    } finally {
      this.listeners.delete(listener);
      signal.removeEventListener("abort", onAbort);
    }
  }

  private set(service: string, status: ServingStatus): void {
    if (this.statuses.get(service) === status) return;
    this.statuses.set(service, status);
    for (const listener of this.listeners) listener(service, status);
  }
}

/**
 * Serves `grpc.health.v1.Health` (Check, Watch, List) from `health`, for Kubernetes gRPC
 * probes, grpc_health_probe and load balancers.
 */
export function registerHealth(router: ConnectRouter, health: HealthState): void {
  router.service(Health, {
    check(req) {
      const status = health.status(req.service);
      if (status === undefined) throw new ConnectError(`unknown service "${req.service}"`, Code.NotFound);
      return { status };
    },
    async *watch(req, ctx) {
      for await (const status of health.watch(req.service, ctx.signal)) yield { status };
    },
    list() {
      const statuses: Record<string, ReturnType<typeof checkResponse>> = {};
      for (const [service, status] of health.list()) statuses[service] = checkResponse(status);
      return { statuses };
    },
  });
}

function checkResponse(status: ServingStatus) {
  return create(HealthCheckResponseSchema, { status });
}
