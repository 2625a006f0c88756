#!/usr/bin/env node
// Development entry: runs the CLI's TypeScript sources through tsx (compiled on load), so
// `node cli/bin/mi.js ...` works without a build. Users get the compiled `mi` of
// @mitosislabs/sdk (sdk/bin/mi.js) instead.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
// Set the code instead of calling exit() so pending stdout writes are flushed first.
process.exitCode = await main(process.argv.slice(2));
