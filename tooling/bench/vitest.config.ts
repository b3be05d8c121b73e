import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A backstop: the overhead and size tests run the benchmarks themselves (bounded in rounds
    // and time), and beside stress-ng --cpu 8 and other builds they outlasted 60 s.
    testTimeout: 600_000,
  },
});
