// The repository as its tools see it: its root, its workspace packages (as
// pnpm-workspace.yaml lists them) and which of them are published.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";

/** The nearest folder at or above `from` that holds a pnpm-workspace.yaml. */
export function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) {
      return dir.endsWith("/") ? dir : `${dir}/`;
    }
    if (dirname(dir) === dir) {
      throw new Error(
        `No pnpm-workspace.yaml at or above ${from}: @billing-api/repository works inside the repository only.`,
      );
    }
  }
}

/** The repository's root folder, with a trailing slash. */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A file as a tool's output names it: relative to the repository when it is in it. */
export const inRepo = (file: string): string => (relative(ROOT, file).startsWith("..") ? file : relative(ROOT, file));

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
      throw new Error(
        `pnpm-workspace.yaml: "${pattern}" is a pattern workspacePackageDirs does not read (only a folder or <folder>/*).`,
      );
    }
    return [pattern];
  });
  return [...new Set(dirs)].map((dir) => join(root, dir)).filter((dir) => existsSync(join(dir, "package.json")));
}

/** The packages that are published: every workspace package not marked private. */
export function publishedPackages(root = ROOT): string[] {
  return workspacePackageDirs(root).filter(
    (dir) => !JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private,
  );
}
