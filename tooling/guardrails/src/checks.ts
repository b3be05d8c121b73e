// The guardrails of the contract, each a function that runs one check and
// reports { name, ok, output }. `bin/check.ts` runs them all on the
// repository; the tests run them on seeded copies to prove that each one bites.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { load } from "js-yaml";
import type { Node } from "../../../openapi/src/reader.ts";
import { type ContractChange, countChanges, formatChanges, mergeChanges, type RedoclyChange } from "./contract-changes.ts";
import { bumped, type ChangeCounts, infoVersion, type RequiredBump, releasePlanProblems, requiredBump, versionVerdict } from "./release-plan.ts";
import { diffSpecs } from "./spec-diff.ts";

/** What every check reports. */
export interface CheckResult {
  name: string;
  ok: boolean;
  output: string;
}

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SPEC_DIR = join(ROOT, "openapi");

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

const QUIET = { REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_TELEMETRY: "off", NO_COLOR: "1", FORCE_COLOR: "0" };
// Redocly CLI prints a boxed Node 20 deprecation notice on every run; it says nothing about the check.
const withoutBanner = (text: string): string =>
  text
    .replace(/^.*[╔║╚].*\n?/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

function run(command: string, args: readonly string[], { cwd = ROOT, env = {} }: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...QUIET, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? 1, stdout: result.stdout ?? "", output: withoutBanner(`${result.stdout ?? ""}${result.stderr ?? ""}`) };
}

/** Redocly stops listing findings after `--max-problems`: this is more than any spec has, so every one is listed. */
export const EVERY_PROBLEM = 2 ** 31 - 1;

/**
 * `redocly lint` with recommended-strict and the house rules: any error or warning fails. Every finding is
 * listed, then the total (redocly's last line). Annotated in CI.
 */
export function lint({ specDir = SPEC_DIR }: { specDir?: string } = {}): CheckResult {
  const root = join(specDir, "openapi.yaml");
  if (!existsSync(root)) {
    return { name: "lint", ok: false, output: `✖ ${inRepo(root)} does not exist: lint runs in the folder of the spec (openapi/).` };
  }
  const format = process.env.CI ? "github-actions" : "stylish";
  const { status, output } = run(process.execPath, [
    bin("@redocly/cli", "redocly"),
    "lint",
    root,
    "--config",
    join(specDir, "redocly.yaml"),
    `--format=${format}`,
    `--max-problems=${EVERY_PROBLEM}`,
  ]);
  return { name: "lint", ok: status === 0, output };
}

/** The generators, as `[generator script, the file it owns]`. */
export const GENERATED: ReadonlyArray<readonly [script: string, file: string]> = [
  ["packages/types/scripts/generate.ts", "packages/types/src/generated/schema.ts"],
  ["packages/client/scripts/generate.ts", "packages/client/src/generated/operations.ts"],
];

/** The TypeScript loader the generators run under (resolved here, so any working directory will do). */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Every generated file is regenerated into a temporary place and compared with the committed one. */
export function drift({ targets = {} }: { targets?: Record<string, string> } = {}): CheckResult {
  const outputs = [];
  let ok = true;
  for (const [script, file] of GENERATED) {
    const target = targets[file];
    const { status, output } = run(process.execPath, ["--import", TSX, join(ROOT, script), ...(target ? [`--target=${target}`] : [])]);
    ok &&= status === 0;
    outputs.push(output);
  }
  return { name: "drift", ok, output: outputs.join("\n") };
}

/** The contract's changes and the verdict on them, for the tools that show them (the dry run, the PR summary). */
export interface ContractReport {
  changes: ContractChange[];
  counts: ChangeCounts;
  releasedVersion: string;
  specVersion: string;
  required: RequiredBump;
  /** The check's verdict and what to do: the ❌/✅ line about info.version, a `Fix:` line, a `✖` line per changeset problem. */
  verdict: string[];
}

export interface BreakingChangesResult extends CheckResult {
  /** Absent when the specs could not be compared (the output says why). */
  report?: ContractReport;
}

