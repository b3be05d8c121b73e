// The tools this package depends on, found through its own node_modules.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const OWN_MODULES = fileURLToPath(new URL("../node_modules/", import.meta.url));

/** The manifest of a package this package depends on. */
export function ownManifest(pkg: string): { dir: string; version: string; bin?: string | Record<string, string> } {
  const dir = join(OWN_MODULES, pkg);
  return {
    dir,
    ...(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      version: string;
      bin?: string | Record<string, string>;
    }),
  };
}

/** The path of a CLI this package depends on (read from its manifest: not every package exports it). */
export function bin(pkg: string, name: string): string {
  const { dir, bin: bins } = ownManifest(pkg);
  const path = typeof bins === "string" ? bins : bins?.[name];
  if (!path) {
    throw new Error(`${pkg} has no "${name}" bin.`);
  }
  return join(dir, path);
}
