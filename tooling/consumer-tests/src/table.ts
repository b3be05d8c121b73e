// The matrix as text: one row per runtime, one column per scenario step.
import type { StepResult } from "./cells.ts";

const MARK = { ok: "✓", failed: "✗", skipped: "n/a", missing: "–" };
/** Steps whose detail is worth a glance in the table itself: the measured times. */
const TIMED = new Set(["timeout", "abort"]);

function mark(result: StepResult | undefined): string {
  if (!result) {
    return MARK.missing;
  }
  if (result.skipped) {
    return MARK.skipped;
  }
  if (!result.ok) {
    return MARK.failed;
  }
  const ms = TIMED.has(result.step) ? / after (\d+) ms/.exec(result.detail)?.[1] : undefined;
  return ms ? `${MARK.ok} ${ms} ms` : MARK.ok;
}

export function formatMatrix(
  steps: string[],
  rows: Array<{ runtime: string; results: StepResult[] }>,
  rowHeader = "runtime",
): string {
  const table = [
    [rowHeader, ...steps],
    ...rows.map(({ runtime, results }) => [
      runtime,
      ...steps.map((step) => mark(results.find((r) => r.step === step))),
    ]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => [...row[column]!].length)));
  const line = (row: string[]) =>
    row.map((cell, column) => cell + " ".repeat(widths[column]! - [...cell].length)).join(" │ ");
  const lines = [line(table[0]!), widths.map((width) => "─".repeat(width)).join("─┼─"), ...table.slice(1).map(line)];
  const failures = rows.flatMap(({ runtime, results }) =>
    results.filter((r) => !r.ok).map((r) => `  ✗ ${runtime} › ${r.step}: ${r.detail}`),
  );
  return [...lines, ...(failures.length ? ["", "Failed:", ...failures] : [])].join("\n");
}
