// Builds dist/esm and dist/cjs from src/ (see scripts/lib/build-dual.mjs).
import { fileURLToPath } from "node:url";
import { buildDual } from "../../../scripts/lib/build-dual.mjs";

buildDual(fileURLToPath(new URL("..", import.meta.url)));
