// Builds dist/esm and dist/cjs from src/ (see @billing-api/build-helpers).
import { fileURLToPath } from "node:url";
import { buildDual } from "@billing-api/build-helpers/build-dual";

buildDual(fileURLToPath(new URL("..", import.meta.url)));
