/**
 * The version `mi` reports: the one of the package it is installed from. `mi` ships in
 * `@mitosislabs/sdk`, so that package's version is read, by name, which resolves to the
 * workspace package in this repository and to the installed package itself (a
 * self-reference) once published. Kept free of SDK imports so `mi --version` stays cheap.
 */
import { createRequire } from "node:module";

const pkg = createRequire(import.meta.url)("@mitosislabs/sdk/package.json") as { version: string };

/** The SDK package's version, e.g. `0.1.0`. */
export const VERSION: string = pkg.version;

/** What `mi --version` prints: `mi/0.1.0 linux-x64 node-v24.21.0` (name/version, platform, Node). */
export function versionLine(): string {
  return `mi/${VERSION} ${process.platform}-${process.arch} node-${process.version}`;
}
