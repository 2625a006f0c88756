import { describe, expect, it } from "vitest";
import { fakeIO } from "../../test/support/fake-io.js";
import { main } from "./main.js";
import { VERSION } from "./version.js";

// mi in-process with fake streams, for what needs no server: help, version, usage errors.
// Commands that talk to a server run in-process against a real one in test/cli-in-process.test.ts.

/** A server address where nothing listens: reaching it would fail with exit 1, not 2. */
const nowhere = { MITOSIS_ENDPOINT: "http://127.0.0.1:9", MITOSIS_API_KEY: "mi_unused", MI_CONFIG_DIR: "/nonexistent" };

async function mi(argv: string[], opts: Parameters<typeof fakeIO>[0] = {}) {
  const io = fakeIO({ env: nowhere, ...opts });
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe("mi in-process", () => {
  it("prints its version for --version, and help for help, --help and no arguments, on stdout with exit 0", async () => {
    expect(await mi(["--version"])).toEqual({
      code: 0,
      stdout: `mi/${VERSION} ${process.platform}-${process.arch} node-${process.version}\n`,
      stderr: "",
    });
    const help = await mi(["help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Exit codes:/m);
    expect(await mi([])).toEqual(help);
    expect(await mi(["--help"])).toEqual(help);
    const create = await mi(["help", "tasks", "create"]);
    expect(create.stdout).toMatch(/^Usage:\n {2}mi tasks create/m);
    expect(await mi(["tasks", "create", "--help"])).toEqual(create);
    expect(await mi(["colonies", "create", "-h"])).toEqual(await mi(["help", "offices", "create"]));
  });

  it("answers a group without a command with its help on stderr and exit 2", async () => {
    const run = await mi(["colonies"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^mi colonies needs a command\.\n\n.*\n\nUsage:\n {2}mi offices <command>/);
  });

  it("reports usage errors on stderr with exit 2 and a pointer to the command's help, before contacting the server", async () => {
    const cases: [string[], string][] = [
      [
        ["tasks", "create", "--colony", "x"],
        "Missing --title <title>.\nUsage: mi tasks create [officeId] --title <title> [flags]\nRun 'mi tasks create --help' for usage.\n",
      ],
      [["tasks", "list", "--colony", "x", "--json", "id,nme"], 'Unknown JSON field "nme" for mi tasks list.'],
      [["tasks", "list", "--colony", "x", "--limit", "0"], '--limit must be a whole number of at least 1; got "0".'],
      [["colonies", "delete", "x"], "Not deleting office x: mi cannot ask for confirmation here (no terminal). Pass --yes to delete it."],
      [["login"], "admin.key"],
      [["login", "--token", "k", "--with-token"], "Pass the key with --token or --with-token, not both."],
      [["login", "--endpoint", "localhost:8080"], "--endpoint must be an http:// or https:// URL"],
      [["-v"], "Unknown option -v."],
    ];
    for (const [argv, message] of cases) {
      const run = await mi(argv);
      expect({ argv, code: run.code, stdout: run.stdout }).toEqual({ argv, code: 2, stdout: "" });
      expect(run.stderr).toContain(message);
    }
  });

  it("asks for the key at a terminal without echo, and cancels cleanly on Ctrl-C", async () => {
    const io = fakeIO({ tty: true, input: "\u0003", env: nowhere });
    expect(await main(["login"], io)).toBe(1);
    expect(io.rawModes).toEqual([true, false]);
    expect(io.err()).toBe("Paste your API key (input hidden): \nCancelled.\n");
  });

  it("fails with exit 1 and where it tried when the server cannot be reached", async () => {
    const run = await mi(["whoami"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Cannot reach the Mitosis server at http:\/\/127\.0\.0\.1:9: /);
  });
});
