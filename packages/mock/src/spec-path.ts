// The bundled spec this package mocks: the copy its build puts in dist/
// (scripts/build.ts), the contract it was released with. The same path from
// src/ (this package's own tests) as from dist/.
import { fileURLToPath } from "node:url";

export const specPath = fileURLToPath(new URL("../dist/openapi.yaml", import.meta.url));
