import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";

const TSC = resolve("node_modules/typescript/bin/tsc");
const BUILD_CONFIG = resolve("sdk/tsconfig.build.json");

/**
 * Builds the `@mitosislabs/sdk` package (sdk/dist) as `npm run build -w sdk` does. Incremental:
 * with nothing changed since the last build it takes about a second and rewrites no file, so
 * it is safe while other tests run the built `mi`.
 */
export async function buildSdk(): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [TSC, "-p", BUILD_CONFIG]);
  } catch (err) {
    const { stdout = "", stderr = "" } = err as { stdout?: string; stderr?: string };
    throw new Error(`building the SDK package failed:\n${stdout}${stderr}`);
  }
}
