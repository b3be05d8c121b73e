// The bundled spec the tests read (built by `pnpm bundle`), and `$ref` following within it.
import { existsSync, readFileSync } from "node:fs";
import { resolvePointer } from "./schema-walker.js";

export type Node = Record<string, any>;

const BUNDLE = new URL("../dist/openapi.json", import.meta.url);
if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE.pathname} is missing: run \`pnpm bundle\` at the repository root first`);

export const spec = JSON.parse(readFileSync(BUNDLE, "utf8")) as Node;

/** `node`, or what its `$ref` (and any `$ref` there) points to in the bundle. */
export function resolve<T extends Node | undefined>(node: T): T {
  return typeof node?.$ref === "string" ? resolve(resolvePointer(spec, node.$ref) as T) : node;
}
