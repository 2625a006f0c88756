import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { OfficeService } from "../../gen/ts/mitosis/v1/office_pb.js";
import { TaskEventType, TaskKind, TaskService, TaskStatus } from "../../gen/ts/mitosis/v1/task_pb.js";
import { clientFor } from "../support/clients.js";
import { repoRoot, run } from "../support/run.js";

/** The non-npm tools of scripts/tools.sh, installed (or found in the cache) for this run. */
export interface InteropTools {
  /** process.env plus the tool folders and the venv first on PATH. */
  env: NodeJS.ProcessEnv;
  /** Python of the cached venv that has grpcio and gen/python installed. */
  python: string;
  /** grpcurl binary. */
  grpcurl: string;
}

/** Runs scripts/tools.sh (fast when warm; a cold machine pays the installs once). */
export async function interopTools(): Promise<InteropTools> {
  const script = 'eval "$(bash scripts/tools.sh)" && printf "%s\\0%s\\0%s" "$PATH" "$MITOSIS_PYTHON" "$MITOSIS_GRPCURL"';
  const res = await run("bash", ["-c", script]);
  if (res.code !== 0) throw new Error(`scripts/tools.sh failed (${res.code}):\n${res.stderr}`);
  const [PATH, python, grpcurl] = res.stdout.split("\0") as [string, string, string];
  return { env: { ...process.env, PATH }, python, grpcurl };
}

/** Names of the tests a `go test -v` or `pytest -v` run reports as passed. */
export function passedTests(output: string): string[] {
  const go = [...output.matchAll(/^\s*--- PASS: (\S+)/gm)].map((m) => m[1]!);
  const py = [...output.matchAll(/::(\w+) PASSED/g)].map((m) => m[1]!);
  return [...go, ...py];
}

/** Download caches of the README tests (pip), outside the repo like scripts/tools.sh's, so reruns are fast. */
export const toolCache = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "mitosis");

/**
 * What a client README (path relative to the repo) tells a user to do and what it says they
 * will see: its ```sh blocks marked by a `<!-- test/interop/... -->` comment on the line
 * before, joined in order into one script, and the fenced block after "It prints:". The tests
 * run the script as it is, so a README whose steps do not work fails them.
 */
export async function readmeSteps(readme: string): Promise<{ script: string; prints: string }> {
  const text = await readFile(path.join(repoRoot, readme), "utf8");
  const blocks = [...text.matchAll(/^<!-- test\/interop\/[^\n]*-->\n```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const prints = /^It prints:\n\n```\n([\s\S]*?)^```$/m.exec(text)?.[1];
  if (blocks.length === 0 || prints === undefined) throw new Error(`${readme}: no marked sh blocks or no "It prints:" block`);
  return { script: blocks.join(""), prints };
}

/**
 * Checks a quickstart example's output against what its README says it prints (the office id
 * aside), then asks the server, through the TypeScript client, that the office and the task
 * exist for `apiKey` and that the task was claimed by the agent and is done with its result.
 */
export async function expectQuickstartDone(stdout: string, readmePrints: string, serverUrl: string, apiKey: string) {
  // The lines before the example's are the install steps' own output (pip prints on stdout).
  const lines = stdout.split("\n");
  const printed = lines.slice(lines.findIndex((l) => l.startsWith("created office "))).join("\n");
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
  const escaped = readmePrints.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(uuid, "([0-9a-f-]{36})");
  const match = new RegExp(`^${escaped}$`).exec(printed);
  expect(match, `example printed:\n${stdout}\nREADME says:\n${readmePrints}`).not.toBeNull();
  const officeId = match![1]!;
  const taskId = BigInt(/^completed task (\d+) /m.exec(printed)![1]!);

  const office = (await clientFor(OfficeService, serverUrl, apiKey).getOffice({ officeId })).office;
  expect(office?.name).toBe("Quickstart");
  const got = await clientFor(TaskService, serverUrl, apiKey).getTask({ officeId, taskId });
  expect(got.task).toMatchObject({ title: "Review pipeline", kind: TaskKind.REVIEW, status: TaskStatus.DONE, result: "No issues found" });
  expect(got.logs.filter((l) => l.type === TaskEventType.CLAIMED).map((l) => l.actor)).toEqual(["analyst"]);
}
