import { mkdir, mkdtemp, readdir, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { type Run, run } from "./run.js";

/**
 * The environment of a user's shell: `prefixBin` first on PATH, then the pinned Node (npm and
 * mi's shebang find it there); no npm_* settings of an `npm test` or `npm run bench` running
 * this, no NODE_OPTIONS or NODE_PATH (so no tsx loader, no modules of this repository), no
 * MITOSIS_* or MI_* settings of the caller's shell. `home` replaces HOME; without it HOME stays
 * (npm needs its registry settings and cache).
 */
export function userEnv(opts: { prefixBin?: string; home?: string; extra?: Record<string, string> } = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|NODE_OPTIONS$|NODE_PATH$|MITOSIS_|MI_|VITEST)/i.test(name)) continue;
    env[name] = value;
  }
  const path = [...(opts.prefixBin ? [opts.prefixBin] : []), dirname(process.execPath), process.env.PATH ?? ""];
  return { ...env, PATH: path.join(delimiter), ...(opts.home ? { HOME: opts.home } : {}), ...opts.extra };
}

/** npm, as the user's shell finds it; fails with npm's output if npm fails. */
export async function npm(args: string[], cwd: string): Promise<string> {
  // Few, short fetch retries: an unreachable registry should fail in seconds, not minutes.
  const flags = ["--no-audit", "--no-fund", "--loglevel=error", "--fetch-retries=1", "--fetch-timeout=60000"];
  const result = await run("npm", [...args, ...flags], { cwd, env: userEnv() });
  if (result.code !== 0) throw new Error(`npm ${args.join(" ")} failed (${result.code}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** The SDK packed and installed globally, as the SDK guide's `npm install -g @mitosislabs/sdk`. */
export interface InstalledSdk {
  /** Temporary directory holding everything below. */
  dir: string;
  /** The `npm pack` tarball. */
  tarball: string;
  /** The global prefix it is installed into (`<prefix>/bin/mi`). */
  prefix: string;
  /** HOME of the `mi` runs, so they never touch the real ~/.mi. */
  home: string;
  /** The environment `mi` and scripts run with: the prefix's bin first on PATH, HOME = `home`. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  /** Runs the installed `mi` from an unrelated directory. */
  mi(args: string[], input?: string): Promise<Run>;
  /** Deletes the directory. */
  remove(): Promise<void>;
}

/**
 * Packs sdk/ with `npm pack` (its prepack script builds sdk/dist), then installs the tarball
 * globally into a temporary prefix; its dependencies come from the registry.
 */
export async function installPackedSdk(): Promise<InstalledSdk> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), "mi-sdk-package-")));
  try {
    const prefix = join(dir, "global");
    const home = join(dir, "home");
    await Promise.all([mkdir(prefix), mkdir(home)]);
    await npm(["pack", "--pack-destination", dir], resolve("sdk"));
    const packed = (await readdir(dir)).filter((f) => f.endsWith(".tgz"));
    if (packed.length !== 1) throw new Error(`npm pack left ${packed.length} tarballs in ${dir}`);
    const tarball = join(dir, packed[0]!);
    await npm(["install", "-g", "--prefix", prefix, tarball], dir);
    const env = (extra: Record<string, string> = {}) => userEnv({ prefixBin: join(prefix, "bin"), home, extra });
    return {
      dir,
      tarball,
      prefix,
      home,
      env,
      mi: (args, input) => run("mi", args, { cwd: dir, env: env(), input }),
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
