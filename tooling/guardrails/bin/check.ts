// `pnpm check`: every guardrail of the contract, each a turbo task, so each runs once and is cached like any
// other task. The lint is the contract's own task and drift the generators'; the rest are this package's scripts,
// which read what they check through its declared dependencies (src/subjects.ts):
//
//   lint              @billing-api/openapi   redocly lint, house rules included (openapi/scripts/lint.ts)
//   drift             types, client          `generate` without --write: the generated files match the spec
//   breaking changes  guardrails             `breaking-changes`: every change since the released contract, and its bump
//   owasp             guardrails             `owasp`: Spectral (spectral:oas + OWASP) on the bundle, no request-side error
//   generator output  guardrails             `generator-output`: no unknown / Record<string, never> from hey-api or openapi-typescript
//   provenance        guardrails             `provenance`: every pattern and enum cites its source; no operation carries another service's facts
//   publishable       guardrails             `publishable`: publint, arethetypeswrong, npm pack, for every published package
//   size budget       guardrails             `size-budget`: the app with the client, gzipped, within budget
//   code style        the repository         `code-style`: Biome's formatter and linter (generated files skipped)
//   types             every package          `typecheck`: tsc on everything it holds (sources, scripts, tests)
//   sources           guardrails             `sources`: TypeScript throughout, each file in its package's tsconfig
//   workflows         guardrails             `workflows`: .github/workflows valid (action-validator) and within the house rules
//
// Prints each result and "pnpm check: N passed, N failed"; exits 1 if any failed.
//
// `node --import tsx bin/check.ts <breaking-changes|owasp|generator-output|provenance|publishable|size-budget|sources|workflows>`
// runs one check: what those tasks run, and the same functions the bite tests prove.
//
// Output can be long, so it ends by setting process.exitCode, never by process.exit(), which
// would cut what a pipe has not read yet.
import { spawnSync } from "node:child_process";
import { ROOT } from "@billing-api/repository";
import { breakingChanges, bundleSize, type CheckResult, packages, sources } from "../src/checks.ts";

const ONE: Record<string, () => CheckResult | Promise<CheckResult>> = {
  "breaking-changes": () => breakingChanges(),
  // Imported when run: Spectral and hey-api take a while to load, and the other checks need neither.
  owasp: async () => (await import("../src/owasp.ts")).owasp(),
  "generator-output": async () => (await import("../src/generator-output.ts")).generatorOutput(),
  provenance: async () => (await import("../src/provenance.ts")).provenance(),
  publishable: () => packages(),
  "size-budget": () => bundleSize(),
  sources: () => sources(),
  workflows: async () => (await import("../src/workflows.ts")).workflows(),
};

const which = process.argv[2];
if (which) {
  const check = ONE[which];
  if (!check) {
    console.error(`Unknown check ${JSON.stringify(which)}: use one of ${Object.keys(ONE).join(", ")}.`);
    process.exitCode = 2;
  } else {
    const result = await check();
    console.log(`${result.ok ? "✓" : "✖"} ${result.name}\n${result.output.replace(/^/gm, "  ")}`);
    process.exitCode = result.ok ? 0 : 1;
  }
} else {
  runAll();
}

/** Every check, each through turbo, then the tally. */
function runAll(): void {
  const CHECKS = [
    { name: "lint", task: "lint" },
    { name: "drift", task: "generate" },
    { name: "breaking changes", task: "breaking-changes" },
    { name: "owasp", task: "owasp" },
    { name: "generator output", task: "generator-output" },
    { name: "provenance", task: "provenance" },
    { name: "publishable", task: "publishable" },
    { name: "size budget", task: "size-budget" },
    { name: "code style", task: "code-style" },
    { name: "types", task: "typecheck" },
    { name: "sources", task: "sources" },
    { name: "workflows", task: "workflows" },
  ];

  const failed: string[] = [];
  for (const { name, task } of CHECKS) {
    // Cached when nothing it reads changed; a failure prints the task's log.
    const run = spawnSync("pnpm", ["exec", "turbo", "run", task, "--output-logs=errors-only"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    });
    const ok = run.status === 0;
    if (!ok) {
      failed.push(name);
    }
    const tally = /Cached:\s+(\d+) cached, (\d+) total/.exec(run.stdout ?? "");
    console.log(
      `${ok ? "✓" : "✖"} ${name} (turbo run ${task}${tally ? `: ${tally[2]} tasks, ${tally[1]} cached` : ""})`,
    );
    if (!ok) {
      console.log((run.stdout ?? "").replace(/^/gm, "  "));
    }
  }

  console.log(
    `\npnpm check: ${CHECKS.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.join(", ")})` : ""}`,
  );
  process.exitCode = failed.length ? 1 : 0;
}
