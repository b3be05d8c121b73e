#!/usr/bin/env node
// `pnpm test`: runs every package's tests through turbo (which first lints,
// bundles, checks generated files and builds what they need), then every
// guardrail through `pnpm check`, then adds up Vitest's JSON results and the
// guardrails and ends with the line CI reads: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const RESULTS = ".vitest-results.json";

const packageDirs = ["openapi", ...readdirSync(join(root, "packages")).map((name) => join("packages", name))]
  .filter((dir) => existsSync(join(root, dir, "package.json")))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => manifest.scripts?.test);

for (const { dir } of packageDirs) rmSync(join(root, dir, RESULTS), { force: true });

const turbo = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "test", "--", "--reporter=default", "--reporter=json", `--outputFile.json=${RESULTS}`],
  { cwd: root, stdio: "inherit", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } },
);

// Every guardrail, through the one entry point maintainers use. Each counts as one result.
const check = spawnSync("pnpm", ["check"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
process.stdout.write(check.stdout ?? "");
const checkSummary = /pnpm check: (\d+) passed, (\d+) failed/.exec(check.stdout ?? "");

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const { dir, manifest } of packageDirs) {
  const file = join(root, dir, RESULTS);
  if (!existsSync(file)) {
    failed += 1;
    rows.push(`  ${manifest.name}: no results (its tests or a task before them failed)`);
    continue;
  }
  const result = JSON.parse(readFileSync(file, "utf8"));
  // A run can fail outside any test (an unhandled error, a failed setup): count it once.
  const runError = !result.success && result.numFailedTests === 0 ? 1 : 0;
  passed += result.numPassedTests;
  failed += result.numFailedTests + runError;
  skipped += result.numPendingTests + result.numTodoTests;
  rows.push(
    `  ${manifest.name}: ${result.numPassedTests} passed, ${result.numFailedTests + runError} failed` +
      (runError ? " (the run itself failed)" : ""),
  );
}
if (checkSummary) {
  passed += Number(checkSummary[1]);
  failed += Number(checkSummary[2]);
  rows.push(`  pnpm check (guardrails): ${checkSummary[1]} passed, ${checkSummary[2]} failed`);
} else {
  failed += 1;
  rows.push(`  pnpm check (guardrails): did not finish (exit ${check.status ?? check.signal})`);
}
if (turbo.status !== 0 && failed === 0) {
  failed = 1;
  rows.push(`  turbo exited with ${turbo.status ?? turbo.signal}`);
}

console.log(`\nTest results by package:\n${rows.join("\n")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(turbo.status === 0 && check.status === 0 && failed === 0 ? 0 : 1);
