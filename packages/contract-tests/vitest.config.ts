import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    // One Prism serves every test file; requests are independent, so files may run in parallel.
    testTimeout: 15_000,
    hookTimeout: 60_000,
  },
});
