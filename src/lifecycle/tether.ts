import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";

let setpriv: string | null | undefined;

/** util-linux's `setpriv`, when this machine has it (every Linux distribution ships util-linux). */
function findSetpriv(): string | null {
  if (setpriv !== undefined) return setpriv;
  setpriv = null;
  if (process.platform !== "linux") return setpriv;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).concat(["/usr/bin", "/bin"])) {
    const candidate = path.join(dir, "setpriv");
    try {
      accessSync(candidate, constants.X_OK);
      setpriv = candidate;
      return setpriv;
    } catch {
      // not here
    }
  }
  return setpriv;
}

/**
 * Spawns a helper server (Postgres, MinIO) that the kernel stops with `parentDeathSignal`
 * when this process dies, however it dies (SIGKILL included), so no server outlives the
 * process that started it. Linux only (`setpriv --pdeathsig`); elsewhere a plain spawn.
 */
export function spawnTethered(
  command: string,
  args: readonly string[],
  opts: SpawnOptions & { parentDeathSignal: NodeJS.Signals },
): ChildProcess {
  const { parentDeathSignal, ...spawnOpts } = opts;
  const tether = findSetpriv();
  if (!tether) return spawn(command, args, spawnOpts);
  // setpriv sets the signal after any uid change of `spawnOpts` (which would clear it), then execs.
  return spawn(tether, ["--pdeathsig", parentDeathSignal.replace(/^SIG/, ""), "--", command, ...args], spawnOpts);
}

/** Whether a spawned child has exited. */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Sends `signal`, then SIGKILL when the child has not exited after `killAfterMs`; resolves
 * once it has exited.
 */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals, killAfterMs: number): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  await exited;
  clearTimeout(timer);
}
