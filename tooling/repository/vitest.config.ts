import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // What scripts/run-tests.ts counts; set here, not on its command line, so that
    // `pnpm test` and a plain `turbo run test` are the same task and share a cache.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
    include: ["test/**/*.test.ts"],
  },
});
