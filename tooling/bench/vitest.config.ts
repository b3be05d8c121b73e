import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // What scripts/run-tests.ts counts; set here, not on its command line, so that
    // `pnpm test` and a plain `turbo run test` are the same task and share a cache.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
    include: ["test/**/*.test.ts"],
    // A backstop: the overhead and size tests run the benchmarks themselves (bounded in rounds
    // and time), and beside stress-ng --cpu 8 and other builds they outlasted 60 s.
    testTimeout: 600_000,
  },
});
