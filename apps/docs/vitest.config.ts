import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // What scripts/run-tests.ts counts; set here, not on its command line, so that
    // `pnpm test` and a plain `turbo run test` are the same task and share a cache.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for Chromium to show what a test awaits, and ends as soon as it does;
    // vitest's 1 s default is a wall-clock bound that a busy machine breaks, so the backstop is
    // half a test's limit instead.
    expect: { poll: { timeout: 30_000, interval: 50 } },
  },
});
