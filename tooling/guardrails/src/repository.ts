// The repository as the checks and tools see it: its root, its workspace
// packages (as pnpm-workspace.yaml lists them) and which are published, and
// the tools this package depends on.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A file as a check's output names it: relative to the repository when it is in it. */
export const inRepo = (file: string): string => (relative(ROOT, file).startsWith("..") ? file : relative(ROOT, file));

const OWN_MODULES = fileURLToPath(new URL("../node_modules/", import.meta.url));

/** The manifest of a package this package depends on. */
export function ownManifest(pkg: string): { dir: string; version: string; bin?: string | Record<string, string> } {
  const dir = join(OWN_MODULES, pkg);
  return { dir, ...(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string; bin?: string | Record<string, string> }) };
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

/**
 * Every workspace package's folder (absolute), as pnpm-workspace.yaml lists
 * them: a folder, or `<folder>/*` for each folder in it with a package.json.
 */
export function workspacePackageDirs(root = ROOT): string[] {
  const workspace = load(readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")) as { packages?: unknown };
  const patterns = Array.isArray(workspace.packages) ? workspace.packages.map(String) : [];
  const dirs = patterns.flatMap((pattern) => {
    if (pattern.endsWith("/*") && !/[*?{[!]/.test(pattern.slice(0, -2))) {
      return readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(pattern.slice(0, -2), entry.name));
    }
    if (/[*?{[!]/.test(pattern)) {
      throw new Error(`pnpm-workspace.yaml: "${pattern}" is a pattern workspacePackageDirs does not read (only a folder or <folder>/*).`);
    }
    return [pattern];
  });
  return [...new Set(dirs)].map((dir) => join(root, dir)).filter((dir) => existsSync(join(dir, "package.json")));
}

/** The packages that are published: every workspace package not marked private. */
export function publishedPackages(): string[] {
  return workspacePackageDirs().filter((dir) => !JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private);
}
