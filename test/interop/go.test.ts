import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { expectQuickstartDone, interopTools, passedTests, readmeSteps, type InteropTools } from "./support.js";
import { repoRoot, run } from "../support/run.js";

// A grpc-go client (`go test` in test/interop/go, gen/go through a replace directive) runs
// the office flow against the real server; and a new module set up the way gen/go/README.md
// says runs its quickstart.
let server: TestServer;
let tools: InteropTools;

beforeAll(async () => {
  [server, tools] = await Promise.all([startTestServer(), interopTools()]);
});
afterAll(() => server?.stop());

describe("Go grpc-go client (gen/go)", () => {
  it("creates, lists, reads, updates and deletes an office, and gets the right error codes", async () => {
    const [mine, other] = [await server.newAccount("go"), await server.newAccount("go other")];
    const res = await run("go", ["test", "-v", "-count=1", "./..."], {
      cwd: path.join(repoRoot, "test/interop/go"),
      env: {
        ...tools.env,
        MITOSIS_TARGET: `127.0.0.1:${server.port}`,
        MITOSIS_API_KEY: mine.apiKey,
        MITOSIS_OTHER_API_KEY: other.apiKey,
      },
    });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(passedTests(res.stdout).sort()).toEqual([
      "TestAnotherAccountsOfficeIsNotFound",
      "TestInvalidRequestsAreInvalidArgument",
      "TestMissingKeyIsUnauthenticated",
      "TestOfficeLifecycle",
      "TestUnknownOfficeIsNotFound",
      "TestWrongKeyIsUnauthenticated",
    ]);
  });
});

describe("gen/go/README.md, followed as written", () => {
  it("a new module using the checkout's gen/go runs the quickstart: an office and a task, claimed and done", async () => {
    const account = await server.newAccount("go quickstart");
    const { script, prints } = await readmeSteps("gen/go/README.md");
    const home = await mkdtemp(path.join(os.tmpdir(), "mi-go-readme-"));
    try {
      // The README's block in a new empty folder: go mod init, replace to "$MITOSIS/gen/go",
      // go get, copy the example, go mod tidy, go run. Go's own caches (module cache, build
      // cache) are outside the repo and shared with the test above, so a rerun downloads
      // nothing. No GOFLAGS=-mod=mod: it would add a go.sum entry the README forgot to have
      // the user add, where the user's go would stop with "missing go.sum entry".
      const res = await run("bash", ["-euo", "pipefail", "-c", script], {
        cwd: home,
        env: { ...tools.env, MITOSIS: repoRoot, MITOSIS_ENDPOINT: server.url, MITOSIS_API_KEY: account.apiKey },
      });
      expect(res.code, res.stdout + res.stderr).toBe(0);
      await expectQuickstartDone(res.stdout, prints, server.url, account.apiKey);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
