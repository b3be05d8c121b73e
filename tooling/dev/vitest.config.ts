import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Above three of the test's own backstops (WAIT_WALL_MS in test/dev.test.ts, 15 min: a test
    // waits up to three times), each of which says what it waited for.
    testTimeout: 3_000_000,
    hookTimeout: 3_000_000,
  },
});
