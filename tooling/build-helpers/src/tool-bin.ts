// The path of a command-line tool a package depends on, found as Node finds the
// package from `from` (a module URL), by its manifest's `bin`: read from the
// manifest itself, since not every package exports its package.json.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** The folder and manifest of `pkg` as seen from `from`. */
export function manifestOf(
  from: string | URL,
  pkg: string,
): { dir: string; version: string; bin?: string | Record<string, string> } {
  const dirs = createRequire(from).resolve.paths(pkg) ?? [];
  const dir = dirs
    .map((modules) => join(modules, pkg))
    .find((candidate) => existsSync(join(candidate, "package.json")));
  if (!dir) {
    throw new Error(`${pkg} is not installed where ${String(from)} looks: run \`pnpm install\`.`);
  }
  return {
    dir,
    ...(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      version: string;
      bin?: string | Record<string, string>;
    }),
  };
}

/** The file of `pkg`'s `name` bin, as seen from `from`. */
export function toolBin(from: string | URL, pkg: string, name: string): string {
  const { dir, bin } = manifestOf(from, pkg);
  const path = typeof bin === "string" ? bin : bin?.[name];
  if (!path) {
    throw new Error(`${pkg} has no "${name}" bin.`);
  }
  return join(dir, path);
}
