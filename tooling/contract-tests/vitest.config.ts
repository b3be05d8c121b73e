import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // What scripts/run-tests.ts counts; set here, not on its command line, so that
    // `pnpm test` and a plain `turbo run test` are the same task and share a cache.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
    projects: [
      {
        test: {
          name: "contract",
          include: ["test/*.test.ts"],
          // One Prism serves every test file; requests are independent, so files run in parallel.
          globalSetup: ["./test/global-setup.ts"],
          // Above a request's MOCK_PATIENCE_MS (test/support/mock-client.ts): a test's requests wait
          // on one shared mock, and a busy machine stretches that wait.
          testTimeout: 600_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          // Reads what the contract project exercised, so it runs after it.
          name: "coverage",
          include: ["test/summary/*.test.ts"],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
