// Runs in every test worker (vitest setupFiles). A worker is a child process of the runner
// with an IPC channel to it; when the runner is gone (interrupted, killed, timed out in CI), the
// channel closes and the worker exits at once, so the servers, Postgres clusters and MinIO
// processes it started (tethered to it) stop too, instead of running on until the test ends.
const key = Symbol.for("mitosis.exitWithRunner");
const scope = globalThis as { [key]?: boolean };
if (process.send && !scope[key]) {
  scope[key] = true;
  process.once("disconnect", () => process.exit(1));
}
