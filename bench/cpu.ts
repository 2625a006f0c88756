import { readdir, readFile } from "node:fs/promises";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds this thread used so far (user + system). */
export function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/**
 * CPU milliseconds used so far by a Postgres cluster: the postmaster, its live children
 * (backends, writers, autovacuum) and the children it already reaped. Linux only; 0 elsewhere.
 */
export async function postgresCpuMs(postmasterPid: number): Promise<number> {
  const own = await procStat(postmasterPid);
  if (!own) return 0;
  let ticks = own.utime + own.stime + own.cutime + own.cstime;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await procStat(Number(entry));
    if (stat?.ppid === postmasterPid) ticks += stat.utime + stat.stime;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds used so far by one process (user + system). Linux only; 0 elsewhere. */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await procStat(pid);
  return stat ? ((stat.utime + stat.stime) * 1000) / TICKS_PER_SECOND : 0;
}

async function procStat(pid: number): Promise<{ ppid: number; utime: number; stime: number; cutime: number; cstime: number } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (!text) return undefined;
  // The command name is in parentheses and may contain spaces: fields count from after it.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const at = (n: number) => Number(fields[n - 3]);
  return { ppid: at(4), utime: at(14), stime: at(15), cutime: at(16), cstime: at(17) };
}
