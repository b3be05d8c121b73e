import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { run } from "@billing-api/build-helpers/quiet-run";
import type { Node } from "@billing-api/openapi/reader";
import { inRepo, ROOT } from "@billing-api/repository";
import { GENERATORS } from "@billing-api/repository/generators";
import { load } from "js-yaml";
import {
  type ContractChange,
  countChanges,
  formatChanges,
  mergeChanges,
  type RedoclyChange,
} from "./contract-changes.ts";
import {
  bumped,
  type ChangeCounts,
  infoVersion,
  type RequiredBump,
  releasePlanProblems,
  requiredBump,
  versionVerdict,
} from "./release-plan.ts";
import { diffSpecs } from "./spec-diff.ts";
import { SPEC_DIR } from "./subjects.ts";
import { bin } from "./tools.ts";

export { packages } from "./publishable.ts";
export { sources } from "./sources.ts";

/** What every check reports. */
export interface CheckResult {
  name: string;
  ok: boolean;
  output: string;
}

/** The TypeScript loader the generators run under (resolved here, so any working directory will do). */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Every generated file is regenerated into a temporary place and compared with the committed one. */
export function drift({ targets = {} }: { targets?: Record<string, string> } = {}): CheckResult {
  const outputs = [];
  let ok = true;
  for (const { script, writes: file } of GENERATORS) {
    const target = targets[file];
    const { status, output } = run(process.execPath, [
      "--import",
      TSX,
      join(ROOT, script),
      ...(target ? [`--target=${target}`] : []),
    ]);
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
      return {
        name,
        ok: false,
        output: `✖ ${inRepo(file)} does not exist: run \`pnpm bundle\`, then this check again.`,
      };
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
    return {
      name,
      ok: false,
      output: `✖ ${inRepo(released)} and ${inRepo(current)} could not be compared: ${(error as Error).message}`,
    };
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
    {
      what: "app with an operation function",
      size: sizes.operation_gzip_bytes,
      limit: budget ?? sizes.budget_gzip_bytes,
      app: sizes.apps.operation,
    },
    {
      what: "app with createBillingClient",
      size: sizes.client_gzip_bytes,
      limit: sizes.client_budget_gzip_bytes,
      app: sizes.apps.client,
    },
  ];
  const lines = apps.map(({ what, size, limit }) => `${what}: ${size} B gzipped (budget ${limit} B)`);
  lines.push(
    `target ${sizes.target_gzip_bytes} B for the first; bare openapi-fetch ${sizes.openapi_fetch_gzip_bytes} B`,
  );
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
