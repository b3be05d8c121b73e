import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/*.test.ts"],
    // startMock runs the compiled dist/main.js: rebuilt first when src/ or the spec is newer.
    globalSetup: ["./test/support/fresh-build.ts"],
  },
});
