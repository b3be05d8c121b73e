// The packages meet only through declared dependencies: no script, import or
// `new URL(…, import.meta.url)` reaches into another package's folder by a
// relative path, and turbo.json names no package's files.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, workspacePackageDirs } from "../src/repository.ts";

const packages = workspacePackageDirs().sort((a, b) => b.length - a.length);
/** The package folder a file is in: the deepest one that holds it (the root is one too). */
const ownerOf = (file: string): string => packages.find((dir) => file.startsWith(`${dir}/`)) ?? ROOT;

/** Every TypeScript or JavaScript file of a folder, without node_modules, dist and other packages' folders. */
function sourcesOf(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!/^(node_modules|dist|\.turbo|\.git)$/.test(entry.name)) {
          walk(path);
        }
      } else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name)) {
        files.push(path);
      }
    }
  };
  walk(dir);
  return files;
}

const RELATIVE_SPECIFIERS = [
  /\bfrom\s+["'](\.\.?\/[^"']+)["']/g,
  /\bimport\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g,
  /\bnew URL\(\s*["'](\.\.?\/[^"']*)["'],\s*import\.meta\.url\s*\)/g,
];

describe("package boundaries", () => {
  it("no source file reaches into another package by a relative path", () => {
    const reaches: string[] = [];
    for (const file of sourcesOf(ROOT)) {
      const owner = ownerOf(file);
      const text = readFileSync(file, "utf8");
      for (const pattern of RELATIVE_SPECIFIERS) {
        for (const [, specifier] of text.matchAll(pattern)) {
          const target = resolve(dirname(file), specifier!);
          if (ownerOf(`${target}/`) !== owner) {
            reaches.push(`${relative(ROOT, file)}: ${specifier}`);
          }
        }
      }
    }
    expect(reaches).toEqual([]);
  });

  it("no package script runs a file outside its package", () => {
    const reaches = packages.flatMap((dir) => {
      const { scripts = {} } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        scripts?: Record<string, string>;
      };
      return Object.entries(scripts)
        .filter(([, command]) => /(^|\s)\.\.\//.test(command))
        .map(([name, command]) => `${relative(ROOT, dir)} ${name}: ${command}`);
    });
    expect(reaches).toEqual([]);
  });

  it("turbo.json names no package's files", () => {
    const turbo = readFileSync(join(ROOT, "turbo.json"), "utf8");
    const named = packages.map((dir) => relative(ROOT, dir)).filter((dir) => turbo.includes(`$TURBO_ROOT$/${dir}/`));
    expect(named).toEqual([]);
  });
});
