import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { interopTools, passedTests, repoRoot, run, type InteropTools } from "./support.js";

// A grpc-go client (`go test` in test/interop/go, gen/go through a replace directive) runs
// the office flow against the real server.
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
