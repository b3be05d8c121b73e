import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Above the test's own backstop for each wait (WAIT_MS in test/dev.test.ts), which says what it waited for.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
