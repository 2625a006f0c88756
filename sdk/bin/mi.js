#!/usr/bin/env node
// `mi`, as installed with the SDK: the compiled CLI (npm run build -w sdk), no TypeScript at run time.
import module from "node:module";

// Node's on-disk code cache (Node >= 22.1) saves about a third of loading the SDK and the RPC
// stack on every run after the first, as npm and tsc do for themselves.
module.enableCompileCache?.();
const { main } = await import("../dist/cli/src/main.js");
// Set the code instead of calling exit() so pending stdout writes are flushed first.
process.exitCode = await main(process.argv.slice(2));