/**
 * The bundled spec against the last released contract (`openapi/released/openapi.yaml`):
 * every change, from the structural diff of spec-diff.ts merged with `redocly diff`'s
 * report (diff-recommended), each with the bump it needs (contract-changes.ts).
 * It fails unless `info.version` carries the bump the changes need. The pending
 * changesets must give the release at least that bump, and make the version
 * info.version says (see release-plan.ts). A failure says which file to edit,
 * the version to set and the changeset to add.
 */
export function breakingChanges({
  released = join(SPEC_DIR, "released/openapi.yaml"),
  current = join(SPEC_DIR, "dist/openapi.yaml"),
  changesetDir = join(ROOT, ".changeset"),
  packageVersion = (JSON.parse(readFileSync(join(SPEC_DIR, "package.json"), "utf8")) as { version: string }).version,
}: {
  released?: string;
  current?: string;
  changesetDir?: string;
  packageVersion?: string;
} = {}): BreakingChangesResult {
  const name = "breaking changes";
  for (const file of [released, current]) {
    if (!existsSync(file)) {
      return { name, ok: false, output: `✖ ${inRepo(file)} does not exist: run \`pnpm bundle\`, then this check again.` };
    }
  }
  const diff = run(process.execPath, [
    bin("@redocly/cli", "redocly"),
    "diff",
    released,
    current,
    "--config",
    join(SPEC_DIR, "redocly.yaml"),
    "--format=json",
    "--fail-on=none",
  ]);
  let theirs: RedoclyChange[];
  try {
    theirs = (JSON.parse(diff.stdout) as { changes: RedoclyChange[] }).changes;
  } catch {
    return { name, ok: false, output: `✖ \`redocly diff\` gave no report (exit ${diff.status}):\n${diff.output}` };
  }
  let changes: ContractChange[];
  try {
    const parse = (file: string) => load(readFileSync(file, "utf8")) as Node;
    changes = mergeChanges(diffSpecs(parse(released), parse(current)), theirs);
  } catch (error) {
    return { name, ok: false, output: `✖ ${inRepo(released)} and ${inRepo(current)} could not be compared: ${(error as Error).message}` };
  }
  const counts = countChanges(changes);
  const [releasedVersion, specVersion] = [infoVersion(released), infoVersion(current)];
  const required = requiredBump(counts, releasedVersion);
  const version = versionVerdict(releasedVersion, specVersion, required);
  const verdict = [version.line];
  if (!version.ok && required.bump !== "none") {
    const next = bumped(releasedVersion, required.bump);
    verdict.push(
      `Fix: set \`version: ${next}\` under \`info:\` in openapi/openapi.yaml, and add a \`${required.bump}\` changeset (\`pnpm changeset\`) saying what users must change.`,
    );
  }
  const problems = releasePlanProblems({ counts, releasedVersion, specVersion, packageVersion, changesetDir });
  verdict.push(...problems.map((problem) => `✖ ${problem}`));
  const summary = `${counts.major} major, ${counts.minor} minor, ${counts.patch} patch.`;
  const output = [...formatChanges(changes), ...(changes.length ? [""] : []), summary, ...verdict].join("\n");
  const report = { changes, counts, releasedVersion, specVersion, required, verdict };
  return { name, ok: version.ok && problems.length === 0, output, report };
}

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
    problems.push(`${file}: a hand-written declaration file; write the module in TypeScript instead, and its types come with it.`);
  }
  for (const file of files.filter((f) => /\.[cm]?jsx?$/.test(f) && !JAVASCRIPT_ALLOWED.some(([folder]) => f.startsWith(folder)))) {
    problems.push(`${file}: JavaScript; the repository's code is TypeScript (.ts, run by \`node --import tsx\` or Vitest).`);
  }
  const programs = new Map<string, Set<string>>();
  const taken = (config: string): Set<string> => {
    let names = programs.get(config);
    if (!names) {
      const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      names = new Set(parsed?.fileNames ?? []);
      programs.set(config, names);
    }
    return names;
  };
  for (const file of files.filter((f) => /\.[cm]?ts$/.test(f) && !/\.d\.[cm]?ts$/.test(f) && !CHECKED_ELSEWHERE.some((folder) => f.startsWith(folder)))) {
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
  return Object.entries(exportsField).flatMap(([key, value]) => [...(key.startsWith(".") ? [] : [key]), ...exportConditions(value)]);
}

