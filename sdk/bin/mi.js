#!/usr/bin/env node
// `mi`, as installed with the SDK: the compiled CLI (npm run build -w sdk), no TypeScript at run time.
import { main } from "../dist/cli/src/main.js";

// Set the code instead of calling exit() so pending stdout writes are flushed first.
process.exitCode = await main(process.argv.slice(2));
