import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // What scripts/run-tests.ts counts; set here, not on its command line, so that
    // `pnpm test` and a plain `turbo run test` are the same task and share a cache.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
    include: ["test/**/*.test.ts"],
    // Above three of the test's own backstops (WAIT_WALL_MS in test/dev.test.ts, 15 min: a test
    // waits up to three times), each of which says what it waited for.
    testTimeout: 3_000_000,
    hookTimeout: 3_000_000,
  },
});
