import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { interopTools, passedTests, run, type InteropTools } from "./support.js";

// A Python grpcio client, using the package built from gen/python (installed in the cached
// venv by scripts/tools.sh), runs the office flow against the real server.
let server: TestServer;
let tools: InteropTools;

beforeAll(async () => {
  [server, tools] = await Promise.all([startTestServer(), interopTools()]);
});
afterAll(() => server?.stop());

describe("Python grpcio client (gen/python)", () => {
  it("the package imports from the venv, not from the source tree", async () => {
    const where = await run(tools.python, ["-c", "import mitosis.v1.office_pb2 as m; print(m.__file__)"], {
      env: tools.env,
      cwd: "/",
    });
    expect(where.stderr).toBe("");
    expect(where.stdout).toMatch(/site-packages\/mitosis\/v1\/office_pb2\.py/);
  });

  it("creates, lists, reads, updates and deletes an office, and gets the right error codes", async () => {
    const other = await server.newAccount("python other");
    const res = await run(tools.python, ["-m", "pytest", "-v", "-p", "no:cacheprovider", "test/interop/python"], {
      env: {
        ...tools.env,
        PYTHONDONTWRITEBYTECODE: "1",
        MITOSIS_TARGET: `127.0.0.1:${server.port}`,
        MITOSIS_API_KEY: (await server.newAccount("python")).apiKey,
        MITOSIS_OTHER_API_KEY: other.apiKey,
      },
    });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(passedTests(res.stdout).sort()).toEqual([
      "test_another_accounts_office_is_not_found",
      "test_invalid_requests_are_invalid_argument",
      "test_missing_key_is_unauthenticated",
      "test_office_lifecycle",
      "test_unknown_office_is_not_found",
      "test_wrong_key_is_unauthenticated",
    ]);
  });
});
