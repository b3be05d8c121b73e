import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "contract",
          include: ["test/*.test.ts"],
          // One Prism serves every test file; requests are independent, so files run in parallel.
          globalSetup: ["./test/global-setup.ts"],
          testTimeout: 30_000,
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
