// The bundled spec this package mocks (built by `pnpm bundle`).
import { createRequire } from "node:module";

export const specPath = createRequire(import.meta.url).resolve("@billing-api/openapi/openapi.yaml");
