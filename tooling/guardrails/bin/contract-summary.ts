// `pnpm --filter @billing-api/guardrails contract-summary [--out FILE]`: the
// breaking-change guardrail (`breakingChanges()` of src/checks.ts: every change of
// the bundled spec since openapi/released/openapi.yaml, from its structural diff
// and `redocly diff`) as Markdown for a pull request: the verdict, the version
// bump the changes need, and every change, grouped by operation or component.
// Prints it; appends it to $GITHUB_STEP_SUMMARY when that is set (in GitHub
// Actions); writes it to FILE with --out (the contract workflow posts that file
// as a comment). Exits 1 when the check fails. Run `pnpm bundle` first.
import { appendFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ROOT } from "@billing-api/repository";
import { type BreakingChangesResult, breakingChanges } from "../src/checks.ts";
import { formatChanges } from "../src/contract-changes.ts";
import { type Bump, bumped } from "../src/release-plan.ts";

/** Why the changes need `bump`, in words. */
const WHY: Record<Bump, string> = {
  major: "breaking changes",
  minor: "additions",
  patch: "changes that neither break nor add",
  none: "no change to the contract",
};

/** The report as Markdown. */
export function contractSummary(result: BreakingChangesResult = breakingChanges()): { ok: boolean; markdown: string } {
  const lines = [`## ${result.ok ? "✅" : "❌"} Contract: breaking changes`, ""];
  const { report } = result;
  if (!report) {
    // The specs could not be compared: the check's output says why.
    lines.push("```text", result.output.replaceAll(ROOT, ""), "```", "");
    return { ok: result.ok, markdown: lines.join("\n") };
  }
  const { bump, counts, breaking } = report.required;
  const why = breaking && bump !== "major" ? "breaking changes, while below 1.0" : WHY[bump];
  if (report.changes.length) {
    lines.push(
      "| | |",
      "| --- | --- |",
      `| released contract (\`openapi/released/openapi.yaml\`) | ${report.releasedVersion} |`,
      `| \`info.version\` of this change | ${report.specVersion || "?"} |`,
      `| changes | ${counts} |`,
      `| bump the contract needs | **${bump}**${bump === "none" ? "" : ` (${why}): at least ${bumped(report.releasedVersion, bump)}`} |`,
      "",
    );
  }
  // The check's verdict and what it says to do (the ❌/✅ line, the Fix line, each ✖ about the changesets).
  lines.push(...report.verdict, "");
  if (!result.ok) {
    lines.push("What each line above asks is in the README, _Changing the API_.", "");
  }
  if (report.changes.length) {
    lines.push(
      `<details><summary>Every change (${report.changes.length}), by operation and component</summary>`,
      "",
      "```text",
      ...formatChanges(report.changes),
      "```",
      "",
      "</details>",
      "",
    );
  }
  return { ok: result.ok, markdown: lines.join("\n") };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const { ok, markdown } = contractSummary();
  if (values.out) {
    writeFileSync(values.out, markdown);
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  }
  // exitCode, not exit(): a long report must reach a pipe whole.
  process.stdout.write(markdown);
  process.exitCode = ok ? 0 : 1;
}
