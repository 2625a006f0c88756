import { defineConfig } from "vitest/config";

// scripts/test.sh runs one spec of test/self-check/ alone through MI_TEST_SELF_CHECK, with the
// same global setup, to prove that a failing spec fails the run.
const selfCheck = process.env.MI_TEST_SELF_CHECK;

export default defineConfig({
  test: {
    include: selfCheck ? [selfCheck] : ["src/**/*.test.ts", "sdk/**/*.test.ts", "cli/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/support/exit-with-runner.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