/** The files a `bin` field names. */
function binTargets(binField: Manifest["bin"]): string[] {
  return typeof binField === "string" ? [binField] : Object.values(binField ?? {});
}

/**
 * Each published package passes publint (strict) and, when it has JavaScript,
 * @arethetypeswrong/cli; `npm pack` ships only what its `files` list names
 * (plus package.json, README, licence), no tests, and every file `exports` and
 * `bin` name.
 */
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
      const attw = run(process.execPath, [bin("@arethetypeswrong/cli", "attw"), "--pack", dir, ...options, "--format", "json"]);
      const report = JSON.parse(attw.stdout) as { analysis?: { problems?: { resolutionKind?: string }[] } };
      const found = (report.analysis?.problems ?? []).filter((problem) => !ignored.has(problem.resolutionKind ?? ""));
      if (found.length > 0) {
        problems.push(`${manifest.name}: arethetypeswrong\n${JSON.stringify(found, null, 2)}`);
      }
    }

    const packed = packedFiles(dir);
    const intended = (file: string) =>
      ALWAYS_PACKED.test(file) || (manifest.files ?? []).some((entry) => file === entry || file.startsWith(`${entry.replace(/\/$/, "")}/`));
    const unintended = packed.filter((file) => !intended(file) || /(^|\/)(test|tests|__tests__)\/|\.test\.[cm]?[jt]s$/.test(file));
    if (unintended.length > 0) {
      problems.push(`${manifest.name}: npm pack would publish files its "files" list does not name:\n  ${unintended.join("\n  ")}`);
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
  return { name: "packages", ok: problems.length === 0, output: [...lines, ...problems.map((p) => `✖ ${p}`)].join("\n") };
}

/**
 * The client's size budgets: an app making one call with an operation
 * function, and the same call through `createBillingClient`, each bundled,
 * minified and gzipped by esbuild, must stay within the budgets set in
 * src/bundle-size.ts. `budget` lets the tests lower the first.
 */
export async function bundleSize({ budget }: { budget?: number } = {}): Promise<CheckResult> {
  const { measureBundleSizes } = await import("./bundle-size.ts");
  const sizes = await measureBundleSizes();
  const apps = [
    { what: "app with an operation function", size: sizes.operation_gzip_bytes, limit: budget ?? sizes.budget_gzip_bytes, app: sizes.apps.operation },
    { what: "app with createBillingClient", size: sizes.client_gzip_bytes, limit: sizes.client_budget_gzip_bytes, app: sizes.apps.client },
  ];
  const lines = apps.map(({ what, size, limit }) => `${what}: ${size} B gzipped (budget ${limit} B)`);
  lines.push(`target ${sizes.target_gzip_bytes} B for the first; bare openapi-fetch ${sizes.openapi_fetch_gzip_bytes} B`);
  const over = apps.filter(({ size, limit }) => size > limit);
  if (!over.length) {
    return { name: "bundle size", ok: true, output: lines.join("\n") };
  }
  const details = over.map(
    ({ what, size, limit, app }) =>
      `✖ ${what}: ${size - limit} B over.\n  What each module adds:\n  ${app.modules.map((m) => `${m.module}: ${m.minified_bytes} B minified`).join("\n  ")}`,
  );
  return {
    name: "bundle size",
    ok: false,
    output: `${lines.join("\n")}\n${details.join("\n")}\n  Make the client smaller, or raise the budget in tooling/guardrails/src/bundle-size.ts and say why.`,
  };
}
