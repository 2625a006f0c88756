#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx compiles them on load.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
// Set the code instead of calling exit() so pending stdout writes are flushed first.
process.exitCode = await main(process.argv.slice(2));
