// Builds the spec reader (src/reader.ts) into dist/reader/esm and dist/reader/cjs.
import { fileURLToPath } from "node:url";
import { buildDual } from "@billing-api/build-helpers/build-dual";

buildDual(fileURLToPath(new URL("..", import.meta.url)), {
  dist: "dist/reader",
  configs: ["tsconfig.reader.json", "tsconfig.reader-cjs.json"],
});
