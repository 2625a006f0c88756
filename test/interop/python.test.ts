import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { expectQuickstartDone, interopTools, passedTests, readmeSteps, toolCache, type InteropTools } from "./support.js";
import { repoRoot, run } from "../support/run.js";

// A Python grpcio client, using the package built from gen/python (installed in the cached
// venv by scripts/tools.sh), runs the office flow against the real server; and a user's
// install of that package, done the way gen/python/README.md says, runs its quickstart.
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

describe("gen/python/README.md, followed as written", () => {
  it("installs the package into a fresh venv and its quickstart creates an office and a task, claimed and done", async () => {
    const account = await server.newAccount("python quickstart");
    const { script, prints } = await readmeSteps("gen/python/README.md");
    const home = await mkdtemp(path.join(os.tmpdir(), "mi-python-readme-"));
    try {
      // The README's blocks in a new empty folder: `python3 -m venv .venv`, activate, pip install
      // "$MITOSIS/gen/python", run the example. python3 is the cached tool venv's (first on PATH);
      // a venv made from it is a fresh one on the same base Python, with only what pip installs.
      const res = await run("bash", ["-euo", "pipefail", "-c", script], {
        cwd: home,
        env: {
          ...tools.env,
          MITOSIS: repoRoot,
          MITOSIS_ENDPOINT: server.url,
          MITOSIS_API_KEY: account.apiKey,
          // pip's downloads (grpcio, protobuf, hatchling for the build) outside the repo.
          PIP_CACHE_DIR: path.join(toolCache, "pip"),
          PIP_DISABLE_PIP_VERSION_CHECK: "1",
        },
      });
      expect(res.code, res.stdout + res.stderr).toBe(0);
      await expectQuickstartDone(res.stdout, prints, server.url, account.apiKey);
      // The package carries PEP 561 markers, so type checkers read its .pyi stubs.
      const typed = await run(
        path.join(home, ".venv/bin/python"),
        ["-c", "import importlib.resources as r; print(r.files('mitosis.v1').joinpath('py.typed').is_file())"],
        { cwd: home },
      );
      expect(typed.stdout + typed.stderr).toBe("True\n");
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
