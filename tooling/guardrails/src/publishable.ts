// The publishable check: what each published package ships, and that its
// types resolve (publint, arethetypeswrong, npm pack).
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { run } from "@billing-api/build-helpers/quiet-run";
import { publishedPackages, ROOT } from "@billing-api/repository";
import type { CheckResult } from "./checks.ts";
import { bin } from "./tools.ts";

const ALWAYS_PACKED = /^(package\.json|README(\.md)?|LICEN[CS]E(\.md)?|CHANGELOG\.md)$/i;

/** What `npm pack` would publish, as paths relative to the package. */
function packedFiles(dir: string): string[] {
  const { status, stdout, output } = run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: dir });
  if (status !== 0) {
    throw new Error(`npm pack failed in ${dir}:\n${output}`);
  }
  const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
  return packed?.files.map((file) => file.path) ?? [];
}

/** Every file an `exports` map points at. */
function exportTargets(exportsField: unknown): string[] {
  if (typeof exportsField === "string") {
    return [exportsField];
  }
  if (!exportsField || typeof exportsField !== "object") {
    return [];
  }
  return Object.values(exportsField).flatMap(exportTargets);
}

/** The conditions an `exports` map uses (`import`, `require`, `types`, …), at every depth. */
function exportConditions(exportsField: unknown): string[] {
  if (!exportsField || typeof exportsField !== "object") {
    return [];
  }
  return Object.entries(exportsField).flatMap(([key, value]) => [
    ...(key.startsWith(".") ? [] : [key]),
    ...exportConditions(value),
  ]);
}

/** The files a `bin` field names. */
function binTargets(binField: Manifest["bin"]): string[] {
  return typeof binField === "string" ? [binField] : Object.values(binField ?? {});
}

/** The parts of a package.json the checks read. */
interface Manifest {
  name: string;
  private?: boolean;
  files?: string[];
  main?: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
  /** What pnpm pack puts in the published package.json in place of the fields of the same names. */
  publishConfig?: { bin?: string | Record<string, string> };
}

/**
 * Each published package passes publint (strict) and, when it has JavaScript,
 * @arethetypeswrong/cli; `npm pack` ships only what its `files` list names
 * (plus package.json, README, licence), no tests, and every file `exports` and
 * `bin` name.
 */
export function packages({ dirs = publishedPackages() }: { dirs?: string[] } = {}): CheckResult {
  const problems: string[] = [];
  const lines: string[] = [];
  for (const dir of dirs) {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
    const shown = relative(ROOT, dir) || dir;
    const publint = run(process.execPath, [bin("publint", "publint"), dir, "--strict"]);
    if (publint.status !== 0 || /Errors:|Warnings:/.test(publint.output)) {
      problems.push(`${manifest.name}: publint\n${publint.output}`);
    }

    const targets = exportTargets(manifest.exports).map((target) => target.replace(/^\.\//, ""));
    if (targets.some((target) => /\.(c|m)?js$/.test(target))) {
      // Entry points that are data files (the spec as YAML or JSON) have no types to check. A
      // package with no "." entry cannot be resolved by node10 (it knows no subpath exports).
      const entries = manifest.exports && typeof manifest.exports === "object" ? Object.entries(manifest.exports) : [];
      const dataEntries = entries
        .filter(([key, value]) => key !== "./package.json" && !exportTargets(value).some((t) => /\.(c|m)?js$/.test(t)))
        .map(([key]) => key);
      const options = dataEntries.length ? ["--exclude-entrypoints", ...dataEntries] : [];
      const subpathsOnly = entries.length > 0 && !entries.some(([key]) => key === ".");
      // A package with no `require` entry and no `main` is ES modules only, on purpose: the
      // resolutions attw's esm-only profile leaves out (node10, and CommonJS's `require`, which
      // Node 20.19+ and 22.12+ serve from an ES module without top-level await) are not its problems.
      const esmOnly = !exportConditions(manifest.exports).includes("require") && manifest.main === undefined;
      const ignored = new Set([...(subpathsOnly || esmOnly ? ["node10"] : []), ...(esmOnly ? ["node16-cjs"] : [])]);
      const attw = run(process.execPath, [
        bin("@arethetypeswrong/cli", "attw"),
        "--pack",
        dir,
        ...options,
        "--format",
        "json",
      ]);
      const report = JSON.parse(attw.stdout) as { analysis?: { problems?: { resolutionKind?: string }[] } };
      const found = (report.analysis?.problems ?? []).filter((problem) => !ignored.has(problem.resolutionKind ?? ""));
      if (found.length > 0) {
        problems.push(`${manifest.name}: arethetypeswrong\n${JSON.stringify(found, null, 2)}`);
      }
    }

    const packed = packedFiles(dir);
    const intended = (file: string) =>
      ALWAYS_PACKED.test(file) ||
      (manifest.files ?? []).some((entry) => file === entry || file.startsWith(`${entry.replace(/\/$/, "")}/`));
    const unintended = packed.filter(
      (file) => !intended(file) || /(^|\/)(test|tests|__tests__)\/|\.test\.[cm]?[jt]s$/.test(file),
    );
    if (unintended.length > 0) {
      problems.push(
        `${manifest.name}: npm pack would publish files its "files" list does not name:\n  ${unintended.join("\n  ")}`,
      );
    }
    const missing = targets.filter((target) => !packed.includes(target));
    if (missing.length > 0) {
      problems.push(`${manifest.name}: "exports" names files npm pack would not publish:\n  ${missing.join("\n  ")}`);
    }
    const missingBins = [...binTargets(manifest.bin), ...binTargets(manifest.publishConfig?.bin)]
      .map((target) => target.replace(/^\.\//, ""))
      .filter((target) => !packed.includes(target));
    if (missingBins.length > 0) {
      problems.push(`${manifest.name}: "bin" names files npm pack would not publish:\n  ${missingBins.join("\n  ")}`);
    }
    lines.push(`${manifest.name} (${shown}): ${packed.length} files packed`);
  }
  return {
    name: "packages",
    ok: problems.length === 0,
    output: [...lines, ...problems.map((p) => `✖ ${p}`)].join("\n"),
  };
}
