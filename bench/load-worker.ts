import { parentPort, workerData } from "node:worker_threads";
import { OfficeService } from "../gen/ts/mitosis/v1/office_pb.js";
import { clientFor } from "../test/support/clients.js";
import { measure } from "./measure.js";

/** Load generator thread: drives GetOffice against one server so the server keeps its own core. */
const { name, url, apiKey, protocol, officeId, seconds, concurrency } = workerData as {
  name: string;
  url: string;
  apiKey: string | undefined;
  protocol: "grpc" | "connect";
  officeId: string;
  seconds: number;
  concurrency: number;
};
const client = clientFor(OfficeService, url, apiKey, protocol);
const result = await measure(name, () => client.getOffice({ officeId }), { seconds, concurrency });
parentPort!.postMessage(result);
