// The sources check: the repository's code is TypeScript, each file in its
// package's tsconfig.json.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { ROOT } from "@billing-api/repository";
import type { CheckResult } from "./checks.ts";

/** Folders that hold no hand-written source: installs, builds, caches and reports. */
const NOT_SOURCE = new Set([".git", "node_modules", "dist", ".turbo", "test-results", "coverage"]);
/** The only places JavaScript is written by hand, and why. */
export const JAVASCRIPT_ALLOWED: ReadonlyArray<readonly [folder: string, why: string]> = [
  ["openapi/plugins/", "Redocly loads its plugins with a plain import(); typed with JSDoc and checked by tsc"],
  ["tooling/consumer-tests/fixtures/", "what a user without TypeScript writes, run as it is by every runtime"],
];
/** TypeScript that no package's tsconfig.json takes in, on purpose. */
const CHECKED_ELSEWHERE = ["tooling/consumer-tests/fixtures/typescript/"];

/** Every file under `dir` that could be source, as paths relative to `dir`. */
function sourceFiles(dir: string, under = ""): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((entry) => {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      return NOT_SOURCE.has(entry.name) ? [] : sourceFiles(dir, path);
    }
    return entry.isFile() ? [path] : [];
  });
}

/**
 * One source convention: code is TypeScript (`.ts`), with no hand-written
 * declaration files; JavaScript only where `JAVASCRIPT_ALLOWED` says why; and
 * every `.ts` file is taken in by the tsconfig.json of its package (the nearest
 * one above it), so the `typecheck` task checks it.
 */
export async function sources({ root = ROOT }: { root?: string } = {}): Promise<CheckResult> {
  const { default: ts } = await import("typescript");
  const files = sourceFiles(root);
  const problems: string[] = [];
  for (const file of files.filter((f) => /\.d\.[cm]?ts$/.test(f))) {
    problems.push(
      `${file}: a hand-written declaration file; write the module in TypeScript instead, and its types come with it.`,
    );
  }
  for (const file of files.filter(
    (f) => /\.[cm]?jsx?$/.test(f) && !JAVASCRIPT_ALLOWED.some(([folder]) => f.startsWith(folder)),
  )) {
    problems.push(
      `${file}: JavaScript; the repository's code is TypeScript (.ts, run by \`node --import tsx\` or Vitest).`,
    );
  }
  const programs = new Map<string, Set<string>>();
  const taken = (config: string): Set<string> => {
    let names = programs.get(config);
    if (!names) {
      const parsed = ts.getParsedCommandLineOfConfigFile(
        config,
        {},
        { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
      );
      names = new Set(parsed?.fileNames ?? []);
      programs.set(config, names);
    }
    return names;
  };
  for (const file of files.filter(
    (f) =>
      /\.[cm]?ts$/.test(f) && !/\.d\.[cm]?ts$/.test(f) && !CHECKED_ELSEWHERE.some((folder) => f.startsWith(folder)),
  )) {
    let dir = dirname(join(root, file));
    while (!existsSync(join(dir, "tsconfig.json")) && dir.startsWith(root) && dir !== root) {
      dir = dirname(dir);
    }
    const config = join(dir, "tsconfig.json");
    if (!existsSync(config) || !taken(config).has(join(root, file))) {
      problems.push(
        `${file}: no tsconfig.json takes it in (${existsSync(config) ? `add it to the "include" of ${relative(root, config)}` : "its package has no tsconfig.json"}), so nothing type-checks it.`,
      );
    }
  }
  const output = problems.length
    ? problems.map((p) => `✖ ${p}`).join("\n")
    : `${files.filter((f) => /\.[cm]?ts$/.test(f)).length} TypeScript files, each in its package's tsconfig.json; JavaScript only in ${JAVASCRIPT_ALLOWED.map(([f]) => f).join(" and ")}.`;
  return { name: "sources", ok: problems.length === 0, output };
}
