// `node --import tsx tooling/guardrails/bin/contract-summary.ts [--out FILE]`: the
// breaking-change guardrail (`breakingChanges()` of src/checks.ts: `redocly diff`
// of the bundled spec against openapi/released/openapi.yaml) as Markdown for a
// pull request: the verdict, the version bump the changes need, and every change.
// Prints it; appends it to $GITHUB_STEP_SUMMARY when that is set (in GitHub
// Actions); writes it to FILE with --out (the contract workflow posts that file
// as a comment). Exits 1 when the check fails. Run `pnpm bundle` first.
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, breakingChanges } from "../src/checks.ts";
import { type Bump, bumped, infoVersion, requiredBump } from "../src/release-plan.ts";

const RELEASED = join(ROOT, "openapi/released/openapi.yaml");
const CURRENT = join(ROOT, "openapi/dist/openapi.yaml");

/** Why the changes need `bump`, in words. */
const WHY: Record<Bump, string> = {
  major: "breaking changes",
  minor: "additions",
  patch: "changes that neither break nor add",
  none: "no change to the contract",
};

/** The report as Markdown. */
export function contractSummary(): { ok: boolean; markdown: string } {
  const result = breakingChanges();
  // Paths in the report, relative to the repository.
  const report = result.output
    .replaceAll(ROOT, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const released = existsSync(RELEASED) ? infoVersion(RELEASED) : "";
  const current = existsSync(CURRENT) ? infoVersion(CURRENT) : "";
  // The check's own verdict and what it says to do (redocly's ✅/❌, the Fix line, each ✖ about the changesets).
  const verdict = report.split("\n").filter((line) => /^(❌|✅|✖|Fix:)/.test(line.trim()));
  const lines = [`## ${result.ok ? "✅" : "❌"} Contract: breaking changes`, ""];
  const needed = requiredBump(report, released);
  const why = needed.bump === "minor" && !needed.counts.startsWith("0 major") ? "breaking changes, while below 1.0" : WHY[needed.bump];
  if (released && needed.counts !== "no changes") {
    lines.push(
      "| | |",
      "| --- | --- |",
      `| released contract (\`openapi/released/openapi.yaml\`) | ${released} |`,
      `| \`info.version\` of this change | ${current || "?"} |`,
      `| changes | ${needed.counts} |`,
      `| bump the contract needs | **${needed.bump}**${needed.bump === "none" ? "" : ` (${why}): at least ${bumped(released, needed.bump)}`} |`,
      "",
    );
  }
  if (verdict.length) lines.push(...verdict.map((line) => line.trim()), "");
  if (!result.ok) {
    lines.push("What each line above asks is in the README, _Changing the API_.", "");
  }
  lines.push("<details><summary>Every change (<code>redocly diff</code>)</summary>", "", "```text", report, "```", "", "</details>", "");
  return { ok: result.ok, markdown: lines.join("\n") };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const { ok, markdown } = contractSummary();
  process.stdout.write(markdown);
  if (values.out) writeFileSync(values.out, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  process.exit(ok ? 0 : 1);
}
