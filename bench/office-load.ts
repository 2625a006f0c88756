import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { clientFor } from "../test/support/clients.js";
import type { Load } from "./in-worker.js";

/** GetOffice against one server, over gRPC or Connect. */
export async function createLoad(params: Record<string, unknown>): Promise<Load> {
  const { url, apiKey, protocol, officeId } = params as {
    url: string;
    apiKey: string | undefined;
    protocol: "grpc" | "connect";
    officeId: string;
  };
  const client = clientFor(OfficeService, url, apiKey, protocol);
  return { op: () => client.getOffice({ officeId }) };
}
