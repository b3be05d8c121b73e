// Builds a package twice from its src/: ESM into <dist>/esm (tsconfig.build.json)
// and CommonJS into <dist>/cjs (tsconfig.cjs.json, marked as such by its own
// package.json), each with its .d.ts. Used by every published TypeScript package;
// `dist` and `configs` let a package build part of its dist/ this way.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface BuildDualOptions {
  /** Output folder, relative to `root`. */
  dist?: string;
  /** The ESM config, then the CommonJS one. */
  configs?: readonly [esm: string, cjs: string];
}

export function buildDual(
  root: string,
  { dist = "dist", configs = ["tsconfig.build.json", "tsconfig.cjs.json"] }: BuildDualOptions = {},
): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  rmSync(`${root}/${dist}`, { recursive: true, force: true });
  for (const config of configs) {
    const result = spawnSync(process.execPath, [tsc, "-p", config], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) {
      process.exit(result.status ?? 1);
    }
  }
  mkdirSync(`${root}/${dist}/cjs`, { recursive: true });
  writeFileSync(`${root}/${dist}/cjs/package.json`, `${JSON.stringify({ type: "commonjs" })}\n`);
  console.log(`Built ${dist}/esm (ESM) and ${dist}/cjs (CommonJS), each with type declarations.`);
}
