// `pnpm lint` of the contract: `redocly lint` with redocly.yaml (recommended-strict and
// the house rules of plugins/) on the spec in the current folder. Any error or warning
// fails it. Every finding is listed, then redocly's total, as a report to read; under
// GitHub Actions (GITHUB_ACTIONS=true), they are printed again as GitHub annotations,
// which the job's log does not show as lines.
//
// The output can be long, so this ends by setting process.exitCode, never by
// process.exit(), which would cut what a pipe has not read yet.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "@billing-api/build-helpers/quiet-run";
import { toolBin } from "@billing-api/build-helpers/tool-bin";

/** Redocly stops listing findings after `--max-problems`: this is more than any spec has, so every one is listed. */
export const EVERY_PROBLEM = 2 ** 31 - 1;

const REDOCLY = toolBin(import.meta.url, "@redocly/cli", "redocly");

export interface LintResult {
  ok: boolean;
  output: string;
}

/**
 * Redocly's formats for where the output is read: the readable report always (a terminal
 * with CI set included), and GitHub's annotations as well under GitHub Actions.
 */
export function lintFormats(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.GITHUB_ACTIONS === "true" ? ["stylish", "github-actions"] : ["stylish"];
}

/** Lints `<specDir>/openapi.yaml` with `<specDir>/redocly.yaml`, once per format of `lintFormats(env)`. */
export function lint(specDir: string, env: NodeJS.ProcessEnv = process.env): LintResult {
  const root = join(specDir, "openapi.yaml");
  if (!existsSync(root)) {
    return { ok: false, output: `✖ ${root} does not exist: lint runs in the folder of the spec (openapi/).` };
  }
  let ok = true;
  const outputs: string[] = [];
  for (const format of lintFormats(env)) {
    const args = [
      REDOCLY,
      "lint",
      root,
      "--config",
      join(specDir, "redocly.yaml"),
      `--format=${format}`,
      `--max-problems=${EVERY_PROBLEM}`,
    ];
    const { status, output } = run(process.execPath, args, { cwd: specDir });
    ok &&= status === 0;
    outputs.push(output);
  }
  return { ok, output: outputs.join("\n") };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ok, output } = lint(process.cwd());
  console.log(`${ok ? "✓" : "✖"} lint\n${output.replace(/^/gm, "  ")}`);
  process.exitCode = ok ? 0 : 1;
}
