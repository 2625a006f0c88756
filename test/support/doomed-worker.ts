/**
 * A worker process for the kill -9 test: claims one task with a 10 s lease, prints the claim
 * as one JSON line, then keeps renewing the lease every second (as a healthy worker's
 * heartbeat does) and never finishes. The test kills it with SIGKILL mid-task.
 *
 * Usage: node --import tsx test/support/doomed-worker.ts <url> <apiKey> <officeId> <agent>
 */
import { TaskService } from "../../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "./clients.js";

const [url, apiKey, officeId, agent] = process.argv.slice(2) as [string, string, string, string];
const tasks = clientFor(TaskService, url, apiKey);
const leaseDuration = { seconds: 10n, nanos: 0 };
const claim = await tasks.claimTask({ officeId, agent, leaseDuration });
if (!claim.task) {
  process.stderr.write("nothing to claim\n");
  process.exit(2);
}
process.stdout.write(JSON.stringify({ taskId: String(claim.task.id), leaseToken: claim.leaseToken }) + "\n");
setInterval(() => {
  tasks.renewTaskLease({ officeId, taskId: claim.task!.id, leaseToken: claim.leaseToken, leaseDuration }).catch((err) => {
    process.stderr.write(`renew failed: ${String(err)}\n`);
  });
}, 1000);
