// The bundled spec the tests read (built by `pnpm bundle`), through the one spec reader (src/reader.ts).
import { existsSync, readFileSync } from "node:fs";
import { type Node, readSpec } from "../src/reader.ts";

export type { Node };

const BUNDLE = new URL("../dist/openapi.json", import.meta.url);
if (!existsSync(BUNDLE)) {
  throw new Error(`${BUNDLE.pathname} is missing: run \`pnpm bundle\` at the repository root first`);
}

export const reader = readSpec(JSON.parse(readFileSync(BUNDLE, "utf8")) as Node);
export const { spec, resolve, operations } = reader;
