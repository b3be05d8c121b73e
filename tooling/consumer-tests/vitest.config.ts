import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // What scripts/run-tests.ts counts; set here, not on its command line, so that
    // `pnpm test` and a plain `turbo run test` are the same task and share a cache.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
    include: ["test/**/*.test.ts"],
    // Packs and installs the consumer project, starts the mock and the silent server once.
    globalSetup: ["./test/global-setup.ts"],
    hookTimeout: 180_000,
    testTimeout: 120_000,
    // Each runtime cell is a process of its own; two at a time keep the timeouts they measure honest on 2 cores.
    maxConcurrency: 2,
  },
});
