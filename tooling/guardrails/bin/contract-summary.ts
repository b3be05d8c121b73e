// `node --import tsx tooling/guardrails/bin/contract-summary.ts [--out FILE]`: the
// breaking-change guardrail (`breakingChanges()` of src/checks.ts: `redocly diff`
// of the bundled spec against openapi/released/openapi.yaml) as Markdown for a
// pull request: the verdict, the version bump the changes need, and every change.
// Prints it; appends it to $GITHUB_STEP_SUMMARY when that is set (in GitHub
// Actions); writes it to FILE with --out (the contract workflow posts that file
// as a comment). Exits 1 when the check fails. Run `pnpm bundle` first.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, breakingChanges } from "../src/checks.ts";

const RELEASED = join(ROOT, "openapi/released/openapi.yaml");
const CURRENT = join(ROOT, "openapi/dist/openapi.yaml");

/** `info.version` of a bundled spec (its first two-space-indented `version:`), if the file is there. */
function specVersion(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  return /^ {2}version: ['"]?([^'"\s]+)['"]?$/m.exec(readFileSync(file, "utf8"))?.[1];
}

type Bump = "major" | "minor" | "patch";

/** The bump `released` needs for these changes, and the version it gives: below 1.0 a breaking change is a minor bump. */
export function neededBump(released: string, changes: Record<Bump, number>): { bump: Bump | "none"; next: string; why: string } {
  const [major = 0, minor = 0, patch = 0] = released.split(".").map(Number);
  if (changes.major > 0 && major === 0) return { bump: "minor", next: `0.${minor + 1}.0`, why: "breaking changes, while below 1.0" };
  if (changes.major > 0) return { bump: "major", next: `${major + 1}.0.0`, why: "breaking changes" };
  if (changes.minor > 0) return { bump: "minor", next: `${major}.${minor + 1}.0`, why: "additions" };
  if (changes.patch > 0) return { bump: "patch", next: `${major}.${minor}.${patch + 1}`, why: "changes that neither break nor add" };
  return { bump: "none", next: released, why: "no change to the contract" };
}

/** The report as Markdown. */
export function contractSummary(): { ok: boolean; markdown: string } {
  const result = breakingChanges();
  // Paths in the report, relative to the repository.
  const report = result.output
    .replaceAll(ROOT, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const counts = /(\d+) major, (\d+) minor, (\d+) patch\./.exec(report);
  const released = specVersion(RELEASED);
  const current = specVersion(CURRENT);
  const verdict = report.split("\n").find((line) => /^(❌|✅)/.test(line.trim()));
  const lines = [`## ${result.ok ? "✅" : "❌"} Contract: breaking changes`, ""];
  if (counts && released) {
    const changes = { major: Number(counts[1]), minor: Number(counts[2]), patch: Number(counts[3]) };
    const needed = neededBump(released, changes);
    lines.push(
      "| | |",
      "| --- | --- |",
      `| released contract (\`openapi/released/openapi.yaml\`) | ${released} |`,
      `| \`info.version\` of this change | ${current ?? "?"} |`,
      `| changes | ${changes.major} major, ${changes.minor} minor, ${changes.patch} patch |`,
      `| bump the contract needs | **${needed.bump}**${needed.bump === "none" ? "" : ` (${needed.why}): at least ${needed.next}`} |`,
      "",
    );
  }
  if (verdict) lines.push(verdict.trim(), "");
  if (!result.ok) {
    lines.push(
      "Bump `info.version` in `openapi/openapi.yaml` to the version named above and give the changeset the same kind of bump (`pnpm changeset`); see the README, _Changing the API_.",
      "",
    );
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
