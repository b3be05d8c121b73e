#!/usr/bin/env node
// `pnpm check`: every guardrail of the contract, in one run. Lints the spec,
// bundles it and builds the packages (through turbo, cached), then checks drift,
// breaking changes, the published packages and the client's size budget. Prints each result and a
// summary; exits 1 if any guardrail fails.
import { spawnSync } from "node:child_process";
import { ROOT, breakingChanges, bundleSize, drift, lint, packages } from "../src/checks.mjs";

const turbo = (task) =>
  spawnSync("pnpm", ["exec", "turbo", "run", task, "--output-logs=errors-only"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  }).status === 0;

const results = [];
const report = (result) => {
  results.push(result);
  console.log(`\n${result.ok ? "✓" : "✖"} ${result.name}\n${result.output.replace(/^/gm, "  ")}`);
};

report(lint());
if (turbo("bundle")) {
  report(drift());
  report(breakingChanges());
} else {
  report({ name: "drift", ok: false, output: "not run: the spec does not bundle" });
  report({ name: "breaking changes", ok: false, output: "not run: the spec does not bundle" });
}
if (turbo("build")) {
  report(packages());
  report(await bundleSize());
} else {
  report({ name: "packages", ok: false, output: "not run: the packages do not build" });
  report({ name: "bundle size", ok: false, output: "not run: the packages do not build" });
}

const failed = results.filter((r) => !r.ok).map((r) => r.name);
console.log(`\npnpm check: ${results.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.join(", ")})` : ""}`);
process.exit(failed.length ? 1 : 0);
